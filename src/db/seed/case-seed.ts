import type { EntityManager } from 'typeorm';
import { addDays, todayInSweden } from '../../modules/training/certification-status';

/**
 * Demo cases of Danderyd's social services (and one of Täby's), dated relative to the day of
 * seeding. No names and no identity numbers anywhere: the references are made-up case numbers.
 *
 * 1. HIGH: shared with the police under OSL 10:18 c; both organisations are members; tasks (one of
 *    them overdue for the social worker), a joint meeting, a FREDA danger assessment, a note.
 * 2. MEDIUM: shared with the police under a consent that expires in six months.
 * 3. LOW: social services only.
 * 4. CLOSED.
 * 5. Täby's own case (never visible to Danderyd).
 */
export async function seedCases(
  manager: EntityManager,
  input: { organisations: { police: string; danderyd: string; taby: string }; users: Map<string, string>; now?: Date },
): Promise<void> {
  const existing: unknown[] = await manager.query(`SELECT 1 FROM case_file LIMIT 1`);
  if (existing.length > 0) return; // idempotent: cases are seeded once
  const { police, danderyd, taby } = input.organisations;
  const sw = input.users.get('socialsekreterare@danderyd.example')!;
  const pl = input.users.get('kommunpolis@polisen.example')!;
  const taSw = input.users.get('socialsekreterare@taby.example')!;
  const today = todayInSweden(input.now ?? new Date());
  const day = (offset: number): string => addDays(today, offset);

  const history = async (
    caseId: string,
    actor: string,
    org: string,
    entityType: string,
    entityId: string,
    field: string | null,
    newValue: string | null,
  ): Promise<void> => {
    await manager.query(
      `INSERT INTO case_history (case_id, actor_user_id, actor_organisation_id, entity_type, entity_id, action, field, new_value) VALUES ($1, $2, $3, $4, $5, 'CREATE', $6, $7)`,
      [caseId, actor, org, entityType, entityId, field, newValue],
    );
  };
  const newCase = async (
    owner: string,
    creator: string,
    riskLevel: string,
    openedDaysAgo: number,
    closed = false,
  ): Promise<string> => {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO case_file (owner_organisation_id, risk_level, status, opened_at, closed_at, created_by)
       VALUES ($1, $2, $3::case_status, date_trunc('milliseconds', now() - make_interval(days => $4)), CASE WHEN $3::case_status = 'CLOSED' THEN now() - interval '2 days' END, $5) RETURNING id`,
      [owner, riskLevel, closed ? 'CLOSED' : 'OPEN', openedDaysAgo, creator],
    );
    await history(row.id, creator, owner, 'Case', row.id, 'riskLevel', riskLevel);
    return row.id;
  };
  const member = async (caseId: string, userId: string, organisationId: string, addedBy: string): Promise<void> => {
    await manager.query(
      `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by) SELECT id, $2, $3, opened_at, $4 FROM case_file WHERE id = $1`,
      [caseId, userId, organisationId, addedBy],
    );
    await history(caseId, addedBy, organisationId, 'CaseMember', userId, 'userId', userId);
  };
  const reference = (caseId: string, organisationId: string, text: string, by: string): Promise<unknown> =>
    manager.query(
      `INSERT INTO case_external_reference (case_id, organisation_id, reference, updated_by) VALUES ($1, $2, $3, $4)`,
      [caseId, organisationId, text, by],
    );

  // 1. Shared with the police on a statutory ground.
  const shared = await newCase(danderyd, sw, 'HIGH', 40);
  await member(shared, sw, danderyd, sw);
  await reference(shared, danderyd, 'SOC-2026-0142', sw);
  const [statutory]: { id: string }[] = await manager.query(
    `INSERT INTO case_share (case_id, organisation_id, basis_kind, statutory_ground, contact_function, accepted_by, accepted_at, created_by)
     VALUES ($1, $2, 'STATUTORY', 'OSL_10_18C', 'Mottagningen, socialtjänsten', $4, now(), $3) RETURNING id`,
    [shared, police, sw, pl],
  );
  await history(shared, sw, danderyd, 'CaseShare', statutory.id, 'legalBasis', 'STATUTORY:OSL_10_18C');
  await member(shared, pl, police, pl);
  await reference(shared, police, 'K-20260311-77', pl);
  const tasks: [string, string, string | null, number, string][] = [
    ['Boka uppföljande samtal', danderyd, sw, -3, 'OPEN'],
    ['Ta fram skyddsplan', danderyd, sw, 7, 'IN_PROGRESS'],
    ['Kontrollera kontaktförbud', police, pl, 5, 'OPEN'],
    ['Samordna hembesök', police, null, -10, 'DONE'],
  ];
  for (const [title, org, user, due, status] of tasks) {
    const [task]: { id: string }[] = await manager.query(
      `INSERT INTO case_task (case_id, title, assigned_organisation_id, assigned_user_id, due_on, status, audience, author_organisation_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'SHARED', $8, $7) RETURNING id`,
      [shared, title, org, user, day(due), status, sw, danderyd],
    );
    await history(shared, sw, danderyd, 'CaseTask', task.id, 'dueOn', day(due));
  }
  const [meeting]: { id: string }[] = await manager.query(
    `INSERT INTO case_meeting (case_id, held_on, participant_organisation_ids, decisions, audience, author_organisation_id, created_by)
     VALUES ($1, $2, ARRAY[$3, $4]::uuid[], $5, 'SHARED', $3, $6) RETURNING id`,
    [
      shared,
      day(-14),
      danderyd,
      police,
      'Gemensam skyddsplan tas fram. Polisen utreder kontaktförbud. Ny avstämning om två veckor.',
      sw,
    ],
  );
  await history(shared, sw, danderyd, 'CaseMeeting', meeting.id, 'heldOn', day(-14));
  const [assessment]: { id: string }[] = await manager.query(
    `INSERT INTO risk_assessment (case_id, method, assessed_on, level, assessor_id, assessor_organisation_id, audience)
     VALUES ($1, 'FREDA_DANGER_ASSESSMENT', $2, 'HIGH', $3, $4, 'SHARED') RETURNING id`,
    [shared, day(-20), sw, danderyd],
  );
  await history(shared, sw, danderyd, 'RiskAssessment', assessment.id, 'level', 'HIGH');
  const [note]: { id: string }[] = await manager.query(
    `INSERT INTO case_note (case_id, text, author_id, author_organisation_id, audience) VALUES ($1, $2, $3, $4, 'SHARED') RETURNING id`,
    [shared, 'Stödsamtal genomfört. Skyddat boende erbjudet men ej aktuellt just nu.', sw, danderyd],
  );
  await history(shared, sw, danderyd, 'CaseNote', note.id, null, null);

  // 2. Shared with the police under a consent.
  const consented = await newCase(danderyd, sw, 'MEDIUM', 25);
  await member(consented, sw, danderyd, sw);
  const [consent]: { id: string }[] = await manager.query(
    `INSERT INTO case_share (case_id, organisation_id, basis_kind, consent_scope, consent_given_on, consent_expires_at, contact_function, accepted_by, accepted_at, created_by)
     VALUES ($1, $2, 'CONSENT', 'COORDINATION', $3, now() + interval '180 days', 'Mottagningen, socialtjänsten', $5, now(), $4) RETURNING id`,
    [consented, police, day(-20), sw, pl],
  );
  await history(consented, sw, danderyd, 'CaseShare', consent.id, 'legalBasis', 'CONSENT:COORDINATION');
  await member(consented, pl, police, pl);

  // 3. Social services only; 4. closed.
  const own = await newCase(danderyd, sw, 'LOW', 10);
  await member(own, sw, danderyd, sw);
  await reference(own, danderyd, 'SOC-2026-0188', sw);
  const closed = await newCase(danderyd, sw, 'MEDIUM', 120, true);
  await member(closed, sw, danderyd, sw);

  // 5. Täby's own.
  const tabyCase = await newCase(taby, taSw, 'MEDIUM', 15);
  await member(tabyCase, taSw, taby, taSw);
}
