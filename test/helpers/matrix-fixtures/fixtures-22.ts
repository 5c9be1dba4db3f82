import { randomUUID } from 'node:crypto';
import type { TestServer } from '../test-server';
import type { Caller, Fixture } from './types';

/**
 * Access-matrix fixtures of issue #22's operations (coordination meetings, my work, prevention
 * findings): fresh records of the caller's own organisation, so that the allowed side is really
 * allowed — a meeting of one of the caller's partnerships that its organisation attends, with an
 * item about a case the caller is a member of; a finding of an activity of the caller's organisation.
 * Callers without an organisation (anonymous) get Danderyd's social services' records.
 */
export const FIXTURES_22: Record<string, Fixture> = {
  // meetings
  coordinationMeeting: { args: async ({ caller, server }) => ({ id: (await freshMeeting(server, caller)).meetingId }) },
  coordinationMeetings: {
    args: async ({ caller, server }) => ({ partnershipId: (await freshMeeting(server, caller)).partnershipId }),
  },
  exportMeetingMinutes: {
    args: async ({ caller, server }) => ({ id: (await freshAgendaItem(server, caller)).meetingId }),
  },
  // A meeting held last week (meetings are not in the future) that the caller's organisation attends.
  createCoordinationMeeting: {
    args: async ({ caller, server, unique }) => {
      const org = caller.organisationId ?? (await ownOrganisation(server));
      return {
        input: {
          partnershipId: await ownPartnership(server, org),
          meetingOn: swedishDateIn(-7),
          place: `Matrix ${unique}`,
          attendeeOrganisationIds: [org],
          caseIds: [await freshCase(server, caller)],
        },
      };
    },
  },
  addMeetingAgendaCase: {
    args: async ({ caller, server }) => ({
      meetingId: (await freshMeeting(server, caller)).meetingId,
      caseId: await freshCase(server, caller),
    }),
  },
  recordAgendaDecision: {
    args: async ({ caller, server }) => ({
      agendaItemId: (await freshAgendaItem(server, caller)).agendaItemId,
      decision: 'Matrix',
    }),
  },
  // Owned by the caller's organisation (an attendee owning the case); due in a month (not before today).
  addMeetingAction: {
    args: async ({ caller, server }) => {
      const item = await freshAgendaItem(server, caller);
      return {
        input: {
          agendaItemId: item.agendaItemId,
          title: 'Matrix',
          ownerOrganisationId: item.organisationId,
          dueOn: swedishDateIn(30),
        },
      };
    },
  },
  updateMeetingAction: {
    args: async ({ caller, server }) => ({ id: await freshMeetingAction(server, caller), status: 'DONE' }),
  },
  // my work
  myTasks: { args: () => ({ first: 5 }) },
  // prevention findings: an activity of the caller's organisation
  preventionFindings: {
    args: async ({ caller, server }) => ({ activityId: (await freshFinding(server, caller)).activityId }),
  },
  raisePreventionFinding: {
    args: async ({ caller, server }) => {
      const org = caller.organisationId ?? (await ownOrganisation(server));
      return {
        input: {
          activityId: await ownActivity(server, org),
          description: 'Matrix',
          suggestedMeasure: 'Matrix',
          ownerOrganisationId: org,
          dueOn: swedishDateIn(30),
        },
      };
    },
  },
  updatePreventionFinding: {
    args: async ({ caller, server }) => ({ id: (await freshFinding(server, caller)).id, input: { status: 'DONE' } }),
  },
};

/** The Swedish calendar date `days` from now (negative: in the past). */
function swedishDateIn(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Danderyd's social services: stands in for an anonymous caller's organisation. */
async function ownOrganisation(server: TestServer): Promise<string> {
  return (
    await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`)
  )[0].id;
}

/** A partnership of the organisation with areas (the ended ones made for closePartnership cover none). */
async function ownPartnership(server: TestServer, organisationId: string): Promise<string> {
  return (
    await server.sql<{ id: string }>(
      `SELECT po.partnership_id AS id FROM partnership_organisation po
        WHERE po.organisation_id = $1 AND EXISTS (SELECT 1 FROM partnership_area pa WHERE pa.partnership_id = po.partnership_id) ORDER BY 1 LIMIT 1`,
      [organisationId],
    )
  )[0].id;
}

async function anyUserOf(server: TestServer, organisationId: string): Promise<string> {
  return (
    await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 ORDER BY email LIMIT 1`, [
      organisationId,
    ])
  )[0].id;
}

/** A user of the organisation who works cases (social worker, or police liaison for the police). */
async function freshCaseWorker(server: TestServer, organisationId: string): Promise<string> {
  const [user] = await server.sql<{ id: string }>(
    `INSERT INTO app_user (organisation_id, email, display_name, password_hash) VALUES ($1, $2, 'Matrix case worker', 'not-a-hash') RETURNING id`,
    [organisationId, `case-worker-${randomUUID()}@example.invalid`],
  );
  await server.sql(
    `INSERT INTO user_role (user_id, role) SELECT $1, CASE o.kind WHEN 'POLICE' THEN 'POLICE_LIAISON'::role ELSE 'SOCIAL_WORKER'::role END FROM organisation o WHERE o.id = $2`,
    [user.id, organisationId],
  );
  return user.id;
}

