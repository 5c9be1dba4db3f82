import { describe, expect, it } from 'vitest';
import {
  breakGlassDecision,
  BreakGlassDecision,
  caseAccess,
  legalHoldVisible,
  CaseAccessVia,
  caseWorkerRoles,
  CaseOperation,
  externalReferenceVisible,
  isOwnOrganisation,
  mayWorkCases,
  shareAcceptance,
  ShareAcceptance,
  type CaseAccessFacts,
} from '../../src/access/case-access';
import type { Principal } from '../../src/access/principal';
import { OrganisationKind, Role } from '../../src/access/roles';

const DANDERYD = '00000000-0000-4000-8000-00000000000b';
const POLICE = '00000000-0000-4000-8000-00000000000a';
const CASE = '44444444-4444-4444-8444-444444444444';
const SHARE = '55555555-5555-4555-8555-555555555555';
const GLASS = '66666666-6666-4666-8666-666666666666';

function principal(roles: Role[], organisationId = DANDERYD): Principal {
  return {
    userId: '11111111-1111-4111-8111-111111111111',
    organisationId,
    organisationKind: organisationId === POLICE ? OrganisationKind.POLICE : OrganisationKind.SOCIAL_SERVICES,
    roles,
    sessionId: '22222222-2222-4222-8222-222222222222',
    sessionHash: 'f'.repeat(64),
    partnershipIds: ['33333333-3333-4333-8333-333333333333'],
    partnershipOrganisationIds: [DANDERYD, POLICE],
  };
}

const facts = (overrides: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  caseId: CASE,
  ownerOrganisationId: DANDERYD,
  callerIsMember: false,
  activeSharesWithCaller: [],
  activeBreakGlassId: null,
  ...overrides,
});

const ALL = Object.values(CaseOperation);
const sw = principal([Role.SOCIAL_WORKER]);
const police = principal([Role.POLICE_LIAISON], POLICE);

