import { describe, expect, it } from 'vitest';
import { DANDERYD_ADMIN, DANDERYD_AUDITOR, PL, SW, seededCasesFixture } from '../helpers/cases';

/**
 * Every case mutation answers with what it stored: its answer equals a fresh read right after it
 * (relations of the answer are read inside the mutation's transaction, not outside it).
 */

const f = seededCasesFixture();

const today = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const inDays = (days: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));

const CASE = `id riskLevel status openedAt closedAt access externalReference
  members { userId displayName organisationId addedAt }
  legalBases { id caseId organisationId kind statutoryGround consentScope consentGivenOn consentExpiresAt consentWithdrawnAt revokedAt acceptedAt createdAt }
  tasks { id caseId title assignedOrganisationId assignedUserId dueOn status audience authorOrganisationId createdAt }
  meetings { id heldOn participantOrganisationIds decisions audience authorOrganisationId createdAt }
  notes { id text audience authorId authorOrganisationId createdAt }
  riskAssessments { id method assessedOn level assessorId assessorOrganisationId audience createdAt }
  history { id occurredAt actorUserId actorOrganisationId entityType entityId action field oldValue newValue }`;
const TASK =
  'id caseId title assignedOrganisationId assignedUserId dueOn status audience authorOrganisationId createdAt';
const SHARE =
  'id caseId organisationId kind statutoryGround consentScope consentGivenOn consentExpiresAt consentWithdrawnAt revokedAt acceptedAt createdAt';

interface CaseRead {
  id: string;
  externalReference: string | null;
  members: { userId: string }[];
  legalBases: { id: string }[];
  tasks: { id: string }[];
  meetings: { id: string }[];
  notes: { id: string }[];
  riskAssessments: { id: string }[];
  history: { entityType: string; field: string | null; newValue: string | null }[];
}

async function read(email: string, id: string): Promise<CaseRead> {
  return (await f.ok<{ case: CaseRead }>(email, `query R($id: ID!) { case(id: $id) { ${CASE} } }`, { id })).case;
}

async function createCase(): Promise<CaseRead> {
  return (
    await f.ok<{ createCase: CaseRead }>(
      SW,
      `mutation { createCase(input: { riskLevel: MEDIUM, externalReference: "SOC-2026-0301" }) { ${CASE} } }`,
    )
  ).createCase;
}

async function shareWithPolice(caseId: string): Promise<{ id: string }> {
  return (
    await f.ok<{ shareCase: { id: string } }>(
      SW,
      `mutation S($input: ShareCaseInput!) { shareCase(input: $input) { ${SHARE} } }`,
      {
        input: {
          caseId,
          organisationId: await f.orgId('police'),
          legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_18C' },
          contactFunction: 'Mottagningen',
        },
      },
    )
  ).shareCase;
}

