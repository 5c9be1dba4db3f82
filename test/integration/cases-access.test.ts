import { describe, expect, it } from 'vitest';
import { activeShareSql } from '../../src/modules/cases/case.repository';
import {
  seededCasesFixture,
  DANDERYD_ADMIN,
  DANDERYD_AUDITOR,
  PL,
  POLICE_ADMIN,
  POLICE_AUDITOR,
  SW,
  TABY_SW,
} from '../helpers/cases';

/**
 * Who reads and works a case (issue #7): members only; a partner organisation's members only while
 * a legal basis is active (withdrawal and expiry end it at once); Täby never; admins, auditors and
 * training coordinators never read content; break-the-glass within the owner organisation only,
 * for at most 4 hours, reviewed by the organisation's auditor. Every refusal changes nothing and is
 * audited as DENIED.
 */

const f = seededCasesFixture();

const CASE = `query Case($id: ID!) { case(id: $id) { id riskLevel status access externalReference owner { name } members { userId organisationId }
  tasks { id title } latestAssessment { method level } notes { id } legalBases { kind statutoryGround active } } }`;
const LIST = 'query Cases { cases(first: 50) { totalCount edges { node { id access } } } }';
const ADD_NOTE = 'mutation N($caseId: ID!) { addCaseNote(input: { caseId: $caseId, text: "Anteckning" }) { id } }';
const ADD_MEMBER =
  'mutation A($caseId: ID!, $userId: ID!) { addCaseMember(caseId: $caseId, userId: $userId) { userId organisationId } }';
const SHARE = `mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id kind active } }`;
const WITHDRAW = 'mutation W($id: ID!) { withdrawCaseConsent(legalBasisId: $id) { id active consentWithdrawnAt } }';
const BREAK_GLASS =
  'mutation B($input: BreakGlassInput!) { breakGlass(input: $input) { id caseId active openedAt expiresAt } }';
const QUEUE =
  'query Q { breakGlassReviews(first: 50, filter: { reviewed: false }) { totalCount edges { node { id caseId userId reasonCode reasonText active } } } }';
type QueueData = { breakGlassReviews: { edges: { node: { id: string } }[] } };
const queueIds = (q: QueueData): string[] => q.breakGlassReviews.edges.map((e) => e.node.id);
const REVIEW =
  'mutation R($id: ID!, $comment: String!) { reviewBreakGlass(id: $id, comment: $comment) { id reviewedAt reviewComment } }';

type CaseData = {
  case: {
    id: string;
    access: string;
    externalReference: string | null;
    members: { userId: string; organisationId: string }[];
    tasks: { id: string }[];
    latestAssessment: { method: string; level: string } | null;
    notes: { id: string }[];
    legalBases: { kind: string; statutoryGround: string | null; active: boolean }[];
  };
};
type ListData = { cases: { totalCount: number; edges: { node: { id: string; access: string } }[] } };