describe('caseAccess (pure decision)', () => {
  it('a member of the owner organisation may do everything', () => {
    for (const op of ALL)
      expect(caseAccess(sw, facts({ callerIsMember: true }), op)).toEqual({
        caseId: CASE,
        via: CaseAccessVia.MEMBER,
        purpose: null,
      });
  });

  it('a non-member of the owner organisation may do nothing, unless break-the-glass is active — then read only', () => {
    for (const op of ALL) expect(caseAccess(sw, facts(), op)).toBeNull();
    const glass = facts({ activeBreakGlassId: GLASS });
    expect(caseAccess(sw, glass, CaseOperation.READ)).toEqual({
      caseId: CASE,
      via: CaseAccessVia.BREAK_GLASS,
      purpose: `break-glass:${GLASS}`,
    });
    for (const op of ALL.filter((o) => o !== CaseOperation.READ)) expect(caseAccess(sw, glass, op)).toBeNull();
  });

  it('a partner member reads and works only under an active legal basis, which becomes the purpose', () => {
    const active = [{ shareId: SHARE, legalBasis: 'STATUTORY:OSL_10_18C' }];
    const purpose = `legal-basis:${SHARE}:STATUTORY:OSL_10_18C`;
    for (const op of [CaseOperation.READ, CaseOperation.WORK, CaseOperation.MANAGE_OWN_MEMBERS]) {
      expect(caseAccess(police, facts({ callerIsMember: true, activeSharesWithCaller: active }), op)).toEqual({
        caseId: CASE,
        via: CaseAccessVia.PARTNER,
        purpose,
      });
    }
    expect(
      caseAccess(police, facts({ callerIsMember: true, activeSharesWithCaller: active }), CaseOperation.SHARE),
    ).toBeNull();
    // Withdrawn or expired (no active share): nothing, member or not
    for (const op of ALL) expect(caseAccess(police, facts({ callerIsMember: true }), op)).toBeNull();
    // A partner's non-member adds nobody, not even themselves: the first member takes the share (shareAcceptance)
    expect(caseAccess(police, facts({ activeSharesWithCaller: active }), CaseOperation.MANAGE_OWN_MEMBERS)).toBeNull();
    // Only the owner's members end a partner's membership
    expect(
      caseAccess(
        police,
        facts({ callerIsMember: true, activeSharesWithCaller: active }),
        CaseOperation.MANAGE_PARTNER_MEMBERS,
      ),
    ).toBeNull();
    expect(caseAccess(police, facts({ activeSharesWithCaller: active }), CaseOperation.READ)).toBeNull();
    // Break-the-glass never reaches across organisations
    expect(caseAccess(police, facts({ activeBreakGlassId: GLASS }), CaseOperation.READ)).toBeNull();
  });

  it('a legal hold is decided by the owner organisation’s members only; partners and break-the-glass readers do not see or set it', () => {
    const active = [{ shareId: SHARE, legalBasis: 'STATUTORY:OSL_10_18C' }];
    const member = caseAccess(sw, facts({ callerIsMember: true }), CaseOperation.LEGAL_HOLD);
    expect(member?.via).toBe(CaseAccessVia.MEMBER);
    expect(
      caseAccess(police, facts({ callerIsMember: true, activeSharesWithCaller: active }), CaseOperation.LEGAL_HOLD),
    ).toBeNull();
    expect(caseAccess(sw, facts({ activeBreakGlassId: GLASS }), CaseOperation.LEGAL_HOLD)).toBeNull();
    // Seeing it: whoever reads the case for the owner (members, break-the-glass), never a partner.
    expect(legalHoldVisible(member)).toBe(true);
    expect(legalHoldVisible(caseAccess(sw, facts({ activeBreakGlassId: GLASS }), CaseOperation.READ))).toBe(true);
    expect(
      legalHoldVisible(
        caseAccess(police, facts({ callerIsMember: true, activeSharesWithCaller: active }), CaseOperation.READ),
      ),
    ).toBe(false);
    expect(legalHoldVisible(null)).toBe(false);
  });

  it('roles without cases get nothing, even as recorded members', () => {
    for (const role of [Role.ADMIN, Role.AUDITOR, Role.TRAINING_COORDINATOR]) {
      for (const op of ALL)
        expect(
          caseAccess(principal([role]), facts({ callerIsMember: true, activeBreakGlassId: GLASS }), op),
        ).toBeNull();
    }
    expect(caseAccess(undefined, facts({ callerIsMember: true }), CaseOperation.READ)).toBeNull();
    expect(caseAccess(sw, null, CaseOperation.READ)).toBeNull();
  });

  it('denies on malformed facts and on an exception inside the check', () => {
    expect(caseAccess(sw, facts({ ownerOrganisationId: '', callerIsMember: true }), CaseOperation.READ)).toBeNull();
    expect(
      caseAccess(
        police,
        facts({ callerIsMember: true, activeSharesWithCaller: [{ shareId: '', legalBasis: 'X' }] }),
        CaseOperation.READ,
      ),
    ).toBeNull();
    const throwing = facts({ callerIsMember: true });
    Object.defineProperty(throwing, 'ownerOrganisationId', {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(caseAccess(sw, throwing, CaseOperation.READ)).toBeNull();
    expect(caseAccess(sw, facts({ callerIsMember: true }), 'unknown' as CaseOperation)?.via).toBe(CaseAccessVia.MEMBER); // members of the owner: all operations
    expect(
      caseAccess(
        police,
        facts({ callerIsMember: true, activeSharesWithCaller: [{ shareId: SHARE, legalBasis: 'X' }] }),
        'unknown' as CaseOperation,
      ),
    ).toBeNull();
  });
});

describe('breakGlassDecision', () => {
  it('only a case worker of the owner organisation who is not a member', () => {
    expect(breakGlassDecision(sw, facts())).toBe(BreakGlassDecision.ALLOWED);
    expect(breakGlassDecision(sw, facts({ callerIsMember: true }))).toBe(BreakGlassDecision.ALREADY_MEMBER);
    expect(breakGlassDecision(police, facts())).toBe(BreakGlassDecision.NOT_FOUND);
    expect(breakGlassDecision(principal([Role.POLICE_LIAISON], POLICE), facts({ ownerOrganisationId: POLICE }))).toBe(
      BreakGlassDecision.ALLOWED,
    );
    for (const role of [Role.ADMIN, Role.AUDITOR, Role.TRAINING_COORDINATOR])
      expect(breakGlassDecision(principal([role]), facts())).toBe(BreakGlassDecision.NOT_FOUND);
    expect(breakGlassDecision(undefined, facts())).toBe(BreakGlassDecision.NOT_FOUND);
    expect(breakGlassDecision(sw, undefined)).toBe(BreakGlassDecision.NOT_FOUND);
  });
});

describe('mayWorkCases', () => {
  it('social workers and police liaisons only; unknown role strings count for nothing', () => {
    expect(mayWorkCases(['SOCIAL_WORKER'])).toBe(true);
    expect(mayWorkCases(['POLICE_LIAISON', 'AUDITOR'])).toBe(true);
    expect(mayWorkCases(['AUDITOR', 'ADMIN', 'TRAINING_COORDINATOR'])).toBe(false);
    expect(mayWorkCases(['constructor', '__proto__'])).toBe(false);
    expect(mayWorkCases([])).toBe(false);
  });

  it('caseWorkerRoles names exactly the roles mayWorkCases accepts (the candidates query asks for these)', () => {
    expect(caseWorkerRoles().sort()).toEqual([Role.POLICE_LIAISON, Role.SOCIAL_WORKER].sort());
    for (const role of Object.values(Role)) expect(caseWorkerRoles().includes(role)).toBe(mayWorkCases([role]));
  });
});

describe('isOwnOrganisation (members are managed per organisation)', () => {
  it('is true only for the caller’s own organisation, and never without a caller or an id', () => {
    expect(isOwnOrganisation(principal([Role.SOCIAL_WORKER]), DANDERYD)).toBe(true);
    expect(isOwnOrganisation(principal([Role.SOCIAL_WORKER]), POLICE)).toBe(false);
    expect(isOwnOrganisation(undefined, DANDERYD)).toBe(false);
    expect(isOwnOrganisation(principal([Role.SOCIAL_WORKER]), '')).toBe(false);
    expect(isOwnOrganisation(principal([Role.SOCIAL_WORKER]), null)).toBe(false);
  });
});

describe('shareAcceptance (taking a share addressed to the organisation)', () => {
  it('a case worker of the receiving organisation takes an active share nobody of it has taken', () => {
    const worker = principal([Role.POLICE_LIAISON], POLICE);
    const facts = { shareOrganisationId: POLICE, active: true, organisationMemberCount: 0 };
    expect(shareAcceptance(worker, facts)).toBe(ShareAcceptance.ALLOWED);
    expect(shareAcceptance(worker, { ...facts, organisationMemberCount: 1 })).toBe(ShareAcceptance.ALREADY_TAKEN);
    expect(shareAcceptance(worker, { ...facts, active: false })).toBe(ShareAcceptance.NOT_FOUND);
    expect(shareAcceptance(worker, { ...facts, shareOrganisationId: DANDERYD })).toBe(ShareAcceptance.NOT_FOUND);
    expect(shareAcceptance(principal([Role.AUDITOR], POLICE), facts)).toBe(ShareAcceptance.NOT_FOUND);
    expect(shareAcceptance(undefined, facts)).toBe(ShareAcceptance.NOT_FOUND);
  });
});

describe("externalReferenceVisible (the organisation's own reference on a case)", () => {
  const grant = (via: CaseAccessVia) => ({ caseId: CASE, via, purpose: null });
  it('a member of the case sees it, of the owner or of a partner', () => {
    expect(externalReferenceVisible(grant(CaseAccessVia.MEMBER), true)).toBe(true);
    expect(externalReferenceVisible(grant(CaseAccessVia.PARTNER), true)).toBe(true);
  });
  it('a break-the-glass reader, a reader who is no member and a missing grant do not', () => {
    expect(externalReferenceVisible(grant(CaseAccessVia.BREAK_GLASS), false)).toBe(false);
    expect(externalReferenceVisible(grant(CaseAccessVia.BREAK_GLASS), true)).toBe(false);
    expect(externalReferenceVisible(grant(CaseAccessVia.MEMBER), false)).toBe(false);
    expect(externalReferenceVisible(null, true)).toBe(false);
    expect(externalReferenceVisible(undefined, true)).toBe(false);
  });
});
