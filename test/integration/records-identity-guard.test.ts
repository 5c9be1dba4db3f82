import { describe, expect, it } from 'vitest';
import { seededCasesFixture, PL, SW } from '../helpers/cases';
import type { GqlResponse } from '../helpers/test-server';

/**
 * The identity-number guard through the API (docs/records.md): every free-text field a partner
 * organisation can read refuses a Swedish personal identity or coordination number — BAD_USER_INPUT
 * naming the field, `extensions.reason` IDENTITY_NUMBER_IN_SHARED_TEXT, never echoing the number,
 * nothing stored — while the same text is accepted where only the author's organisation reads it.
 */

const f = seededCasesFixture();

const PNR = '850101-1236'; // Luhn-valid
const PNR12 = '19850101-1236';
const SAMORDNING = '701063-2391'; // day 03 + 60
const today = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

async function refused(email: string, query: string, variables: Record<string, unknown>, field: string): Promise<void> {
  const res: GqlResponse = await f.server.gql(query, variables, await f.token(email));
  expect(res.errors, JSON.stringify(res.data)).toHaveLength(1);
  const [error] = res.errors!;
  expect(error.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field,
    reason: 'IDENTITY_NUMBER_IN_SHARED_TEXT',
  });
  expect(error.message.startsWith(`${field}: `)).toBe(true);
  expect(error.message).toContain('personnummer');
  expect(error.message).toContain('personal identity');
  expect(error.message).not.toContain('1236');
  expect(error.message).not.toContain('2391');
  expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
}