describe('case mutations answer with what they stored', () => {
  it('createCase answers its members, external reference and history exactly as a fresh read', async () => {
    const answer = await createCase();
    expect(answer.externalReference).toBe('SOC-2026-0301');
    expect(answer.members.map((m) => m.userId)).toEqual([await f.userId(SW)]);
    expect(answer.history.length).toBeGreaterThan(0);
    expect(answer).toEqual(await read(SW, answer.id));
  });

  it('updateCase(riskLevel) answers the history with its own change', async () => {
    const { id } = await createCase();
    const answer = (
      await f.ok<{ updateCase: CaseRead }>(
        SW,
        `mutation U($id: ID!) { updateCase(id: $id, input: { riskLevel: SEVERE }) { ${CASE} } }`,
        { id },
      )
    ).updateCase;
    expect(answer.history.some((h) => h.field === 'riskLevel' && h.newValue === 'SEVERE')).toBe(true);
    expect(answer).toEqual(await read(SW, id));
    const closed = (
      await f.ok<{ updateCase: CaseRead }>(
        SW,
        `mutation U($id: ID!) { updateCase(id: $id, input: { status: CLOSED }) { ${CASE} } }`,
        { id },
      )
    ).updateCase;
    expect(closed).toEqual(await read(SW, id));
  });

  it('setCaseExternalReference: the next read shows the reference it set', async () => {
    const { id } = await createCase();
    const answer = await f.ok<{ setCaseExternalReference: boolean }>(
      SW,
      'mutation E($id: ID!) { setCaseExternalReference(caseId: $id, reference: "SOC-2026-0302") }',
      { id },
    );
    expect(answer.setCaseExternalReference).toBe(true);
    expect((await read(SW, id)).externalReference).toBe('SOC-2026-0302');
  });

  it('tasks, meetings, notes and risk assessments answer as the case lists them', async () => {
    const { id } = await createCase();
    const task = (
      await f.ok<{ createCaseTask: { id: string } }>(
        SW,
        `mutation T($input: CreateCaseTaskInput!) { createCaseTask(input: $input) { ${TASK} } }`,
        {
          input: {
            caseId: id,
            title: 'Boka samordningsmöte',
            assignedOrganisationId: await f.orgId('danderyd'),
            dueOn: inDays(3),
          },
        },
      )
    ).createCaseTask;
    expect((await read(SW, id)).tasks.find((t) => t.id === task.id)).toEqual(task);
    const updated = (
      await f.ok<{ updateCaseTask: { id: string } }>(
        SW,
        `mutation U($id: ID!) { updateCaseTask(id: $id, input: { status: IN_PROGRESS }) { ${TASK} } }`,
        { id: task.id },
      )
    ).updateCaseTask;
    expect((await read(SW, id)).tasks.find((t) => t.id === task.id)).toEqual(updated);

    const meeting = (
      await f.ok<{ recordCaseMeeting: { id: string } }>(
        SW,
        'mutation M($input: RecordCaseMeetingInput!) { recordCaseMeeting(input: $input) { id heldOn participantOrganisationIds decisions audience authorOrganisationId createdAt } }',
        {
          input: {
            caseId: id,
            heldOn: today(),
            participantOrganisationIds: [await f.orgId('danderyd')],
            decisions: 'Skyddsplan upprättas.',
          },
        },
      )
    ).recordCaseMeeting;
    expect((await read(SW, id)).meetings.find((m) => m.id === meeting.id)).toEqual(meeting);

    const note = (
      await f.ok<{ addCaseNote: { id: string } }>(
        SW,
        'mutation N($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id text audience authorId authorOrganisationId createdAt } }',
        { input: { caseId: id, text: 'Kontakt tagen.' } },
      )
    ).addCaseNote;
    expect((await read(SW, id)).notes.find((n) => n.id === note.id)).toEqual(note);

    const assessment = (
      await f.ok<{ recordRiskAssessment: { id: string } }>(
        SW,
        'mutation A($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { id method assessedOn level assessorId assessorOrganisationId audience createdAt } }',
        { input: { caseId: id, method: 'OTHER', assessedOn: today(), level: 'HIGH' } },
      )
    ).recordRiskAssessment;
    expect((await read(SW, id)).riskAssessments.find((r) => r.id === assessment.id)).toEqual(assessment);
  });

  it('sharing, taking a share, members and ending a membership answer as a fresh read', async () => {
    const { id } = await createCase();
    const share = await shareWithPolice(id);
    expect((await read(SW, id)).legalBases.find((s) => s.id === share.id)).toEqual(share);

    const accepted = (
      await f.ok<{ acceptCaseShare: { userId: string } }>(
        PL,
        'mutation A($id: ID!) { acceptCaseShare(legalBasisId: $id) { userId displayName organisationId addedAt } }',
        { id: share.id },
      )
    ).acceptCaseShare;
    expect((await read(PL, id)).members.find((m) => m.userId === accepted.userId)).toEqual(accepted);

    const colleague = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const added = (
      await f.ok<{ addCaseMember: { userId: string } }>(
        SW,
        'mutation M($c: ID!, $u: ID!) { addCaseMember(caseId: $c, userId: $u) { userId displayName organisationId addedAt } }',
        { c: id, u: colleague.id },
      )
    ).addCaseMember;
    expect((await read(SW, id)).members.find((m) => m.userId === colleague.id)).toEqual(added);

    const removed = await f.ok<{ removeCaseMember: boolean }>(
      SW,
      'mutation M($c: ID!, $u: ID!) { removeCaseMember(caseId: $c, userId: $u) }',
      { c: id, u: colleague.id },
    );
    expect(removed.removeCaseMember).toBe(true);
    expect((await read(SW, id)).members.some((m) => m.userId === colleague.id)).toBe(false);

    const ended = await f.ok<{ endPartnerMembership: boolean }>(
      SW,
      'mutation M($c: ID!, $u: ID!) { endPartnerMembership(caseId: $c, userId: $u) }',
      { c: id, u: await f.userId(PL) },
    );
    expect(ended.endPartnerMembership).toBe(true);
    expect((await read(SW, id)).members.some((m) => m.userId === accepted.userId)).toBe(false);

    const revoked = (
      await f.ok<{ revokeCaseShare: { id: string; revokedAt: string | null } }>(
        SW,
        `mutation R($id: ID!) { revokeCaseShare(legalBasisId: $id) { ${SHARE} } }`,
        { id: share.id },
      )
    ).revokeCaseShare;
    expect(revoked.revokedAt).not.toBeNull();
    expect((await read(SW, id)).legalBases.find((s) => s.id === share.id)).toEqual(revoked);
  });

  it('withdrawCaseConsent answers the withdrawn consent as a fresh read', async () => {
    const { id } = await createCase();
    const share = (
      await f.ok<{ shareCase: { id: string } }>(
        SW,
        `mutation S($input: ShareCaseInput!) { shareCase(input: $input) { ${SHARE} } }`,
        {
          input: {
            caseId: id,
            organisationId: await f.orgId('police'),
            legalBasis: {
              kind: 'CONSENT',
              consentScope: 'COORDINATION',
              consentGivenOn: today(),
              consentExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
            },
          },
        },
      )
    ).shareCase;
    const withdrawn = (
      await f.ok<{ withdrawCaseConsent: { consentWithdrawnAt: string | null } }>(
        SW,
        `mutation W($id: ID!) { withdrawCaseConsent(legalBasisId: $id) { ${SHARE} } }`,
        { id: share.id },
      )
    ).withdrawCaseConsent;
    expect(withdrawn.consentWithdrawnAt).not.toBeNull();
    expect((await read(SW, id)).legalBases.find((s) => s.id === share.id)).toEqual(withdrawn);
  });

  it('breakGlass and reviewBreakGlass answer as the review queue shows them', async () => {
    const { id } = await createCase();
    const outsider = await f.newUser(DANDERYD_ADMIN, 'SOCIAL_WORKER');
    const FIELDS =
      'id caseId userId reasonCode reasonText openedAt expiresAt active reviewedBy reviewedAt reviewComment';
    const opened = (
      await f.ok<{ breakGlass: { id: string } }>(
        outsider.token,
        `mutation B($input: BreakGlassInput!) { breakGlass(input: $input) { ${FIELDS} } }`,
        { input: { caseId: id, reasonCode: 'IMMEDIATE_DANGER', reasonText: 'Handläggaren nås inte.', minutes: 30 } },
      )
    ).breakGlass;
    const queue = async (): Promise<{ id: string }[]> =>
      (
        await f.ok<{ breakGlassReviews: { edges: { node: { id: string } }[] } }>(
          DANDERYD_AUDITOR,
          `{ breakGlassReviews(first: 100) { edges { node { ${FIELDS} } } } }`,
        )
      ).breakGlassReviews.edges.map((e) => e.node);
    expect((await queue()).find((b) => b.id === opened.id)).toEqual(opened);
    const reviewed = (
      await f.ok<{ reviewBreakGlass: { id: string } }>(
        DANDERYD_AUDITOR,
        `mutation R($id: ID!) { reviewBreakGlass(id: $id, comment: "Befogad.", endAccess: true) { ${FIELDS} } }`,
        { id: opened.id },
      )
    ).reviewBreakGlass;
    expect((await queue()).find((b) => b.id === opened.id)).toEqual(reviewed);
  });
});
