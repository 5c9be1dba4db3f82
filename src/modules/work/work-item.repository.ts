import type { EntityManager } from 'typeorm';
import { activeShareSql, assignedToSql, type CaseReader } from '../cases/case.repository';

/** Where a work item comes from. */
export enum WorkItemKind {
  /** A task of a case (`createCaseTask`). */
  CASE_TASK = 'CASE_TASK',
  /** An action decided in a multi-agency meeting (`addMeetingAction`). */
  MEETING_ACTION = 'MEETING_ACTION',
  /** The action of a finding of a safety walk or patrol (`raisePreventionFinding`); it has no case. */
  FINDING_ACTION = 'FINDING_ACTION',
}

/** Which due-date window a work item falls in, by Swedish calendar date. */
export enum DueWindow {
  /** Due before today. */
  OVERDUE = 'OVERDUE',
  /** Due today or within the next seven days. */
  NEXT_7_DAYS = 'NEXT_7_DAYS',
  /** Due later than seven days from today. */
  LATER = 'LATER',
}

export interface WorkItemRow {
  kind: WorkItemKind;
  id: string;
  title: string;
  dueOn: string;
  status: string;
  assignedOrganisationId: string;
  assignedUserId: string | null;
  caseId: string | null;
  /** The safety walk or patrol that raised a finding's action. */
  activityId: string | null;
  authorOrganisationId: string;
  audience: string;
  createdAt: Date;
}

export interface WorkItemQuery {
  statuses: readonly string[];
  due: DueWindow | null;
  /** Swedish calendar date of today. */
  today: string;
  after: { dueOn: string; id: string } | null;
  limit: number;
}

/**
 * Candidate work items of one person, ordered by due date then id (keyset). The query keeps to
 * items assigned to the person or to their organisation without a person, on open cases the person
 * is a member of and their organisation reaches (owner, or an active share), and the actions of
 * findings owned by their organisation; the service confirms each through src/access (`caseTaskOnMyList`,
 * `meetingActionOnMyList`, `findingActionOnMyList`).
 */
export class WorkItemRepository {
  async candidates(manager: EntityManager, reader: CaseReader, q: WorkItemQuery): Promise<WorkItemRow[]> {
    const params: unknown[] = [reader.userId, reader.organisationId, [...q.statuses]];
    // An open case the reader is a member of and their organisation may see (owner, or an active share).
    const openCaseOfReader = `c.status = 'OPEN'
              AND EXISTS (SELECT 1 FROM case_member cm WHERE cm.case_id = c.id AND cm.user_id = $1)
              AND (c.owner_organisation_id = $2 OR EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id AND s.organisation_id = $2 AND ${activeShareSql('s')}))`;
    const where = ['x.status = ANY($3::text[])'];
    if (q.due !== null) {
      params.push(q.today);
      const today = `$${params.length}::date`;
      if (q.due === DueWindow.OVERDUE) where.push(`x."dueOn" < ${today}`);
      if (q.due === DueWindow.NEXT_7_DAYS) where.push(`x."dueOn" BETWEEN ${today} AND ${today} + 7`);
      if (q.due === DueWindow.LATER) where.push(`x."dueOn" > ${today} + 7`);
    }
    if (q.after) {
      params.push(q.after.dueOn, q.after.id);
      where.push(`(x."dueOn", x.id) > ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    params.push(q.limit);
    return manager.query(
      `SELECT x.kind, x.id, x.title, x."dueOn"::text AS "dueOn", x.status, x."assignedOrganisationId", x."assignedUserId",
              x."caseId", x."activityId", x."authorOrganisationId", x.audience, x."createdAt"
         FROM (
           SELECT 'CASE_TASK' AS kind, t.id, t.title, t.due_on AS "dueOn", t.status::text AS status,
                  t.assigned_organisation_id AS "assignedOrganisationId", t.assigned_user_id AS "assignedUserId",
                  t.case_id AS "caseId", NULL::uuid AS "activityId", t.author_organisation_id AS "authorOrganisationId", t.audience::text AS audience,
                  t.created_at AS "createdAt"
             FROM case_task t JOIN case_file c ON c.id = t.case_id
            WHERE ${assignedToSql('t.assigned_user_id', 't.assigned_organisation_id', '$1', '$2')}
              AND ${openCaseOfReader}
           UNION ALL
           SELECT 'MEETING_ACTION' AS kind, a.id, a.title, a.due_on AS "dueOn", a.status,
                  a.owner_organisation_id AS "assignedOrganisationId", a.owner_user_id AS "assignedUserId",
                  i.case_id AS "caseId", NULL::uuid AS "activityId", c.owner_organisation_id AS "authorOrganisationId", 'SHARED' AS audience,
                  a.created_at AS "createdAt"
             FROM coordination_action a JOIN coordination_agenda_item i ON i.id = a.agenda_item_id
             JOIN case_file c ON c.id = i.case_id
            WHERE ${assignedToSql('a.owner_user_id', 'a.owner_organisation_id', '$1', '$2')}
              AND ${openCaseOfReader}
           UNION ALL
           SELECT 'FINDING_ACTION' AS kind, f.id, COALESCE(f.suggested_measure, f.description) AS title, f.due_on AS "dueOn", f.status,
                  f.owner_organisation_id AS "assignedOrganisationId", NULL::uuid AS "assignedUserId",
                  NULL::uuid AS "caseId", f.activity_id AS "activityId", a.organisation_id AS "authorOrganisationId", 'SHARED' AS audience,
                  f.created_at AS "createdAt"
             FROM prevention_finding f JOIN prevention_activity a ON a.id = f.activity_id
            WHERE f.owner_organisation_id = $2
         ) x
        WHERE ${where.join(' AND ')}
        ORDER BY x."dueOn", x.id
        LIMIT $${params.length}`,
      params,
    );
  }
}
