import { describe, expect, it } from 'vitest';
import { DANDERYD_AUDITOR, PL, POLICE_AUDITOR, seededCasesFixture, SW } from '../helpers/cases';

/**
 * Corrections (rättelse, docs/records.md): the author's organisation corrects a note, meeting
 * decisions, an assessment level or an activity's texts with a reason code; partners see only the
 * corrected value; the organisation's auditors see the previous one; audited as UPDATE with the reason.
 */

const f = seededCasesFixture();

const CORRECT = `mutation C($input: CorrectCaseRecordInput!) {
  correctCaseRecord(input: $input) { id entityType entityId field reasonCode previousValue }
}`;
const CORRECTIONS = `query R($t: String!, $id: ID!) {
  recordCorrections(entityType: $t, entityId: $id) { entityType entityId field previousValue reasonCode correctedBy }
}`;
const NOTES =
  'query N($id: ID!) { case(id: $id) { notes { id text } history { entityId action field oldValue newValue } } }';

describe('correcting a shared note', () => {
  it('shows partners only the corrected text, the auditors the previous one, audited as UPDATE with the reason', async () => {
    const { statutory } = await f.seeded();
    const original = 'Klienten har flyttat till adress i Täby';
    const note = (
      await f.ok<{ addCaseNote: { id: string } }>(
        SW,
        'mutation N($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
        { input: { caseId: statutory, text: original, audience: 'SHARED' } },
      )
    ).addCaseNote.id;
    const before = await f.ok<{ case: { notes: { id: string; text: string }[] } }>(PL, NOTES, { id: statutory });
    expect(before.case.notes.find((n) => n.id === note)!.text).toBe(original);

    const since = await f.lastEventId();
    const res = await f.ok<{ correctCaseRecord: { field: string; reasonCode: string; previousValue: string } }>(
      SW,
      CORRECT,
      { input: { entityType: 'CaseNote', id: note, value: 'Klienten bor kvar', reasonCode: 'FACTUAL_ERROR' } },
    );
    expect(res.correctCaseRecord).toMatchObject({ field: 'text', reasonCode: 'FACTUAL_ERROR' });

    // The partner reads the corrected text and nothing of the previous one.
    const after = await f.server.gql(NOTES, { id: statutory }, await f.token(PL));
    expect(JSON.stringify(after)).not.toContain(original);
    expect(
      (after.data as { case: { notes: { id: string; text: string }[] } }).case.notes.find((n) => n.id === note)!.text,
    ).toBe('Klienten bor kvar');
    // The timeline says that the text was corrected and why — not what it said.
    const history = (after.data as { case: { history: { entityId: string; action: string; oldValue: unknown }[] } })
      .case.history;
    expect(history.filter((h) => h.entityId === note).map((h) => h.action)).toContain('CORRECT:FACTUAL_ERROR');

    // The author organisation's auditor sees the previous version; the partner's auditor sees nothing.
    const audit = await f.ok<{
      recordCorrections: { previousValue: string; reasonCode: string; correctedBy: string }[];
    }>(DANDERYD_AUDITOR, CORRECTIONS, { t: 'CaseNote', id: note });
    expect(audit.recordCorrections).toEqual([
      expect.objectContaining({
        previousValue: original,
        reasonCode: 'FACTUAL_ERROR',
        correctedBy: await f.userId(SW),
      }),
    ]);
    const partnerAudit = await f.ok<{ recordCorrections: unknown[] }>(POLICE_AUDITOR, CORRECTIONS, {
      t: 'CaseNote',
      id: note,
    });
    expect(partnerAudit.recordCorrections).toEqual([]);
    // A case worker is no auditor.
    const worker = await f.server.gql(CORRECTIONS, { t: 'CaseNote', id: note }, await f.token(PL));
    expect(worker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Audited as UPDATE of the note with the reason as purpose; no text in the audit log.
    const events = await f.server.sql<{ action: string; entity_type: string; purpose: string | null; row: string }>(
      `SELECT action, entity_type, purpose, row_to_json(e)::text AS row FROM audit_event e WHERE id > $1`,
      [since],
    );
    const update = events.find((e) => e.entity_type === 'CaseNote' && e.action === 'UPDATE');
    expect(update?.purpose).toContain('correction:FACTUAL_ERROR');
    for (const e of events) {
      expect(e.row).not.toContain(original);
      expect(e.row).not.toContain('Klienten bor kvar');
    }
  });

  it("refuses the partner correcting the owner's note (NOT_FOUND, nothing changed, audited)", async () => {
    const { statutory } = await f.seeded();
    const note = (
      await f.ok<{ addCaseNote: { id: string } }>(
        SW,
        'mutation N($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
        { input: { caseId: statutory, text: 'Ägarens anteckning', audience: 'SHARED' } },
      )
    ).addCaseNote.id;
    await f.expectDenied(
      PL,
      CORRECT,
      { input: { entityType: 'CaseNote', id: note, value: 'Polisens version', reasonCode: 'FACTUAL_ERROR' } },
      'NOT_FOUND',
    );
    const [row] = await f.server.sql<{ text: string }>('SELECT text FROM case_note WHERE id = $1', [note]);
    expect(row.text).toBe('Ägarens anteckning');
  });

  it('refuses an identity number in a corrected shared text', async () => {
    const { statutory } = await f.seeded();
    const note = (
      await f.ok<{ addCaseNote: { id: string } }>(
        SW,
        'mutation N($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
        { input: { caseId: statutory, text: 'Delad text', audience: 'SHARED' } },
      )
    ).addCaseNote.id;
    const res = await f.server.gql(
      CORRECT,
      { input: { entityType: 'CaseNote', id: note, value: 'Gäller 811218-9876', reasonCode: 'INCOMPLETE' } },
      await f.token(SW),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'IDENTITY_NUMBER_IN_SHARED_TEXT',
    });
  });
});