/** An open case of the caller's organisation with the caller as member (a fresh case worker for the anonymous caller). */
export async function freshCase(server: TestServer, caller: Caller): Promise<string> {
  const org = caller.organisationId ?? (await ownOrganisation(server));
  const owner = caller.userId ?? (await freshCaseWorker(server, org));
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO case_file (owner_organisation_id, risk_level, opened_at, created_by) VALUES ($1, 'MEDIUM', date_trunc('milliseconds', now()), $2) RETURNING id`,
    [org, owner],
  );
  await server.sql(
    `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by)
     SELECT c.id, u.id, u.organisation_id, c.opened_at, u.id FROM case_file c, app_user u WHERE c.id = $1 AND u.id = $2`,
    [row.id, owner],
  );
  return row.id;
}

interface FreshMeeting {
  meetingId: string;
  partnershipId: string;
  organisationId: string;
}

/** A meeting held last week of one of the organisation's partnerships, organised and attended by the caller's organisation. */
async function freshMeeting(server: TestServer, caller: Caller): Promise<FreshMeeting> {
  const org = caller.organisationId ?? (await ownOrganisation(server));
  const partnershipId = await ownPartnership(server, org);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO coordination_meeting (partnership_id, meeting_on, place, organiser_organisation_id, created_by)
     VALUES ($1, current_date - 7, $2, $3, $4) RETURNING id`,
    [partnershipId, `Matrix ${randomUUID()}`, org, caller.userId ?? (await anyUserOf(server, org))],
  );
  await server.sql(`INSERT INTO coordination_meeting_attendee (meeting_id, organisation_id) VALUES ($1, $2)`, [
    row.id,
    org,
  ]);
  return { meetingId: row.id, partnershipId, organisationId: org };
}

/** A fresh meeting with one agenda item: a fresh case of the caller's organisation, the caller a member. */
async function freshAgendaItem(server: TestServer, caller: Caller): Promise<FreshMeeting & { agendaItemId: string }> {
  const meeting = await freshMeeting(server, caller);
  const caseId = await freshCase(server, caller);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO coordination_agenda_item (meeting_id, case_id, position) VALUES ($1, $2, 1) RETURNING id`,
    [meeting.meetingId, caseId],
  );
  return { ...meeting, agendaItemId: row.id };
}

/** An open action of the caller's organisation on a fresh agenda item, due in a month. */
async function freshMeetingAction(server: TestServer, caller: Caller): Promise<string> {
  const item = await freshAgendaItem(server, caller);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO coordination_action (agenda_item_id, title, owner_organisation_id, due_on, created_by)
     VALUES ($1, 'Matrix', $2, current_date + 30, $3) RETURNING id`,
    [item.agendaItemId, item.organisationId, caller.userId ?? (await anyUserOf(server, item.organisationId))],
  );
  return row.id;
}

/** An activity of the organisation; one is made (in a month, in one of its areas) when it has none. */
async function ownActivity(server: TestServer, organisationId: string): Promise<string> {
  const [row] = await server.sql<{ id: string }>(
    `SELECT id FROM prevention_activity WHERE organisation_id = $1 ORDER BY starts_at DESC, id LIMIT 1`,
    [organisationId],
  );
  if (row) return row.id;
  const partnershipId = await ownPartnership(server, organisationId);
  const [area] = await server.sql<{ id: string }>(
    `SELECT area_id AS id FROM partnership_area WHERE partnership_id = $1 LIMIT 1`,
    [partnershipId],
  );
  const [created] = await server.sql<{ id: string }>(
    `INSERT INTO prevention_activity (organisation_id, type, title, area_id, starts_at, created_by)
     VALUES ($1, 'OTHER', 'Matrix probe', $2, now() + interval '30 days', $3) RETURNING id`,
    [organisationId, area.id, await anyUserOf(server, organisationId)],
  );
  return created.id;
}

/** An open finding of an activity of the caller's organisation, its action owned by that organisation. */
async function freshFinding(server: TestServer, caller: Caller): Promise<{ id: string; activityId: string }> {
  const org = caller.organisationId ?? (await ownOrganisation(server));
  const activityId = await ownActivity(server, org);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO prevention_finding (activity_id, place_id, description, owner_organisation_id, due_on, created_by)
     SELECT a.id, a.place_id, 'Matrix', $2, current_date + 30, $3 FROM prevention_activity a WHERE a.id = $1 RETURNING id`,
    [activityId, org, caller.userId ?? (await anyUserOf(server, org))],
  );
  return { id: row.id, activityId };
}
