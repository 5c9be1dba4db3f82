import { describe, expect, it } from 'vitest';
import { purposeRecordIds, redactedAuditEvent } from '../../src/access/audit-redaction';
import { TRUNCATION_MARKER, truncated } from '../../src/modules/audit/audit.bounds';
import { AuditAction, AuditOutcome, AuditRecorder } from '../../src/modules/audit/audit.recorder';

const DANDERYD = '10000000-0000-4000-8000-000000000001';
const TABY = '10000000-0000-4000-8000-000000000002';
const POLICE = '10000000-0000-4000-8000-000000000003';
// Share ids chosen so that Täby's sorts last, the part a 200-character bound cuts.
const D_STATUTORY = '30000000-0000-4000-8000-000000000001';
const D_CONSENT = '80000000-0000-4000-8000-000000000001';
const T_STATUTORY = 'b0000000-0000-4000-8000-000000000001';
const basis = (share: string, ground: string): string => `legal-basis:${share}:${ground}`;

const draftsOf = (recorder: AuditRecorder) =>
  recorder.drafts({
    principal: undefined,
    operationType: 'query',
    operationName: 'Mixed',
    outcome: AuditOutcome.ALLOWED,
    errorCode: null,
    defaultAction: AuditAction.READ,
  });

describe('audit purposes by owner (attack 7: cross-organisation audit leak)', () => {
  it("an event about Danderyd's cases carries Danderyd's legal bases only, not Täby's", () => {
    const recorder = new AuditRecorder('00000000-0000-0000-0000-000000000001', '127.0.0.1');
    recorder.addPurpose(basis(D_STATUTORY, 'STATUTORY:OSL_10_18C'), DANDERYD);
    recorder.addPurpose(basis(D_CONSENT, 'CONSENT:COORDINATION'), DANDERYD);
    recorder.addPurpose(basis(T_STATUTORY, 'STATUTORY:OSL_10_18C'), TABY);
    recorder.touch(AuditAction.READ, 'Case', [
      { id: 'd-case', organisationId: DANDERYD },
      { id: 't-case', organisationId: TABY },
    ]);
    const drafts = draftsOf(recorder);
    const danderyd = drafts.find((d) => d.entityOrganisationIds[0] === DANDERYD);
    const taby = drafts.find((d) => d.entityOrganisationIds[0] === TABY);
    expect(danderyd?.purpose).toBe(
      `${basis(D_STATUTORY, 'STATUTORY:OSL_10_18C')} ${basis(D_CONSENT, 'CONSENT:COORDINATION')}`,
    );
    expect(taby?.purpose).toBe(basis(T_STATUTORY, 'STATUTORY:OSL_10_18C'));
  });

  it('a purpose without an owner, and an event without one, keep the whole request', () => {
    const recorder = new AuditRecorder('00000000-0000-0000-0000-000000000002', '127.0.0.1');
    recorder.addPurpose('correction:TYPO', null);
    recorder.addPurpose(basis(D_STATUTORY, 'STATUTORY:OSL_10_18C'), DANDERYD);
    recorder.touch(AuditAction.READ, 'Case', [{ id: 'd-case', organisationId: DANDERYD }]);
    recorder.touch(AuditAction.READ, 'Organisation', [{ id: 'o' }]);
    const drafts = draftsOf(recorder);
    const expected = `correction:TYPO ${basis(D_STATUTORY, 'STATUTORY:OSL_10_18C')}`;
    expect(drafts.find((d) => d.entityType === 'Case')?.purpose).toBe(expected);
    expect(drafts.find((d) => d.entityType === 'Organisation')?.purpose).toBe(expected);
  });
});

describe("what an auditor is shown of another organisation's user's event", () => {
  const own = new Set([DANDERYD]);
  const ours = new Set([D_STATUTORY, D_CONSENT]);
  const policeEvent = (purpose: string) => ({
    actorOrganisationId: POLICE,
    entityIds: ['d-case'],
    entityOrganisationIds: [DANDERYD],
    purpose,
  });

  it("drops a legal basis cut short when stored, whose id is no longer whole (Täby's share sorted last)", () => {
    // An event stored before purposes were kept by owner and cut between parts: three legal bases,
    // 209 characters, cut to the old bound of 200 right after Täby's share id, the marker glued to it.
    const stored = truncated(
      [
        basis(D_STATUTORY, 'STATUTORY:OSL_10_18C'),
        basis(D_CONSENT, 'CONSENT:COORDINATION'),
        basis(T_STATUTORY, 'STATUTORY:OSL_10_18C'),
      ].join(' '),
      200,
    );
    expect(stored).toContain(T_STATUTORY + TRUNCATION_MARKER);
    const shown = redactedAuditEvent(policeEvent(stored), own, ours);
    expect(shown.purpose).toBe(
      `${basis(D_STATUTORY, 'STATUTORY:OSL_10_18C')} ${basis(D_CONSENT, 'CONSENT:COORDINATION')}`,
    );
    expect(shown.purpose).not.toContain(T_STATUTORY.slice(0, 8));
    expect(shown.entityIds).toEqual(['d-case']);
  });

  it('drops a part cut inside its id, and a record-naming part without an id', () => {
    const cut = `legal-basis:${T_STATUTORY.slice(0, 20)}${TRUNCATION_MARKER}`;
    expect(redactedAuditEvent(policeEvent(cut), own, ours).purpose).toBeNull();
    expect(redactedAuditEvent(policeEvent('break-glass:'), own, ours).purpose).toBeNull();
    expect(purposeRecordIds(cut)).toEqual([]);
  });

  it("keeps the auditor's own legal bases and reason codes, drops another organisation's whole one", () => {
    const purpose = `${basis(D_STATUTORY, 'STATUTORY:OSL_10_18C')} ${basis(T_STATUTORY, 'STATUTORY:OSL_10_18C')} correction:TYPO`;
    expect(redactedAuditEvent(policeEvent(purpose), own, ours).purpose).toBe(
      `${basis(D_STATUTORY, 'STATUTORY:OSL_10_18C')} correction:TYPO`,
    );
  });

  it("shows the auditor's own users' events unchanged, and removes other owners' ids", () => {
    const mine = { ...policeEvent(basis(T_STATUTORY, 'X')), actorOrganisationId: DANDERYD };
    expect(redactedAuditEvent(mine, own, ours)).toBe(mine);
    const theirs = { ...policeEvent(''), entityOrganisationIds: [TABY] };
    expect(redactedAuditEvent(theirs, own, ours)).toMatchObject({
      entityIds: [],
      entityOrganisationIds: [],
      purpose: null,
    });
  });
});