describe('correcting meeting decisions, an assessment level and an activity', () => {
  it('keeps each previous value for the auditors and shows partners the corrected one', async () => {
    const { statutory } = await f.seeded();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const meeting = (
      await f.ok<{ recordCaseMeeting: { id: string } }>(
        SW,
        'mutation M($input: RecordCaseMeetingInput!) { recordCaseMeeting(input: $input) { id } }',
        {
          input: {
            caseId: statutory,
            heldOn: today,
            participantOrganisationIds: [await f.orgId('danderyd'), await f.orgId('police')],
            decisions: 'Skyddat boende ordnas',
            audience: 'SHARED',
          },
        },
      )
    ).recordCaseMeeting.id;
    await f.ok(SW, CORRECT, {
      input: {
        entityType: 'CaseMeeting',
        id: meeting,
        value: 'Skyddat boende ordnas inte',
        reasonCode: 'WRONG_RECORD',
      },
    });
    const partner = await f.ok<{ case: { meetings: { id: string; decisions: string }[] } }>(
      PL,
      'query M($id: ID!) { case(id: $id) { meetings { id decisions } } }',
      { id: statutory },
    );
    expect(partner.case.meetings.find((m) => m.id === meeting)!.decisions).toBe('Skyddat boende ordnas inte');

    const assessment = (
      await f.ok<{ recordRiskAssessment: { id: string } }>(
        SW,
        'mutation A($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { id } }',
        { input: { caseId: statutory, method: 'OTHER', assessedOn: today, level: 'LOW', audience: 'SHARED' } },
      )
    ).recordRiskAssessment.id;
    await f.ok(SW, CORRECT, {
      input: { entityType: 'RiskAssessment', id: assessment, value: 'HIGH', reasonCode: 'FACTUAL_ERROR' },
    });
    const [a] = await f.server.sql<{ level: string }>('SELECT level::text FROM risk_assessment WHERE id = $1', [
      assessment,
    ]);
    expect(a.level).toBe('HIGH');

    const [area] = await f.server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    const activity = (
      await f.ok<{ createPreventionActivity: { id: string } }>(
        SW,
        'mutation C($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id } }',
        {
          input: {
            title: 'Trygghetsvandring',
            type: 'SAFETY_WALK',
            areaId: area.id,
            startsAt: '2026-05-12T17:00:00.000Z',
            visibility: 'PARTNERSHIP',
            outcomeNotes: 'Tolv deltagare',
          },
        },
      )
    ).createPreventionActivity.id;
    await f.ok(
      SW,
      'mutation C($input: CorrectPreventionActivityInput!) { correctPreventionActivity(input: $input) { id } }',
      { input: { id: activity, field: 'outcomeNotes', value: 'Tjugo deltagare', reasonCode: 'FACTUAL_ERROR' } },
    );
    const seen = await f.ok<{ preventionActivity: { outcomeNotes: string } }>(
      PL,
      'query A($id: ID!) { preventionActivity(id: $id) { outcomeNotes } }',
      { id: activity },
    );
    expect(seen.preventionActivity.outcomeNotes).toBe('Tjugo deltagare');
    // The partner cannot correct it: NOT_FOUND.
    const foreign = await f.server.gql(
      'mutation C($input: CorrectPreventionActivityInput!) { correctPreventionActivity(input: $input) { id } }',
      { input: { id: activity, field: 'outcomeNotes', value: 'Polisens version', reasonCode: 'FACTUAL_ERROR' } },
      await f.token(PL),
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    for (const [t, id, previous] of [
      ['CaseMeeting', meeting, 'Skyddat boende ordnas'],
      ['RiskAssessment', assessment, 'LOW'],
      ['PreventionActivity', activity, 'Tolv deltagare'],
    ]) {
      const r = await f.ok<{ recordCorrections: { previousValue: string }[] }>(DANDERYD_AUDITOR, CORRECTIONS, {
        t,
        id,
      });
      expect(
        r.recordCorrections.map((c) => c.previousValue),
        t,
      ).toEqual([previous]);
    }
  });
});
