import { randomUUID } from 'node:crypto';
import { Role } from '../../../src/access/roles';
import type { TestServer } from '../test-server';
import type { Caller, Fixture } from './types';

/**
 * Access-matrix fixtures of issue #24's operations: the legal-ground catalogue, corrections
 * (rättelse) and the legal hold. The corrected record is a fresh one of the caller's organisation (Danderyd's social
 * services for callers without one), so that the allowed side is really allowed.
 */
export const FIXTURES_24: Record<string, Fixture> = {
  legalGrounds: { args: () => ({ includeSuperseded: true }) },
  // A corrected activity of the caller's organisation: its auditors read the previous title.
  recordCorrections: {
    args: async ({ caller, server }) => ({
      entityType: 'PreventionActivity',
      entityId: await correctedActivity(server, caller.organisationId),
    }),
  },
  // The caller's own organisation's note on a fresh case the caller works (a member, when it works cases).
  correctCaseRecord: {
    args: async ({ caller, server, unique }) => ({
      input: {
        entityType: 'CaseNote',
        id: await freshCaseNote(server, caller),
        value: `Matrix corrected ${unique}`,
        reasonCode: 'FACTUAL_ERROR',
      },
    }),
  },
  // A fresh open case of the caller's organisation the caller is a member of: the owner's member places the hold.
  setCaseLegalHold: {
    args: async ({ caller, server }) => ({
      input: { caseId: await freshCase(server, caller), hold: true, reasonCode: 'LITIGATION' },
    }),
  },
  correctPreventionActivity: {
    args: async ({ caller, server, unique }) => ({
      input: {
        id: await freshActivity(server, caller.organisationId),
        field: 'title',
        value: `Matrix corrected ${unique}`,
        reasonCode: 'FACTUAL_ERROR',
      },
    }),
  },
};

/** Danderyd's social services: stands in for an anonymous caller's organisation. */
async function ownOrganisation(server: TestServer): Promise<string> {
  return (
    await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`)
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

/**
 * A note (own organisation only) by the caller on a fresh open case of its organisation of which it is
 * a member; by a fresh case worker of the organisation for callers who work no cases.
 */
async function freshCaseNote(server: TestServer, caller: Caller): Promise<string> {
  const { caseId, author, org } = await freshCaseOf(server, caller);
  const [note] = await server.sql<{ id: string }>(
    `INSERT INTO case_note (case_id, text, author_id, author_organisation_id, audience) VALUES ($1, 'Matrix note', $2, $3, 'OWN_ORGANISATION') RETURNING id`,
    [caseId, author, org],
  );
  return note.id;
}

/** A fresh open case of the caller's organisation with the caller (or a fresh case worker) as its member. */
async function freshCase(server: TestServer, caller: Caller): Promise<string> {
  return (await freshCaseOf(server, caller)).caseId;
}

async function freshCaseOf(
  server: TestServer,
  caller: Caller,
): Promise<{ caseId: string; author: string; org: string }> {
  const org = caller.organisationId ?? (await ownOrganisation(server));
  const worksCases =
    caller.userId !== null && caller.roles.some((r) => r === Role.SOCIAL_WORKER || r === Role.POLICE_LIAISON);
  const author = worksCases && caller.userId ? caller.userId : await freshCaseWorker(server, org);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO case_file (owner_organisation_id, risk_level, opened_at, created_by) VALUES ($1, 'MEDIUM', date_trunc('milliseconds', now()), $2) RETURNING id`,
    [org, author],
  );
  await server.sql(
    `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by)
     SELECT c.id, u.id, u.organisation_id, c.opened_at, u.id FROM case_file c, app_user u WHERE c.id = $1 AND u.id = $2`,
    [row.id, author],
  );
  return { caseId: row.id, author, org };
}

/** A fresh activity of the organisation (in an area of one of its partnerships). */
async function freshActivity(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [user] = await server.sql<{ id: string }>(
    `SELECT id FROM app_user WHERE organisation_id = $1 ORDER BY email LIMIT 1`,
    [org],
  );
  const [area] = await server.sql<{ id: string }>(
    `SELECT pa.area_id AS id FROM partnership_organisation po JOIN partnership_area pa ON pa.partnership_id = po.partnership_id
      WHERE po.organisation_id = $1 ORDER BY pa.partnership_id, pa.area_id LIMIT 1`,
    [org],
  );
  const [created] = await server.sql<{ id: string }>(
    `INSERT INTO prevention_activity (organisation_id, type, title, area_id, starts_at, created_by)
     VALUES ($1, 'OTHER', 'Matrix probe', $2, now() + interval '30 days', $3) RETURNING id`,
    [org, area.id, user.id],
  );
  return created.id;
}

/** A fresh activity of the organisation whose title one of its users corrected. */
async function correctedActivity(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const activityId = await freshActivity(server, org);
  await server.sql(
    `INSERT INTO record_correction (entity_type, entity_id, organisation_id, case_id, field, previous_value, reason_code, corrected_by)
     SELECT 'PreventionActivity', a.id, a.organisation_id, NULL, 'title', 'Matrix original', 'FACTUAL_ERROR', a.created_by
       FROM prevention_activity a WHERE a.id = $1`,
    [activityId],
  );
  return activityId;
}