describe('the membership and sharing matrix', () => {
  it('a member of the owner organisation reads the case, with its own external reference', async () => {
    const { statutory } = await f.seeded();
    const data = await f.ok<CaseData>(SW, CASE, { id: statutory });
    expect(data.case.access).toBe('MEMBER');
    expect(data.case.externalReference).toBe('SOC-2026-0142');
    expect(data.case.tasks).toHaveLength(4);
    expect(data.case.latestAssessment).toEqual({ method: 'FREDA_DANGER_ASSESSMENT', level: 'HIGH' });
    expect(data.case.legalBases).toEqual([{ kind: 'STATUTORY', statutoryGround: 'OSL_10_18C', active: true }]);
    const events = await f.server.sql<{ entity_type: string; action: string; purpose: string | null }>(
      `SELECT entity_type, action, purpose FROM audit_event WHERE actor_user_id = $1 AND $2 = ANY(entity_ids) AND entity_type = 'Case' ORDER BY id DESC LIMIT 1`,
      [await f.userId(SW), statutory],
    );
    expect(events[0]).toEqual({ entity_type: 'Case', action: 'READ', purpose: null });
  });

  it('a partner member reads a shared case under the active legal basis, sees only its own reference, and the basis is audited', async () => {
    const { statutory, statutoryShare } = await f.seeded();
    await f.token(PL);
    const since = await f.lastEventId();
    const data = await f.ok<CaseData>(PL, CASE, { id: statutory });
    expect(data.case.access).toBe('PARTNER');
    expect(data.case.externalReference).toBe('K-20260311-77');
    const events = await f.server.sql<{ entity_type: string; purpose: string | null; entity_ids: string[] }>(
      `SELECT entity_type, purpose, entity_ids FROM audit_event WHERE id > $1 ORDER BY id`,
      [since],
    );
    expect(events.length).toBeGreaterThan(0);
    // Every event of the request carries the legal basis; none carries a reference or note text.
    for (const e of events) expect(e.purpose).toBe(`legal-basis:${statutoryShare}:STATUTORY:OSL_10_18C`);
    expect(events.find((e) => e.entity_type === 'Case')?.entity_ids).toEqual([statutory]);
    const text = JSON.stringify(await f.server.sql(`SELECT * FROM audit_event WHERE id > $1`, [since]));
    expect(text).not.toMatch(/K-20260311-77|SOC-2026-0142|Stödsamtal/);
  });

  it('a partner member does not see a case that is not shared with its organisation', async () => {
    const { own } = await f.seeded();
    await f.expectDenied(PL, CASE, { id: own }, 'NOT_FOUND');
    const list = await f.ok<ListData>(PL, LIST);
    expect(list.cases.edges.map((e) => e.node.id)).not.toContain(own);
  });

  it('a non-member of the owner organisation gets NOT_FOUND, exactly like for a case that does not exist', async () => {
    const { statutory } = await f.seeded();
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const denied = await f.expectDenied(colleague.token, CASE, { id: statutory }, 'NOT_FOUND');
    const missing = await f.expectDenied(
      colleague.token,
      CASE,
      { id: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    );
    expect(denied.errors![0].message).toBe(missing.errors![0].message);
    await f.expectDenied(colleague.token, ADD_NOTE, { caseId: statutory }, 'NOT_FOUND');
    expect((await f.ok<ListData>(colleague.token, LIST)).cases).toEqual({ totalCount: 0, edges: [] });
  });

  it("Täby's social worker never sees Danderyd's cases, and Danderyd cannot share with Täby", async () => {
    const { statutory, consent, own } = await f.seeded();
    for (const id of [statutory, consent, own]) await f.expectDenied(TABY_SW, CASE, { id }, 'NOT_FOUND');
    const list = await f.ok<ListData>(TABY_SW, LIST);
    expect(list.cases.totalCount).toBe(1); // Täby's own seeded case
    expect(list.cases.edges.map((e) => e.node.id)).not.toContain(statutory);
    const before = await f.digest();
    const res = await f.server.gql(
      SHARE,
      {
        input: {
          caseId: own,
          organisationId: await f.orgId('taby'),
          legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_2' },
        },
      },
      await f.token(SW),
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(await f.digest()).toBe(before);
  });

  it('admins, auditors and training coordinators are FORBIDDEN to read or work cases (organisation-wide roles are not enough)', async () => {
    const { statutory } = await f.seeded();
    for (const email of [
      DANDERYD_ADMIN,
      POLICE_ADMIN,
      DANDERYD_AUDITOR,
      POLICE_AUDITOR,
      'utbildning@danderyd.example',
    ]) {
      await f.expectDenied(email, CASE, { id: statutory }, 'FORBIDDEN');
      await f.expectDenied(email, LIST, {}, 'FORBIDDEN');
      await f.expectDenied(email, ADD_NOTE, { caseId: statutory }, 'FORBIDDEN');
    }
  });

  it('lists each caller exactly the cases it may read', async () => {
    const { statutory, consent, own } = await f.seeded();
    const sw = (await f.ok<ListData>(SW, LIST)).cases;
    expect(sw.totalCount).toBe(4); // three open and one closed
    expect(sw.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([statutory, consent, own]));
    const pl = (await f.ok<ListData>(PL, LIST)).cases;
    expect(pl.edges.map((e) => e.node.id).sort()).toEqual([statutory, consent].sort());
    expect(pl.totalCount).toBe(2);
    for (const e of pl.edges) expect(e.node.access).toBe('PARTNER');
  });
});

describe('partner membership', () => {
  it("the partner organisation adds its own staff once sharing is active, never the owner's; the owner adds only its own", async () => {
    const { statutory, own } = await f.seeded();
    const officer = await f.newUser(POLICE_ADMIN, 'POLICE_LIAISON');
    await f.expectDenied(officer.token, CASE, { id: statutory }, 'NOT_FOUND');
    // Not shared: the police cannot add anyone to Danderyd's own case
    await f.expectDenied(PL, ADD_MEMBER, { caseId: own, userId: officer.id }, 'NOT_FOUND');
    const added = await f.ok<{ addCaseMember: { userId: string; organisationId: string } }>(PL, ADD_MEMBER, {
      caseId: statutory,
      userId: officer.id,
    });
    expect(added.addCaseMember).toEqual({ userId: officer.id, organisationId: await f.orgId('police') });
    expect((await f.ok<CaseData>(officer.token, CASE, { id: statutory })).case.access).toBe('PARTNER');
    // Neither side adds the other's staff
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const res = await f.server.gql(ADD_MEMBER, { caseId: statutory, userId: colleague.id }, await f.token(PL));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const res2 = await f.server.gql(ADD_MEMBER, { caseId: statutory, userId: officer.id }, await f.token(SW));
    expect(res2.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    // Only case workers become members
    const coordinator = await f.userId('utbildning@danderyd.example');
    const res3 = await f.server.gql(ADD_MEMBER, { caseId: statutory, userId: coordinator }, await f.token(SW));
    expect(res3.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
  });

  it('a partner cannot share the case on, nor end its legal basis', async () => {
    const { statutory, statutoryShare } = await f.seeded();
    const input = {
      caseId: statutory,
      organisationId: await f.orgId('taby'),
      legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_2' },
    };
    await f.expectDenied(PL, SHARE, { input }, 'NOT_FOUND');
    await f.expectDenied(
      PL,
      'mutation R($id: ID!) { revokeCaseShare(legalBasisId: $id) { id } }',
      { id: statutoryShare },
      'NOT_FOUND',
    );
  });

  it('records inside a case answer NOT_FOUND, named as themselves, to anyone who may not reach the case', async () => {
    const { statutory, statutoryShare } = await f.seeded();
    const [task] = await f.server.sql<{ id: string }>(`SELECT id FROM case_task WHERE case_id = $1 LIMIT 1`, [
      statutory,
    ]);
    const UPDATE_TASK = 'mutation U($id: ID!) { updateCaseTask(id: $id, input: { status: DONE }) { id } }';
    const res = await f.expectDenied(TABY_SW, UPDATE_TASK, { id: task.id }, 'NOT_FOUND');
    expect(res.errors![0].message).toBe('Task not found');
    const missing = await f.expectDenied(
      TABY_SW,
      UPDATE_TASK,
      { id: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    );
    expect(missing.errors![0].message).toBe(res.errors![0].message);
    const share = await f.expectDenied(TABY_SW, WITHDRAW, { id: statutoryShare }, 'NOT_FOUND');
    expect(share.errors![0].message).toBe('Legal basis not found');
  });
});

describe("withdrawal and expiry end the partner organisation's access at once", () => {
  it('the next request after consent is withdrawn is NOT_FOUND', async () => {
    const { consent, consentShare } = await f.seeded();
    expect((await f.ok<CaseData>(PL, CASE, { id: consent })).case.access).toBe('PARTNER');
    const withdrawn = await f.ok<{ withdrawCaseConsent: { active: boolean; consentWithdrawnAt: string } }>(
      SW,
      WITHDRAW,
      { id: consentShare },
    );
    expect(withdrawn.withdrawCaseConsent.active).toBe(false);
    await f.expectDenied(PL, CASE, { id: consent }, 'NOT_FOUND');
    await f.expectDenied(PL, ADD_NOTE, { caseId: consent }, 'NOT_FOUND');
    expect((await f.ok<ListData>(PL, LIST)).cases.edges.map((e) => e.node.id)).not.toContain(consent);
    // The owner still works it; the history records the withdrawal
    const history = await f.server.sql<{ field: string }>(
      `SELECT field FROM case_history WHERE case_id = $1 AND entity_type = 'CaseShare' ORDER BY id`,
      [consent],
    );
    expect(history.map((h) => h.field)).toContain('consentWithdrawnAt');
    // A second withdrawal is refused
    const again = await f.server.gql(WITHDRAW, { id: consentShare }, await f.token(SW));
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a consent counts up to, and not at, its expiry instant (SQL predicate at the boundary)', async () => {
    const { statutoryShare } = await f.seeded();
    const consent = await consentCase();
    const expires = '2031-05-17T08:30:00.000000Z';
    await f.server.sql(`UPDATE case_share SET consent_expires_at = $1 WHERE id = $2`, [expires, consent.shareId]);
    const at = async (instant: string, id: string): Promise<boolean> =>
      (
        await f.server.sql<{ active: boolean }>(
          `SELECT ${activeShareSql('s', '$1::timestamptz')} AS active FROM case_share s WHERE s.id = $2`,
          [instant, id],
        )
      )[0].active;
    expect(await at('2031-05-17T08:29:59.999999Z', consent.shareId)).toBe(true);
    expect(await at(expires, consent.shareId)).toBe(false);
    expect(await at('2031-05-17T08:30:00.000001Z', consent.shareId)).toBe(false);
    // Statutory grounds do not expire; a revoked one is inactive
    expect(await at('2099-01-01T00:00:00Z', statutoryShare)).toBe(true);
  });

  it('the partner reads until the consent expires and gets NOT_FOUND from the next second on', async () => {
    const consent = await consentCase();
    await f.server.sql(
      `UPDATE case_share SET consent_expires_at = now() + interval '1500 milliseconds' WHERE id = $1`,
      [consent.shareId],
    );
    expect((await f.ok<CaseData>(PL, CASE, { id: consent.caseId })).case.access).toBe('PARTNER');
    const [{ wait }] = await f.server.sql<{ wait: number }>(
      `SELECT GREATEST(0, extract(epoch FROM consent_expires_at - now()) * 1000)::int + 50 AS wait FROM case_share WHERE id = $1`,
      [consent.shareId],
    );
    await new Promise((r) => setTimeout(r, wait));
    await f.expectDenied(PL, CASE, { id: consent.caseId }, 'NOT_FOUND');
    expect((await f.ok<ListData>(PL, LIST)).cases.edges.map((e) => e.node.id)).not.toContain(consent.caseId);
  });
});

/** A new Danderyd case shared with the police under consent, with the police liaison as member (through the API). */
async function consentCase(): Promise<{ caseId: string; shareId: string }> {
  const created = await f.ok<{ createCase: { id: string } }>(
    SW,
    'mutation { createCase(input: { riskLevel: MEDIUM }) { id } }',
  );
  const caseId = created.createCase.id;
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const today = new Date().toISOString().slice(0, 10);
  const shared = await f.ok<{ shareCase: { id: string; kind: string; active: boolean } }>(SW, SHARE, {
    input: {
      caseId,
      organisationId: await f.orgId('police'),
      legalBasis: { kind: 'CONSENT', consentScope: 'COORDINATION', consentGivenOn: today, consentExpiresAt: expiresAt },
    },
  });
  expect(shared.shareCase).toMatchObject({ kind: 'CONSENT', active: true });
  await f.ok(PL, 'mutation Acc($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId } }', {
    id: shared.shareCase.id,
  });
  return { caseId, shareId: shared.shareCase.id };
}

describe('break-the-glass', () => {
  it('a non-member of the owner organisation opens the case read-only for at most 4 hours, audited as BREAK_GLASS', async () => {
    const { statutory } = await f.seeded();
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    await f.expectDenied(colleague.token, CASE, { id: statutory }, 'NOT_FOUND');
    const tooLong = await f.server.gql(
      BREAK_GLASS,
      { input: { caseId: statutory, reasonCode: 'IMMEDIATE_DANGER', reasonText: 'Akut läge', minutes: 241 } },
      colleague.token,
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minutes' });
    const since = await f.lastEventId();
    const opened = await f.ok<{ breakGlass: { id: string; active: boolean; openedAt: string; expiresAt: string } }>(
      colleague.token,
      BREAK_GLASS,
      {
        input: { caseId: statutory, reasonCode: 'IMMEDIATE_DANGER', reasonText: 'Akut läge, handläggaren nås inte' },
      },
    );
    expect(opened.breakGlass.active).toBe(true);
    expect(Date.parse(opened.breakGlass.expiresAt) - Date.parse(opened.breakGlass.openedAt)).toBe(4 * 3_600_000);
    const events = await f.server.sql<{ action: string; entity_type: string; purpose: string }>(
      `SELECT action, entity_type, purpose FROM audit_event WHERE id > $1`,
      [since],
    );
    expect(events.map((e) => e.action)).toEqual(events.map(() => 'BREAK_GLASS'));
    expect(events.map((e) => e.entity_type).sort()).toEqual(['Case', 'CaseBreakGlass']);
    expect(events[0].purpose).toBe(`break-glass:${opened.breakGlass.id}:IMMEDIATE_DANGER`);
    expect(JSON.stringify(events)).not.toContain('handläggaren'); // the reason text stays out of the audit log

    const readSince = await f.lastEventId();
    const data = await f.ok<CaseData>(colleague.token, CASE, { id: statutory });
    expect(data.case.access).toBe('BREAK_GLASS');
    expect(data.case.externalReference).toBeNull();
    const read = await f.server.sql<{ action: string; purpose: string }>(
      `SELECT action, purpose FROM audit_event WHERE id > $1 AND entity_type = 'Case'`,
      [readSince],
    );
    expect(read).toEqual([{ action: 'BREAK_GLASS', purpose: `break-glass:${opened.breakGlass.id}` }]);
    expect((await f.ok<ListData>(colleague.token, LIST)).cases.edges).toEqual([
      { node: { id: statutory, access: 'BREAK_GLASS' } },
    ]);
    // Read only
    await f.expectDenied(colleague.token, ADD_NOTE, { caseId: statutory }, 'NOT_FOUND');

    // Expiry: the next request after the access ends is NOT_FOUND
    await f.server.sql(
      `UPDATE case_break_glass SET opened_at = now() - interval '4 hours 1 second', expires_at = now() - interval '1 second' WHERE id = $1`,
      [opened.breakGlass.id],
    );
    await f.expectDenied(colleague.token, CASE, { id: statutory }, 'NOT_FOUND');
  });

  it('never across organisations, never for roles without it, and a member needs none', async () => {
    const { own, statutory } = await f.seeded();
    const input = (caseId: string) => ({ input: { caseId, reasonCode: 'OTHER', reasonText: 'Prov' } });
    const officer = await f.newUser(POLICE_ADMIN, 'POLICE_LIAISON');
    await f.expectDenied(officer.token, BREAK_GLASS, input(own), 'NOT_FOUND');
    await f.expectDenied(officer.token, BREAK_GLASS, input(statutory), 'NOT_FOUND'); // shared with the police, still Danderyd's
    await f.expectDenied(TABY_SW, BREAK_GLASS, input(own), 'NOT_FOUND');
    for (const email of [DANDERYD_AUDITOR, DANDERYD_ADMIN, 'utbildning@danderyd.example'])
      await f.expectDenied(email, BREAK_GLASS, input(own), 'FORBIDDEN');
    const member = await f.server.gql(BREAK_GLASS, input(own), await f.token(SW));
    expect(member.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const events = await f.server.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE operation_name = 'B' AND outcome = 'DENIED'`,
    );
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.action).toBe('BREAK_GLASS');
  });

  it("waits in the owner organisation's auditors' queue until one of them reviews it with a comment", async () => {
    const { own } = await f.seeded();
    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const opened = await f.ok<{ breakGlass: { id: string } }>(colleague.token, BREAK_GLASS, {
      input: { caseId: own, reasonCode: 'MEMBERS_UNAVAILABLE', reasonText: 'Handläggaren sjuk', minutes: 60 },
    });
    expect(queueIds(await f.ok<QueueData>(DANDERYD_AUDITOR, QUEUE))).toContain(opened.breakGlass.id);
    expect(queueIds(await f.ok<QueueData>(POLICE_AUDITOR, QUEUE))).not.toContain(opened.breakGlass.id);
    await f.expectDenied(POLICE_AUDITOR, REVIEW, { id: opened.breakGlass.id, comment: 'Ok' }, 'NOT_FOUND');
    for (const email of [SW, DANDERYD_ADMIN, colleague.token]) {
      await f.expectDenied(email, QUEUE, {}, 'FORBIDDEN');
      await f.expectDenied(email, REVIEW, { id: opened.breakGlass.id, comment: 'Ok' }, 'FORBIDDEN');
    }
    const reviewed = await f.ok<{ reviewBreakGlass: { reviewedAt: string; reviewComment: string } }>(
      DANDERYD_AUDITOR,
      REVIEW,
      {
        id: opened.breakGlass.id,
        comment: 'Befogat: ansvarig handläggare sjukskriven.',
      },
    );
    expect(reviewed.reviewBreakGlass.reviewComment).toBe('Befogat: ansvarig handläggare sjukskriven.');
    expect(queueIds(await f.ok<QueueData>(DANDERYD_AUDITOR, QUEUE))).not.toContain(opened.breakGlass.id);
    const again = await f.server.gql(
      REVIEW,
      { id: opened.breakGlass.id, comment: 'Igen' },
      await f.token(DANDERYD_AUDITOR),
    );
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