async function count(table: string): Promise<number> {
  return (await f.server.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
}

describe('case content read by a partner', () => {
  const NOTE = 'mutation N($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id text } }';

  it('refuses a shared note with a number, accepts the same text for the own organisation', async () => {
    const { statutory } = await f.seeded();
    const before = await count('case_note');
    const text = `Klient Maria Svensson ${PNR}, Vendevägen 12`;
    await refused(SW, NOTE, { input: { caseId: statutory, text, audience: 'SHARED' } }, 'text');
    await refused(
      SW,
      NOTE,
      { input: { caseId: statutory, text: `Samordningsnr ${SAMORDNING}`, audience: 'SHARED' } },
      'text',
    );
    await refused(PL, NOTE, { input: { caseId: statutory, text: `Anmälan om ${PNR12}`, audience: 'SHARED' } }, 'text');
    expect(await count('case_note')).toBe(before);
    const own = await f.ok<{ addCaseNote: { text: string } }>(SW, NOTE, {
      input: { caseId: statutory, text, audience: 'OWN_ORGANISATION' },
    });
    expect(own.addCaseNote.text).toBe(text);
    // Without an audience a note is the organisation's own.
    await f.ok(SW, NOTE, { input: { caseId: statutory, text } });
    // Dates and amounts are not numbers of people.
    await f.ok(SW, NOTE, {
      input: { caseId: statutory, text: 'Möte 2026-01-15 kl. 13.00, ärende K-2026-1234', audience: 'SHARED' },
    });
  });

  it('refuses meeting decisions with a number when shared', async () => {
    const { statutory } = await f.seeded();
    const MEETING = 'mutation M($input: RecordCaseMeetingInput!) { recordCaseMeeting(input: $input) { id decisions } }';
    const input = {
      caseId: statutory,
      heldOn: today(),
      participantOrganisationIds: [await f.orgId('danderyd'), await f.orgId('police')],
      decisions: `Beslut: kontakta ${PNR12} i morgon`,
    };
    const before = await count('case_meeting');
    await refused(SW, MEETING, { input: { ...input, audience: 'SHARED' } }, 'decisions');
    expect(await count('case_meeting')).toBe(before);
    await f.ok(SW, MEETING, { input: { ...input, audience: 'OWN_ORGANISATION' } });
  });

  it('refuses task titles with a number when shared, on creation and on update', async () => {
    const { statutory } = await f.seeded();
    const CREATE = 'mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { id title audience } }';
    const police = await f.orgId('police');
    const danderyd = await f.orgId('danderyd');
    const dueOn = today();
    // A task for the partner is SHARED by default.
    await refused(
      SW,
      CREATE,
      { input: { caseId: statutory, title: `Hembesök ${PNR}`, assignedOrganisationId: police, dueOn } },
      'title',
    );
    const ownTask = await f.ok<{ createCaseTask: { id: string; audience: string } }>(SW, CREATE, {
      input: { caseId: statutory, title: `Hembesök ${PNR}`, assignedOrganisationId: danderyd, dueOn },
    });
    expect(ownTask.createCaseTask.audience).toBe('OWN_ORGANISATION');
    const shared = await f.ok<{ createCaseTask: { id: string } }>(SW, CREATE, {
      input: { caseId: statutory, title: 'Hembesök', assignedOrganisationId: police, dueOn },
    });
    const UPDATE =
      'mutation U($id: ID!, $input: UpdateCaseTaskInput!) { updateCaseTask(id: $id, input: $input) { id title } }';
    await refused(SW, UPDATE, { id: shared.createCaseTask.id, input: { title: `Hembesök ${SAMORDNING}` } }, 'title');
    const [row] = await f.server.sql<{ title: string }>('SELECT title FROM case_task WHERE id = $1', [
      shared.createCaseTask.id,
    ]);
    expect(row.title).toBe('Hembesök');
    await f.ok(SW, UPDATE, { id: ownTask.createCaseTask.id, input: { title: `Ring ${SAMORDNING}` } });
  });

  it("refuses a share's contact function with a number (the receiver always reads it)", async () => {
    const created = await f.ok<{ createCase: { id: string } }>(
      SW,
      'mutation { createCase(input: { riskLevel: LOW }) { id } }',
    );
    const SHARE = 'mutation S($input: ShareCaseInput!) { shareCase(input: $input) { id } }';
    const input = {
      caseId: created.createCase.id,
      organisationId: await f.orgId('police'),
      legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
      contactFunction: `Ring ${PNR}`,
    };
    await refused(SW, SHARE, { input }, 'contactFunction');
    await f.ok(SW, SHARE, { input: { ...input, contactFunction: 'Mottagningen' } });
  });
});

describe('prevention activities, commitments and places read by the partnership', () => {
  const CREATE =
    'mutation C($input: CreatePreventionActivityInput!) { createPreventionActivity(input: $input) { id title } }';
  const UPDATE =
    'mutation U($id: ID!, $input: UpdatePreventionActivityInput!) { updatePreventionActivity(id: $id, input: $input) { id visibility } }';

  async function base(): Promise<Record<string, unknown>> {
    const [area] = await f.server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    return {
      title: 'Trygghetsvandring',
      type: 'SAFETY_WALK',
      areaId: area.id,
      startsAt: '2026-05-12T17:00:00.000Z',
      visibility: 'PARTNERSHIP',
    };
  }

  it.each([
    ['title', { title: `Samtal med Maria Svensson ${PNR12}` }],
    ['description', { description: `Gäller ${PNR}` }],
    ['outcomeNotes', { outcomeNotes: `Hon (${SAMORDNING}) berättade om våld` }],
    ['participatingActors', { participatingActors: ['Polisen', `Granne ${PNR}`] }],
  ])('refuses %s of a PARTNERSHIP activity, accepts it for the organisation', async (field, extra) => {
    const input = { ...(await base()), ...extra };
    const before = await count('prevention_activity');
    await refused(SW, CREATE, { input }, field);
    expect(await count('prevention_activity')).toBe(before);
    const own = await f.ok<{ createPreventionActivity: { id: string } }>(SW, CREATE, {
      input: { ...input, visibility: 'ORGANISATION' },
    });
    // Sharing it later is refused too: the guard checks the activity as it will be.
    await refused(SW, UPDATE, { id: own.createPreventionActivity.id, input: { visibility: 'PARTNERSHIP' } }, field);
    const [row] = await f.server.sql<{ visibility: string }>(
      'SELECT visibility FROM prevention_activity WHERE id = $1',
      [own.createPreventionActivity.id],
    );
    expect(row.visibility).toBe('ORGANISATION');
  });

  it('refuses commitment texts and place names with a number', async () => {
    const [p] = await f.server.sql<{ id: string }>(
      `SELECT id FROM partnership WHERE name LIKE 'Medborgarlöften Danderyd%'`,
    );
    const COMMIT = 'mutation C($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }';
    const commitment = {
      partnershipId: p.id,
      title: 'Trygghetslöfte',
      description: 'Fler vandringar',
      responsibleOrganisationIds: [await f.orgId('police'), await f.orgId('danderyd')],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    };
    await refused(SW, COMMIT, { input: { ...commitment, title: `Löfte ${PNR}` } }, 'title');
    await refused(SW, COMMIT, { input: { ...commitment, description: `Kontakt ${PNR12}` } }, 'description');
    const [area] = await f.server.sql<{ id: string }>(`SELECT id FROM area WHERE name = 'Danderyd'`);
    await refused(
      SW,
      'mutation P($input: CreatePlaceInput!) { createPlace(input: $input) { id } }',
      { input: { areaId: area.id, name: `Port ${PNR}` } },
      'name',
    );
  });
});
