import type { EntityManager } from 'typeorm';
import { CaseMeeting, CaseNote, CaseTask, RiskAssessment } from './case.entities';
import {
  activeShareSql,
  CaseReader,
  TASK_COLUMNS,
  ASSESSMENT_COLUMNS,
  TASKS_OF_CASES_SQL,
} from './case-repository.support';

/** Tasks, meetings, notes, risk assessments and the assessment gates. */
export class CaseWorkRepository {
  // --- tasks, meetings, notes, assessments ----------------------------------------------------------

  tasksOf(manager: EntityManager, caseIds: readonly string[]): Promise<CaseTask[]> {
    return manager.query(TASKS_OF_CASES_SQL, [[...caseIds]]);
  }

  async taskById(manager: EntityManager, id: string, lock = false): Promise<CaseTask | null> {
    const rows: CaseTask[] = await manager.query(
      `SELECT ${TASK_COLUMNS} FROM case_task t WHERE t.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Open tasks assigned to the user that were due before `today`, on cases the user may work now:
   * a member, of the owner organisation or of one with an active legal basis.
   */
  overdueTasks(manager: EntityManager, reader: CaseReader, today: string): Promise<CaseTask[]> {
    return manager.query(
      `SELECT ${TASK_COLUMNS} FROM case_task t JOIN case_file c ON c.id = t.case_id
        WHERE t.assigned_user_id = $1 AND t.status IN ('OPEN', 'IN_PROGRESS') AND t.due_on < $3::date
          AND EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.user_id = $1)
          AND (c.owner_organisation_id = $2 OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.organisation_id = $2 AND ${activeShareSql('s')}))
        ORDER BY t.due_on, t.id LIMIT 500`,
      [reader.userId, reader.organisationId, today],
    );
  }

  async insertTask(
    manager: EntityManager,
    t: Pick<
      CaseTask,
      | 'caseId'
      | 'title'
      | 'assignedOrganisationId'
      | 'assignedUserId'
      | 'dueOn'
      | 'audience'
      | 'authorOrganisationId'
      | 'createdBy'
    >,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_task (case_id, title, assigned_organisation_id, assigned_user_id, due_on, audience, author_organisation_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        t.caseId,
        t.title,
        t.assignedOrganisationId,
        t.assignedUserId,
        t.dueOn,
        t.audience,
        t.authorOrganisationId,
        t.createdBy,
      ],
    );
    return rows[0].id;
  }

  async updateTask(
    manager: EntityManager,
    t: Pick<CaseTask, 'id' | 'title' | 'assignedOrganisationId' | 'assignedUserId' | 'dueOn' | 'status'>,
  ): Promise<void> {
    await manager.query(
      `UPDATE case_task SET title = $2, assigned_organisation_id = $3, assigned_user_id = $4, due_on = $5, status = $6, updated_at = now() WHERE id = $1`,
      [t.id, t.title, t.assignedOrganisationId, t.assignedUserId, t.dueOn, t.status],
    );
  }

  meetingsOf(manager: EntityManager, caseIds: readonly string[]): Promise<CaseMeeting[]> {
    return manager.query(
      `SELECT id, case_id AS "caseId", held_on::text AS "heldOn", participant_organisation_ids AS "participantOrganisationIds", decisions,
              audience, author_organisation_id AS "authorOrganisationId", created_by AS "createdBy", created_at AS "createdAt"
         FROM case_meeting WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, held_on DESC, id`,
      [[...caseIds]],
    );
  }

  async insertMeeting(
    manager: EntityManager,
    x: Pick<
      CaseMeeting,
      | 'caseId'
      | 'heldOn'
      | 'participantOrganisationIds'
      | 'decisions'
      | 'audience'
      | 'authorOrganisationId'
      | 'createdBy'
    >,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_meeting (case_id, held_on, participant_organisation_ids, decisions, audience, author_organisation_id, created_by)
       VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7) RETURNING id`,
      [x.caseId, x.heldOn, x.participantOrganisationIds, x.decisions, x.audience, x.authorOrganisationId, x.createdBy],
    );
    return rows[0].id;
  }

  notesOf(manager: EntityManager, caseIds: readonly string[]): Promise<CaseNote[]> {
    return manager.query(
      `SELECT id, case_id AS "caseId", text, audience, author_id AS "authorId", author_organisation_id AS "authorOrganisationId", created_at AS "createdAt"
         FROM case_note WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, created_at DESC, id`,
      [[...caseIds]],
    );
  }

  async insertNote(
    manager: EntityManager,
    x: Pick<CaseNote, 'caseId' | 'text' | 'audience' | 'authorId' | 'authorOrganisationId'>,
  ): Promise<CaseNote> {
    const rows: CaseNote[] = await manager.query(
      `INSERT INTO case_note (case_id, text, audience, author_id, author_organisation_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, case_id AS "caseId", text, audience, author_id AS "authorId", author_organisation_id AS "authorOrganisationId", created_at AS "createdAt"`,
      [x.caseId, x.text, x.audience, x.authorId, x.authorOrganisationId],
    );
    return rows[0];
  }

  assessmentsOf(manager: EntityManager, caseIds: readonly string[]): Promise<RiskAssessment[]> {
    return manager.query(
      `SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment r WHERE r.case_id = ANY($1::uuid[]) ORDER BY r.case_id, r.assessed_on DESC, r.created_at DESC, r.id DESC`,
      [[...caseIds]],
    );
  }

  async insertAssessment(
    manager: EntityManager,
    x: Pick<
      RiskAssessment,
      'caseId' | 'method' | 'assessedOn' | 'level' | 'assessorId' | 'assessorOrganisationId' | 'audience'
    >,
  ): Promise<RiskAssessment> {
    const rows: RiskAssessment[] = await manager.query(
      `INSERT INTO risk_assessment AS r (case_id, method, assessed_on, level, assessor_id, assessor_organisation_id, audience) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${ASSESSMENT_COLUMNS}`,
      [x.caseId, x.method, x.assessedOn, x.level, x.assessorId, x.assessorOrganisationId, x.audience],
    );
    return rows[0];
  }

  /** The organisation's training gate of a method: the course (by id) whose certificate it needs. */
  async gateFor(
    manager: EntityManager,
    organisationId: string,
    method: string,
  ): Promise<{ courseId: string; code: string; title: string } | null> {
    const rows: { courseId: string; code: string; title: string }[] = await manager.query(
      `SELECT g.course_id AS "courseId", c.code, c.title FROM risk_assessment_gate g JOIN course c ON c.id = g.course_id WHERE g.organisation_id = $1 AND g.method = $2`,
      [organisationId, method],
    );
    return rows[0] ?? null;
  }
}
