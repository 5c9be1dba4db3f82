import { describe, expect, it } from 'vitest';
import { CaseContentAudience } from '../../src/access/case-content';
import { assignedToCaller, caseTaskOnMyList, findingActionOnMyList } from '../../src/access/my-work';
import type { Principal } from '../../src/access/principal';
import { OrganisationKind, Role } from '../../src/access/roles';
import { checkActivityDates, checkDueOn, checkHeldOn, DateRuleReason } from '../../src/shared/date-rules';
import { dueWindowOf } from '../../src/modules/work/my-work.service';
import { DueWindow } from '../../src/modules/work/work-item.repository';

const police = 'org-police';
const danderyd = 'org-danderyd';
const pl: Principal = {
  userId: 'user-pl',
  organisationId: police,
  organisationKind: OrganisationKind.POLICE,
  roles: [Role.POLICE_LIAISON],
  sessionId: 's',
  sessionHash: 'h',
  partnershipIds: ['p'],
  partnershipOrganisationIds: [police, danderyd],
};
const statutory = { shareId: 'sh', legalBasis: 'STATUTORY:OSL_10_18C' };
const facts = (member: boolean, shares = [statutory]) => ({
  caseId: 'c',
  ownerOrganisationId: danderyd,
  callerIsMember: member,
  activeSharesWithCaller: shares,
  activeBreakGlassId: null,
});
const edges = (active: boolean) => ({
  ownerOrganisationId: danderyd,
  activeShares: active
    ? [{ organisationId: police, basisKind: 'STATUTORY', statutoryGround: 'OSL_10_18C', consentScope: null }]
    : [],
});
const task = (
  assignedOrganisationId: string,
  assignedUserId: string | null,
  audience = CaseContentAudience.SHARED,
) => ({
  assignedOrganisationId,
  assignedUserId,
  authorOrganisationId: danderyd,
  audience,
});

describe('my work (src/access/my-work.ts)', () => {
  it('is assigned to the caller, or to its organisation without a person', () => {
    expect(assignedToCaller(pl, task(police, 'user-pl'))).toBe(true);
    expect(assignedToCaller(pl, task(police, null))).toBe(true);
    expect(assignedToCaller(pl, task(police, 'someone-else'))).toBe(false);
    expect(assignedToCaller(pl, task(danderyd, null))).toBe(false);
    expect(assignedToCaller(undefined, task(police, null))).toBe(false);
  });

  it('a case task is on the list only for a member whose organisation may see it now', () => {
    expect(caseTaskOnMyList(pl, facts(true), edges(true) as never, task(police, 'user-pl'))).toBe(true);
    expect(caseTaskOnMyList(pl, facts(false), edges(true) as never, task(police, 'user-pl'))).toBe(false);
    expect(caseTaskOnMyList(pl, facts(true, []), edges(false) as never, task(police, 'user-pl'))).toBe(false);
    expect(
      caseTaskOnMyList(pl, facts(true), edges(true) as never, task(police, null, CaseContentAudience.OWN_ORGANISATION)),
    ).toBe(false);
    expect(caseTaskOnMyList(pl, undefined, edges(true) as never, task(police, 'user-pl'))).toBe(false);
  });
});

describe('due windows (Swedish calendar dates)', () => {
  it.each([
    ['2026-11-30', DueWindow.OVERDUE],
    ['2026-12-01', DueWindow.NEXT_7_DAYS],
    ['2026-12-04', DueWindow.NEXT_7_DAYS],
    ['2026-12-08', DueWindow.NEXT_7_DAYS],
    ['2026-12-09', DueWindow.LATER],
  ])('%s on 2026-12-01 is %s', (dueOn, window) => {
    expect(dueWindowOf(dueOn, '2026-12-01')).toBe(window);
  });
  it('crosses a month and a year', () => {
    expect(dueWindowOf('2027-01-03', '2026-12-28')).toBe(DueWindow.NEXT_7_DAYS);
    expect(dueWindowOf('2027-01-05', '2026-12-28')).toBe(DueWindow.LATER);
  });
});

describe('date rules', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const reasonOf = (f: () => void): unknown => {
    try {
      f();
      return null;
    } catch (e) {
      return (e as { details: { reason: string } }).details.reason;
    }
  };
  it('an activity that has not started is neither done nor reports people reached', () => {
    const later = new Date('2026-12-08T12:00:00Z');
    expect(reasonOf(() => checkActivityDates({ startsAt: later, done: true, peopleReached: null }, now))).toBe(
      DateRuleReason.NOT_STARTED_YET,
    );
    expect(reasonOf(() => checkActivityDates({ startsAt: later, done: false, peopleReached: 14 }, now))).toBe(
      DateRuleReason.PEOPLE_REACHED_BEFORE_START,
    );
    expect(reasonOf(() => checkActivityDates({ startsAt: later, done: false, peopleReached: null }, now))).toBeNull();
    expect(reasonOf(() => checkActivityDates({ startsAt: now, done: true, peopleReached: 14 }, now))).toBeNull();
  });
  it('meetings are held today or before; due dates are on or after creation', () => {
    expect(reasonOf(() => checkHeldOn('heldOn', '2026-12-02', '2026-12-01'))).toBe(DateRuleReason.MEETING_IN_FUTURE);
    expect(reasonOf(() => checkHeldOn('heldOn', '2026-12-01', '2026-12-01'))).toBeNull();
    expect(reasonOf(() => checkDueOn('dueOn', '2026-11-30', '2026-12-01'))).toBe(DateRuleReason.DUE_BEFORE_CREATION);
    expect(reasonOf(() => checkDueOn('dueOn', '2026-12-01', '2026-12-01'))).toBeNull();
  });
});

describe('findingActionOnMyList', () => {
  it("is on the list of the finding's owner organisation only (a finding's action has no person)", () => {
    expect(findingActionOnMyList(pl, { ownerOrganisationId: police })).toBe(true);
    expect(findingActionOnMyList(pl, { ownerOrganisationId: danderyd })).toBe(false);
    expect(findingActionOnMyList(undefined, { ownerOrganisationId: police })).toBe(false);
  });
});
