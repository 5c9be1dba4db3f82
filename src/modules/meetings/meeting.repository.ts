import type { EntityManager } from 'typeorm';

export interface MeetingRow {
  id: string;
  partnershipId: string;
  meetingOn: string;
  place: string;
  organiserOrganisationId: string;
  createdAt: Date;
  attendeeOrganisationIds: string[];
}

export interface AttendeeRow {
  meetingId: string;
  organisationId: string;
  userId: string | null;
}

export interface AgendaItemRow {
  id: string;
  meetingId: string;
  caseId: string;
  position: number;
  carriedOver: boolean;
  decision: string | null;
}

export interface ActionRow {
  id: string;
  agendaItemId: string;
  meetingId: string;
  caseId: string;
  title: string;
  ownerOrganisationId: string;
  ownerUserId: string | null;
  dueOn: string;
  status: string;
  createdAt: Date;
}

const MEETING_COLUMNS = `m.id, m.partnership_id AS "partnershipId", m.meeting_on::text AS "meetingOn", m.place,
  m.organiser_organisation_id AS "organiserOrganisationId", m.created_at AS "createdAt",
  ARRAY(SELECT DISTINCT a.organisation_id FROM coordination_meeting_attendee a WHERE a.meeting_id = m.id) AS "attendeeOrganisationIds"`;
const ITEM_COLUMNS = `i.id, i.meeting_id AS "meetingId", i.case_id AS "caseId", i.position, i.carried_over AS "carriedOver", i.decision`;
const ACTION_COLUMNS = `x.id, x.agenda_item_id AS "agendaItemId", i.meeting_id AS "meetingId", i.case_id AS "caseId", x.title,
  x.owner_organisation_id AS "ownerOrganisationId", x.owner_user_id AS "ownerUserId", x.due_on::text AS "dueOn", x.status,
  x.created_at AS "createdAt"`;

/** Multi-agency meetings: the only place their rows are read or written. The service decides access. */
export class MeetingRepository {
  async insertMeeting(
    manager: EntityManager,
    v: { partnershipId: string; meetingOn: string; place: string; organiserOrganisationId: string; createdBy: string },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO coordination_meeting (partnership_id, meeting_on, place, organiser_organisation_id, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [v.partnershipId, v.meetingOn, v.place, v.organiserOrganisationId, v.createdBy],
    );
    return rows[0].id;
  }

  async insertAttendees(
    manager: EntityManager,
    meetingId: string,
    attendees: readonly Omit<AttendeeRow, 'meetingId'>[],
  ) {
    if (attendees.length === 0) return;
    await manager.query(
      `INSERT INTO coordination_meeting_attendee (meeting_id, organisation_id, user_id)
       SELECT $1, a.organisation_id, a.user_id FROM unnest($2::uuid[], $3::uuid[]) AS a(organisation_id, user_id)
       ON CONFLICT DO NOTHING`,
      [meetingId, attendees.map((a) => a.organisationId), attendees.map((a) => a.userId)],
    );
  }

  /** Appends cases to the agenda after its last item; cases already on it are skipped. */
  async appendItems(manager: EntityManager, meetingId: string, caseIds: readonly string[], carriedOver: boolean) {
    for (const caseId of caseIds) {
      await manager.query(
        `INSERT INTO coordination_agenda_item (meeting_id, case_id, position, carried_over)
         SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3 FROM coordination_agenda_item WHERE meeting_id = $1
         ON CONFLICT (meeting_id, case_id) DO NOTHING`,
        [meetingId, caseId, carriedOver],
      );
    }
  }

