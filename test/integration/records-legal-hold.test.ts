import { describe, expect, it } from 'vitest';
import { runRetention } from '../../src/modules/records/retention.service';
import { DANDERYD_ADMIN, DANDERYD_AUDITOR, PL, POLICE_ADMIN, SW, TABY_SW, seededCasesFixture } from '../helpers/cases';

/**
 * Legal hold through the API (docs/records.md#legal-hold): the owner organisation's members of a case
 * place and lift it with a reason code; it is audited as UPDATE with the reason as purpose and recorded in
 * the owner's timeline; the owner's readers see it on the case, a partner never; retention keeps a held
 * case and its ended shares and deletes them once the hold is lifted. Everyone else is refused, changing
 * nothing, audited as DENIED.
 */

const f = seededCasesFixture();
const YEAR = 365.25 * 24 * 3600 * 1000;

const CASE_FIELDS = 'id status legalHold { reasonCode since } history { entityType action field oldValue newValue }';
const SET = `mutation H($input: SetCaseLegalHoldInput!) { setCaseLegalHold(input: $input) { ${CASE_FIELDS} } }`;
const GET = `query C($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;

interface CaseView {
  id: string;
  status: string;
  legalHold: { reasonCode: string; since: string } | null;
  history: {
    entityType: string;
    action: string;
    field: string | null;
    oldValue: string | null;
    newValue: string | null;
  }[];
}

async function read(email: string, id: string): Promise<CaseView> {
  return (await f.ok<{ case: CaseView }>(email, GET, { id })).case;
}

/** A Danderyd case shared with the police (OSL 10:18 c), taken by the kommunpolis; the share ended when `revoke`. */
async function sharedCase(revoke = false): Promise<{ id: string; share: string }> {
  const id = (
    await f.ok<{ createCase: { id: string } }>(SW, 'mutation { createCase(input: { riskLevel: HIGH }) { id } }')
  ).createCase.id;
  const share = (
    await f.ok<{ shareCase: { id: string } }>(
      SW,
      'mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id } }',
      {
        input: {
          caseId: id,
          organisationId: await f.orgId('police'),
          legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
        },
      },
    )
  ).shareCase.id;
  await f.ok(PL, 'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', { id: share });
  if (revoke) await f.ok(SW, 'mutation R($id: ID!) { revokeCaseShare(legalBasisId: $id) { id } }', { id: share });
  return { id, share };
}

const close = (id: string): Promise<unknown> =>
  f.ok(SW, 'mutation U($id: ID!) { updateCase(id: $id, input: { status: CLOSED }) { id } }', { id });

const exists = async (table: string, id: string): Promise<boolean> =>
  (await f.server.sql(`SELECT 1 FROM "${table}" WHERE id = $1`, [id])).length === 1;

describe('placing and lifting a legal hold', () => {
  it('the owner’s member places it with a reason: answered as a fresh read, audited, in the timeline', async () => {
    const { id } = await sharedCase();
    expect((await read(SW, id)).legalHold).toBeNull();
    const since = await f.lastEventId();
    const placed = (
      await f.ok<{ setCaseLegalHold: CaseView }>(SW, SET, {
        input: { caseId: id, hold: true, reasonCode: 'LITIGATION' },
      })
    ).setCaseLegalHold;
    expect(placed.legalHold?.reasonCode).toBe('LITIGATION');
    expect(placed).toEqual(await read(SW, id));
    expect(placed.history).toContainEqual({
      entityType: 'CaseLegalHold',
      action: 'PLACE:LITIGATION',
      field: 'legalHold',
      oldValue: 'false',
      newValue: 'true',
    });
    const events = await f.server.sql<{
      action: string;
      entity_type: string;
      entity_ids: string[];
      purpose: string;
      outcome: string;
    }>(
      `SELECT action, entity_type, entity_ids, purpose, outcome FROM audit_event WHERE id > $1 AND operation_name = 'H'`,
      [since],
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'UPDATE',
        entity_type: 'Case',
        entity_ids: [id],
        outcome: 'ALLOWED',
        purpose: expect.stringContaining('legal-hold:place:LITIGATION'),
      }),
    );

    // The partner reads the case, but not the hold nor its line in the timeline.
    const partner = await read(PL, id);
    expect(partner.legalHold).toBeNull();
    expect(partner.history.some((h) => h.entityType === 'CaseLegalHold')).toBe(false);

    // A second hold is refused; lifting states the ground that ended.
    const again = await f.server.gql(
      SET,
      { input: { caseId: id, hold: true, reasonCode: 'OTHER' } },
      await f.token(SW),
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hold' });
    const lifted = (
      await f.ok<{ setCaseLegalHold: CaseView }>(SW, SET, {
        input: { caseId: id, hold: false, reasonCode: 'LITIGATION' },
      })
    ).setCaseLegalHold;
    expect(lifted.legalHold).toBeNull();
    expect(lifted).toEqual(await read(SW, id));
    expect(lifted.history).toContainEqual(
      expect.objectContaining({ entityType: 'CaseLegalHold', action: 'LIFT:LITIGATION', newValue: 'false' }),
    );
  });

  it('works on a closed case (retention’s concern), and a break-the-glass reader of the owner sees it', async () => {
    const { id } = await sharedCase();
    await close(id);
    await f.ok(SW, SET, { input: { caseId: id, hold: true, reasonCode: 'SUPERVISORY_REVIEW' } });
    const outsider = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    await f.ok(outsider.token, 'mutation B($input: BreakGlassInput!) { breakGlass(input: $input) { id } }', {
      input: { caseId: id, reasonCode: 'IMMEDIATE_DANGER', reasonText: 'Handläggaren nås inte.', minutes: 30 },
    });
    const glass = await f.ok<{ case: { legalHold: { reasonCode: string } | null } }>(
      outsider.token,
      'query C($id: ID!) { case(id: $id) { legalHold { reasonCode } } }',
      { id },
    );
    expect(glass.case.legalHold).toEqual({ reasonCode: 'SUPERVISORY_REVIEW' });
    // Reading through break-the-glass is not deciding: the hold stays with the members.
    await f.expectDenied(outsider.token, SET, { input: { caseId: id, hold: false, reasonCode: 'OTHER' } }, 'NOT_FOUND');
  });

  it('is refused to the partner, a non-member, another municipality (NOT_FOUND) and to roles without cases (FORBIDDEN)', async () => {
    const { id } = await sharedCase();
    const input = { caseId: id, hold: true, reasonCode: 'LITIGATION' };
    await f.expectDenied(PL, SET, { input }, 'NOT_FOUND');
    await f.expectDenied(TABY_SW, SET, { input }, 'NOT_FOUND');
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    await f.expectDenied(colleague.token, SET, { input }, 'NOT_FOUND');
    await f.expectDenied(SW, SET, { input: { ...input, caseId: '00000000-0000-4000-8000-000000000099' } }, 'NOT_FOUND');
    for (const email of [DANDERYD_AUDITOR, DANDERYD_ADMIN, POLICE_ADMIN])
      await f.expectDenied(email, SET, { input }, 'FORBIDDEN');
    expect((await read(SW, id)).legalHold).toBeNull();
  });
});

describe('retention and the legal hold', () => {
  it('keeps a held closed case and its ended share through a dry and a real run; deletes them once lifted', async () => {
    const ds = f.server.runtime.dataSource;
    const held = await sharedCase(true);
    await close(held.id);
    const free = await sharedCase(true);
    await close(free.id);
    await f.ok(SW, SET, { input: { caseId: held.id, hold: true, reasonCode: 'PUBLIC_ACCESS_REQUEST' } });
    const later = new Date(Date.now() + 6 * YEAR);

    const dry = await runRetention(ds, { dryRun: true, now: later });
    expect(dry.records.CLOSED_CASE).toContain(free.id);
    expect(dry.records.CLOSED_CASE).not.toContain(held.id);
    expect(dry.records.ENDED_SHARE).not.toContain(held.share);

    const real = await runRetention(ds, { dryRun: false, now: later });
    expect(real.records.CLOSED_CASE).toContain(free.id);
    expect(real.records.CLOSED_CASE).not.toContain(held.id);
    expect(await exists('case_file', free.id)).toBe(false);
    expect(await exists('case_file', held.id)).toBe(true);
    expect(await exists('case_share', held.share)).toBe(true);
    // The database function refuses a held case even when asked for it by id.
    const direct = await f.server.sql<{ id: string }>(`SELECT retention_delete_cases(ARRAY[$1]::uuid[]) AS id`, [
      held.id,
    ]);
    expect(direct).toHaveLength(0);
    expect(await exists('case_file', held.id)).toBe(true);

    // Lifted: the next run deletes it, with its share.
    await f.ok(SW, SET, { input: { caseId: held.id, hold: false, reasonCode: 'PUBLIC_ACCESS_REQUEST' } });
    const after = await runRetention(ds, { dryRun: false, now: later });
    expect(after.records.CLOSED_CASE).toContain(held.id);
    expect(await exists('case_file', held.id)).toBe(false);
    expect(await exists('case_share', held.share)).toBe(false);
  });
});