  async meetingById(manager: EntityManager, id: string, lock = false): Promise<MeetingRow | null> {
    const rows: MeetingRow[] = await manager.query(
      `SELECT ${MEETING_COLUMNS} FROM coordination_meeting m WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Meetings of the partnership that the organisation attends, newest first. */
  meetingsOf(manager: EntityManager, partnershipId: string, organisationId: string): Promise<MeetingRow[]> {
    return manager.query(
      `SELECT ${MEETING_COLUMNS} FROM coordination_meeting m
        WHERE m.partnership_id = $1
          AND EXISTS (SELECT 1 FROM coordination_meeting_attendee a WHERE a.meeting_id = m.id AND a.organisation_id = $2)
        ORDER BY m.meeting_on DESC, m.created_at DESC LIMIT 200`,
      [partnershipId, organisationId],
    );
  }

  attendeesOf(manager: EntityManager, meetingId: string): Promise<AttendeeRow[]> {
    return manager.query(
      `SELECT meeting_id AS "meetingId", organisation_id AS "organisationId", user_id AS "userId"
         FROM coordination_meeting_attendee WHERE meeting_id = $1 ORDER BY organisation_id, user_id NULLS FIRST`,
      [meetingId],
    );
  }

  itemsOf(manager: EntityManager, meetingId: string): Promise<AgendaItemRow[]> {
    return manager.query(
      `SELECT ${ITEM_COLUMNS} FROM coordination_agenda_item i WHERE i.meeting_id = $1 ORDER BY i.position`,
      [meetingId],
    );
  }

  async itemById(manager: EntityManager, id: string, lock = false): Promise<AgendaItemRow | null> {
    const rows: AgendaItemRow[] = await manager.query(
      `SELECT ${ITEM_COLUMNS} FROM coordination_agenda_item i WHERE i.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setDecision(manager: EntityManager, itemId: string, decision: string): Promise<void> {
    await manager.query(`UPDATE coordination_agenda_item SET decision = $2 WHERE id = $1`, [itemId, decision]);
  }

  /** Actions recorded on the meeting's items. */
  actionsOf(manager: EntityManager, meetingId: string): Promise<ActionRow[]> {
    return manager.query(
      `SELECT ${ACTION_COLUMNS} FROM coordination_action x JOIN coordination_agenda_item i ON i.id = x.agenda_item_id
        WHERE i.meeting_id = $1 ORDER BY x.due_on, x.id`,
      [meetingId],
    );
  }

  /** Open actions of the partnership's earlier meetings (before this one) on the given cases. */
  openActionsBefore(manager: EntityManager, meeting: MeetingRow, caseIds: readonly string[]): Promise<ActionRow[]> {
    return manager.query(
      `SELECT ${ACTION_COLUMNS} FROM coordination_action x JOIN coordination_agenda_item i ON i.id = x.agenda_item_id
         JOIN coordination_meeting p ON p.id = i.meeting_id
        WHERE p.partnership_id = $1 AND p.id <> $2 AND (p.meeting_on, p.created_at) < ($3::date, $4::timestamptz)
          AND i.case_id = ANY($5::uuid[]) AND x.status IN ('OPEN', 'IN_PROGRESS')
        ORDER BY x.due_on, x.id`,
      [meeting.partnershipId, meeting.id, meeting.meetingOn, meeting.createdAt, [...caseIds]],
    );
  }

  /** Cases with open actions at the partnership's latest meeting before `meetingOn`: carried to the next agenda. */
  async casesWithOpenActions(manager: EntityManager, partnershipId: string, meetingId: string): Promise<string[]> {
    const rows: { caseId: string }[] = await manager.query(
      `SELECT i.case_id AS "caseId", min(p.meeting_on) AS first_on FROM coordination_action x
         JOIN coordination_agenda_item i ON i.id = x.agenda_item_id
         JOIN coordination_meeting p ON p.id = i.meeting_id
        WHERE p.partnership_id = $1 AND p.id <> $2 AND x.status IN ('OPEN', 'IN_PROGRESS')
        GROUP BY i.case_id ORDER BY first_on, i.case_id`,
      [partnershipId, meetingId],
    );
    return rows.map((r) => r.caseId);
  }

  async insertAction(
    manager: EntityManager,
    v: {
      agendaItemId: string;
      title: string;
      ownerOrganisationId: string;
      ownerUserId: string | null;
      dueOn: string;
      createdBy: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO coordination_action (agenda_item_id, title, owner_organisation_id, owner_user_id, due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [v.agendaItemId, v.title, v.ownerOrganisationId, v.ownerUserId, v.dueOn, v.createdBy],
    );
    return rows[0].id;
  }

  async actionById(manager: EntityManager, id: string, lock = false): Promise<ActionRow | null> {
    const rows: ActionRow[] = await manager.query(
      `SELECT ${ACTION_COLUMNS} FROM coordination_action x JOIN coordination_agenda_item i ON i.id = x.agenda_item_id
        WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setActionStatus(manager: EntityManager, id: string, status: string): Promise<void> {
    await manager.query(`UPDATE coordination_action SET status = $2 WHERE id = $1`, [id, status]);
  }

  /** Users by id with their organisation (attendees and action owners must belong to the organisation named). */
  usersOrganisations(
    manager: EntityManager,
    userIds: readonly string[],
  ): Promise<{ id: string; organisationId: string }[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return manager.query(`SELECT id, organisation_id AS "organisationId" FROM app_user WHERE id = ANY($1::uuid[])`, [
      [...userIds],
    ]);
  }

  async organisationNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM organisation WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
