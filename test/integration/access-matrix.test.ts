import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { getNamedType, isCompositeType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capability, scopeOf } from '../../src/access/policy';
import { Role } from '../../src/access/roles';
import { DEMO_USERS } from '../../src/db/seed/demo-seed';
import { buildAppSchema } from '../../src/graphql/schema';
import { hashPassword } from '../../src/modules/identity/password';
import { addDays, todayInSweden } from '../../src/shared/dates';
import { databaseWriteWatcher, type Snapshot } from '../helpers/db-snapshot';
import { DEMO_PASSWORD, startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

/**
 * The role × operation matrix, generated from the schema and the policy table: every Query and
 * Mutation field, run by every demo user (and by an anonymous caller). Predicted allowed iff one of
 * the caller's roles holds the operation's capability (`extensions.policy`; PUBLIC: everyone).
 *
 * - allowed: no error at all, and an ALLOWED audit event;
 * - denied: FORBIDDEN (UNAUTHENTICATED when anonymous), no data, an audit event with outcome
 *   DENIED, and nothing changed in the database (row counts and a checksum of every table but the
 *   audit tables and the session/throttle bookkeeping a request legitimately touches).
 *
 * An operation without a fixture below fails the run: a new operation must say how to call it.
 */

import type { Caller, Fixture } from '../helpers/matrix-fixtures/types';
import { FIXTURES_19 } from '../helpers/matrix-fixtures/fixtures-19';
import { FIXTURES_21 } from '../helpers/matrix-fixtures/fixtures-21';
import { FIXTURES_22 } from '../helpers/matrix-fixtures/fixtures-22';
import { FIXTURES_22_NOTIFICATIONS } from '../helpers/matrix-fixtures/fixtures-22-notifications';
import { FIXTURES_23 } from '../helpers/matrix-fixtures/fixtures-23';
import { FIXTURES_24 } from '../helpers/matrix-fixtures/fixtures-24';

const FIXTURES: Record<string, Fixture> = {
  // Operations of later issues, each in its own file under test/helpers/matrix-fixtures/.
  ...FIXTURES_19,
  ...FIXTURES_21,
  ...FIXTURES_22,
  ...FIXTURES_22_NOTIFICATIONS,
  ...FIXTURES_23,
  ...FIXTURES_24,
  // identity
  login: { args: ({ caller }) => ({ email: caller.email ?? 'kommunpolis@polisen.example', password: DEMO_PASSWORD }) },
  logout: { endsSession: true },
  me: {},
  areas: {},
  createUser: {
    args: ({ unique }) => ({
      input: {
        email: `matrix-${unique}@example.invalid`,
        displayName: 'Matrix probe',
        password: `matrix-passphrase-${unique}`,
        roles: [Role.TRAINING_COORDINATOR],
      },
    }),
  },
  // ADMIN and AUDITOR are never granted through the API (separation-of-duties.ts): a role an admin may grant.
  setUserRoles: {
    args: async ({ caller, freshUser }) => ({
      input: { userId: await freshUser(caller.organisationId), roles: [Role.TRAINING_COORDINATOR] },
    }),
  },
  // PUBLIC like login: a fresh account with a temporary password (anyone knowing it may replace it).
  changePassword: { args: async ({ caller, server }) => freshTemporaryAccount(server, caller.organisationId) },
  disableUser: { args: async ({ caller, freshUser }) => ({ userId: await freshUser(caller.organisationId) }) },
  enableUser: { args: async ({ caller, freshUser }) => ({ userId: await freshUser(caller.organisationId, true) }) },
  users: { args: () => ({ first: 5, filter: { search: 'example' } }) },
  partnerships: {},
  partnership: { args: async ({ caller, server }) => ({ id: await ownPartnership(server, caller.organisationId) }) },
  closePartnership: {
    args: async ({ caller, server }) => ({ id: await endedPartnership(server, caller.organisationId) }),
  },
  mySessions: {},
  // A second session of the caller's (not the one the request runs in), or any id for the anonymous caller.
  endSession: {
    args: async ({ caller, server }) => ({
      id: caller.userId
        ? (
            await server.sql<{ id: string }>(
              `INSERT INTO user_session (token_hash, user_id, last_seen_at, expires_at) VALUES ($1, $2, now(), now() + interval '1 hour') RETURNING id`,
              [randomUUID(), caller.userId],
            )
          )[0].id
        : randomUUID(),
    }),
  },
  endUserSessions: { args: async ({ caller, freshUser }) => ({ userId: await freshUser(caller.organisationId) }) },
  // audit (the auditor API): a record of the caller's own organisation, so that allowed means allowed
  auditEvents: { args: () => ({ first: 5 }) },
  auditTrail: { args: ({ caller }) => ({ entityType: 'User', entityId: caller.userId ?? randomUUID(), first: 5 }) },
  exportAuditTrail: { args: ({ caller }) => ({ entityType: 'User', entityId: caller.userId ?? randomUUID() }) },
  verifyAuditLog: {},
  // prevention: the caller's own records, so that the allowed side is really allowed
  preventionActivity: {
    args: async ({ caller, server }) => ({ id: await ownActivity(server, caller.organisationId, false) }),
  },
  preventionActivities: { args: () => ({ first: 5 }) },
  createPreventionActivity: {
    args: async ({ caller, server, unique }) => ({
      input: {
        title: `Matrix ${unique}`,
        type: 'SAFETY_WALK',
        areaId: await ownArea(server, caller.organisationId),
        startsAt: '2026-06-01T10:00:00.000Z',
        visibility: 'ORGANISATION',
      },
    }),
  },
  updatePreventionActivity: {
    args: async ({ caller, server, unique }) => ({
      id: await ownActivity(server, caller.organisationId, false),
      input: { title: `Matrix ${unique}` },
    }),
  },
  cancelPreventionActivity: {
    args: async ({ caller, server }) => ({ id: await ownActivity(server, caller.organisationId, true) }),
  },
  commitments: {},
  commitment: { args: async ({ caller, server }) => ({ id: await ownCommitment(server, caller.organisationId) }) },
  createCommitment: {
    args: async ({ caller, server, unique }) => ({
      input: {
        partnershipId: await ownPartnership(server, caller.organisationId),
        title: `Matrix ${unique}`,
        description: 'Matrix probe',
        responsibleOrganisationIds: [caller.organisationId ?? (await ownOrganisation(server))],
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    }),
  },
  updateCommitment: {
    args: async ({ caller, server, unique }) => ({
      id: await ownCommitment(server, caller.organisationId),
      input: { description: `Matrix ${unique}` },
    }),
  },
  commitmentFollowUp: {
    args: async ({ caller, server }) => ({
      commitmentId: await ownCommitment(server, caller.organisationId),
      year: 2025,
    }),
  },
  exportCommitmentFollowUp: {
    args: async ({ caller, server }) => ({
      commitmentId: await ownCommitment(server, caller.organisationId),
      year: 2025,
    }),
  },
  places: {},
  createPlace: {
    args: async ({ caller, server, unique }) => ({
      input: { areaId: await ownArea(server, caller.organisationId), name: `Matrix ${unique}` },
    }),
  },
  updatePlace: {
    args: async ({ caller, server }) => ({
      id: await ownPlace(server, caller.organisationId),
      input: { feltUnsafe: true },
    }),
  },
  // training: records of the caller's own organisation (fresh ones where the allowed side changes them)
  courses: {},
  createCourse: {
    args: ({ unique }) => ({
      input: { code: `MATRIX-${unique}`, title: `Matrix ${unique}`, provider: 'Matrix', hours: 1, validityMonths: 12 },
    }),
  },
  updateCourse: {
    args: async ({ server, unique }) => ({ id: await freshCourse(server), input: { title: `Matrix ${unique}` } }),
  },
  staffMembers: { args: () => ({ first: 5 }) },
  staffMember: { args: async ({ caller, server }) => ({ id: await freshStaff(server, caller.organisationId) }) },
  createStaffMember: {
    args: ({ unique }) => ({ input: { name: `Matrix ${unique}`, unit: 'Matrix', title: 'Socialsekreterare' } }),
  },
  updateStaffMember: {
    args: async ({ caller, server }) => ({
      id: await freshStaff(server, caller.organisationId),
      input: { unit: 'Matrix updated' },
    }),
  },
  deleteStaffMember: { args: async ({ caller, server }) => ({ id: await freshStaff(server, caller.organisationId) }) },
  trainingRequirements: {},
  createTrainingRequirement: {
    args: async ({ server }) => ({ input: { courseId: await freshCourse(server), unit: 'Matrix' } }),
  },
  deleteTrainingRequirement: {
    args: async ({ caller, server }) => ({ id: await freshRequirement(server, caller.organisationId) }),
  },
  recordCompletion: {
    args: async ({ caller, server }) => ({
      input: {
        staffMemberId: await freshStaff(server, caller.organisationId),
        courseId: await freshCourse(server),
        completedOn: '2025-01-15',
      },
    }),
  },
  myTrainingRecord: {},
  importStaffMembers: {
    args: ({ unique }) => ({ csv: `name,unit,title\nMatrix ${unique},Matrix,Socialsekreterare\n` }),
  },
  importCompletions: {
    args: async ({ caller, server, unique }) => {
      const org = caller.organisationId ?? (await ownOrganisation(server));
      await server.sql(
        `INSERT INTO staff_member (organisation_id, unit, name, title) VALUES ($1, 'Matrix', $2, 'Matrix')`,
        [org, `Matrix ${unique}`],
      );
      return { csv: `name,unit,course_code,completed_on\nMatrix ${unique},Matrix,VNR-GRUND,2025-01-15\n` };
    },
  },
  trainingCoverage: { args: () => ({ on: '2026-01-15' }) },
  exportTrainingCoverage: {},
  expiringCertificates: { args: () => ({ withinDays: 90 }) },
  trainingCompletions: { args: () => ({ from: '2020-01-01', to: '2026-12-31' }) },
  trainingSessions: { args: () => ({ first: 5 }) },
  trainingSession: {
    args: async ({ caller, server }) => ({ id: await freshSession(server, caller.organisationId, 30) }),
  },
  createTrainingSession: {
    args: async ({ server }) => ({
      input: {
        courseId: await freshCourse(server),
        startsAt: '2026-09-01T08:00:00.000Z',
        endsAt: '2026-09-01T15:00:00.000Z',
        place: 'Matrix',
        capacity: 10,
        instructor: 'Matrix',
      },
    }),
  },
  updateTrainingSession: {
    args: async ({ caller, server }) => ({
      id: await freshSession(server, caller.organisationId, 30),
      input: { capacity: 120, place: 'Matrix 2' },
    }),
  },
  cancelTrainingSession: {
    args: async ({ caller, server }) => ({ id: await freshSession(server, caller.organisationId, 30) }),
  },
  enrol: {
    args: async ({ caller, server }) => ({
      sessionId: await freshSession(server, caller.organisationId, 30),
      staffMemberId: await freshStaff(server, caller.organisationId),
    }),
  },
  cancelEnrolment: {
    args: async ({ caller, server }) => ({ enrolmentId: await freshEnrolment(server, caller.organisationId, 30) }),
  },
  recordAttendance: {
    args: async ({ caller, server }) => ({
      enrolmentId: await freshEnrolment(server, caller.organisationId, -10),
      status: 'COMPLETED',
    }),
  },
  // indicators: an indicator of the caller's own organisation kind in an own area, so that allowed means allowed
  indicators: {},
  indicatorTable: { args: () => ({ indicatorCode: 'SOC_FREDA_DISCLOSED', year: 2025 }) },
  indicatorTrend: { args: () => ({ indicatorCode: 'POL_RISK_ASSESSMENTS', fromYear: 2024, toYear: 2025 }) },
  recordDetection: {
    args: async ({ caller, server }) => ({ input: await ownDetectionInput(server, caller.organisationId) }),
  },
  recordDetections: {
    args: async ({ caller, server }) => ({ inputs: [await ownDetectionInput(server, caller.organisationId)] }),
  },
  voidDetection: {
    args: async ({ caller, server }) => ({
      id: await freshDetection(server, caller.organisationId),
      reason: 'Matrix probe',
    }),
  },
  // cases: a fresh case of the caller's organisation with the caller as member, so that allowed means allowed
  cases: { args: () => ({ first: 5 }) },
  case: { args: async ({ caller, server }) => ({ id: await freshCase(server, caller) }) },
  myOverdueTasks: {},
  incomingCaseShares: {},
  breakGlassReviews: { args: () => ({ first: 5, filter: { reviewed: false } }) },
  createCase: { args: () => ({ input: { riskLevel: 'LOW' } }) },
  updateCase: {
    args: async ({ caller, server }) => ({ id: await freshCase(server, caller), input: { riskLevel: 'HIGH' } }),
  },
  setCaseExternalReference: {
    args: async ({ caller, server }) => ({ caseId: await freshCase(server, caller), reference: 'MATRIX-1' }),
  },
  addCaseMember: {
    args: async ({ caller, server }) => ({
      caseId: await freshCase(server, caller),
      userId: await freshCaseWorker(server, caller.organisationId),
    }),
  },
  removeCaseMember: {
    args: async ({ caller, server }) => {
      const caseId = await freshCase(server, caller);
      const userId = await freshCaseWorker(server, caller.organisationId);
      await addMember(server, caseId, userId);
      return { caseId, userId };
    },
  },
  shareCase: {
    args: async ({ caller, server }) => ({
      input: {
        caseId: await freshCase(server, caller),
        organisationId: await partnerOf(server, caller.organisationId),
        legalBasis: { kind: 'STATUTORY', statutoryGround: 'OSL_10_2' },
      },
    }),
  },
  withdrawCaseConsent: {
    args: async ({ caller, server }) => ({ legalBasisId: await freshShare(server, caller, 'CONSENT') }),
  },
  revokeCaseShare: {
    args: async ({ caller, server }) => ({ legalBasisId: await freshShare(server, caller, 'STATUTORY') }),
  },
  createCaseTask: {
    args: async ({ caller, server }) => ({
      input: {
        caseId: await freshCase(server, caller),
        title: 'Matrix',
        assignedOrganisationId: caller.organisationId ?? (await ownOrganisation(server)),
        // Due a month from today in Sweden: a fixed date would fall before the day the task is created.
        dueOn: addDays(todayInSweden(), 30),
      },
    }),
  },
  updateCaseTask: {
    args: async ({ caller, server }) => ({ id: await freshTask(server, caller), input: { status: 'DONE' } }),
  },
  recordCaseMeeting: {
    args: async ({ caller, server }) => ({
      input: {
        caseId: await freshCase(server, caller),
        heldOn: '2026-01-10',
        participantOrganisationIds: [caller.organisationId ?? (await ownOrganisation(server))],
        decisions: 'Matrix',
      },
    }),
  },
  addCaseNote: {
    args: async ({ caller, server }) => ({ input: { caseId: await freshCase(server, caller), text: 'Matrix' } }),
  },
  recordRiskAssessment: {
    // OTHER needs no certificate; the training gate is tested in cases-work.test.ts
    args: async ({ caller, server }) => ({
      input: {
        caseId: await freshCase(server, caller),
        method: 'OTHER',
        assessedOn: new Date().toISOString().slice(0, 10),
        level: 'MEDIUM',
      },
    }),
  },
  breakGlass: {
    args: async ({ caller, server }) => ({
      input: { caseId: await freshCase(server, caller, false), reasonCode: 'OTHER', reasonText: 'Matrix' },
    }),
  },
  // A share of a partner's case addressed to the caller's organisation, not yet taken.
  acceptCaseShare: { args: async ({ caller, server }) => ({ legalBasisId: await freshIncomingShare(server, caller) }) },
  // A case of the caller's organisation shared with a partner whose case worker is a member.
  endPartnerMembership: { args: async ({ caller, server }) => freshPartnerMembership(server, caller) },
  reviewBreakGlass: {
    args: async ({ caller, server }) => ({
      id: await freshBreakGlass(server, caller.organisationId),
      comment: 'Matrix',
    }),
  },
  // cameras: the demo's Vendevägen cameras belong to Danderyd's safety function.
  cameras: {},
  camera: { args: async ({ server }) => ({ id: await vendevagenCamera(server) }) },
  createCamera: {
    args: async ({ server, unique }) => ({
      input: {
        placeId: await vendevagenPlace(server),
        name: `Matrix ${unique}`,
        coverage: 'Matrix',
        permitReference: 'Matrix',
        permitDecidedOn: '2026-01-01',
        permitValidUntil: '2030-12-31',
        permitConditions: 'Matrix',
        retentionDays: 14,
        operatingSince: '2026-01-15',
      },
    }),
  },
  updateCamera: { args: async ({ server }) => ({ id: await freshCamera(server), input: { coverage: 'Matrix' } }) },
  recordCameraOutage: {
    args: async ({ server }) => ({
      cameraId: await freshCamera(server),
      input: { startedOn: '2026-02-01', endedOn: '2026-02-02', note: 'Matrix' },
    }),
  },
  endCameraOutage: {
    args: async ({ server }) => ({ outageId: await freshOutage(server), endedOn: '2026-02-02' }),
  },
  footageRequests: { args: () => ({ first: 5 }) },
  // A request the caller's organisation made (or, for the camera's owner, received).
  footageRequest: { args: async ({ caller, server }) => ({ id: await freshFootageRequest(server, caller) }) },
  requestFootage: {
    args: async ({ server }) => ({
      input: {
        cameraId: await vendevagenCamera(server),
        windowStart: new Date(Date.now() - 26 * 3_600_000).toISOString(),
        windowEnd: new Date(Date.now() - 25 * 3_600_000).toISOString(),
        reason: 'Matrix',
      },
    }),
  },
  decideFootageRequest: {
    args: async ({ caller, server }) => ({
      id: await freshFootageRequest(server, caller),
      input: { outcome: 'HANDED_OVER' },
    }),
  },
  withdrawFootageRequest: { args: async ({ caller, server }) => ({ id: await freshFootageRequest(server, caller) }) },
};

/** A user of the organisation who works cases (social worker, or police liaison for the police). */
async function freshCaseWorker(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [user] = await server.sql<{ id: string }>(
    `INSERT INTO app_user (organisation_id, email, display_name, password_hash) VALUES ($1, $2, 'Matrix case worker', 'not-a-hash') RETURNING id`,
    [org, `case-worker-${randomUUID()}@example.invalid`],
  );
  await server.sql(
    `INSERT INTO user_role (user_id, role) SELECT $1, CASE o.kind WHEN 'POLICE' THEN 'POLICE_LIAISON'::role ELSE 'SOCIAL_WORKER'::role END FROM organisation o WHERE o.id = $2`,
    [user.id, org],
  );
  return user.id;
}

async function addMember(server: TestServer, caseId: string, userId: string): Promise<void> {
  await server.sql(
    `INSERT INTO case_member (case_id, user_id, organisation_id, case_opened_at, added_by)
     SELECT c.id, u.id, u.organisation_id, c.opened_at, u.id FROM case_file c, app_user u WHERE c.id = $1 AND u.id = $2`,
    [caseId, userId],
  );
}

/** An open case of the caller's organisation (Danderyd's for callers without one); the caller a member unless `member` is false. */
async function freshCase(server: TestServer, caller: Caller, member = true): Promise<string> {
  const org = caller.organisationId ?? (await ownOrganisation(server));
  const owner = member && caller.userId ? caller.userId : await freshCaseWorker(server, org);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO case_file (owner_organisation_id, risk_level, opened_at, created_by) VALUES ($1, 'MEDIUM', date_trunc('milliseconds', now()), $2) RETURNING id`,
    [org, owner],
  );
  await addMember(server, row.id, owner);
  return row.id;
}

/** An organisation sharing a partnership with the caller's. */
async function partnerOf(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  return (
    await server.sql<{ id: string }>(
      `SELECT po.organisation_id AS id FROM partnership_organisation me JOIN partnership_organisation po ON po.partnership_id = me.partnership_id
        WHERE me.organisation_id = $1 AND po.organisation_id <> $1 ORDER BY 1 LIMIT 1`,
      [org],
    )
  )[0].id;
}

async function freshShare(server: TestServer, caller: Caller, kind: 'CONSENT' | 'STATUTORY'): Promise<string> {
  const caseId = await freshCase(server, caller);
  const partner = await partnerOf(server, caller.organisationId);
  const [row] = await server.sql<{ id: string }>(
    kind === 'CONSENT'
      ? `INSERT INTO case_share (case_id, organisation_id, basis_kind, consent_scope, consent_given_on, consent_expires_at, created_by)
         SELECT $1, $2, 'CONSENT', 'COORDINATION', current_date, now() + interval '30 days', created_by FROM case_file WHERE id = $1 RETURNING id`
      : `INSERT INTO case_share (case_id, organisation_id, basis_kind, statutory_ground, created_by)
         SELECT $1, $2, 'STATUTORY', 'OSL_10_18C', created_by FROM case_file WHERE id = $1 RETURNING id`,
    [caseId, partner],
  );
  return row.id;
}

async function freshTask(server: TestServer, caller: Caller): Promise<string> {
  const caseId = await freshCase(server, caller);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO case_task (case_id, title, assigned_organisation_id, due_on, audience, author_organisation_id, created_by)
     SELECT id, 'Matrix', owner_organisation_id, '2026-12-01', 'OWN_ORGANISATION', owner_organisation_id, created_by FROM case_file WHERE id = $1 RETURNING id`,
    [caseId],
  );
  return row.id;
}

/** A case of a partner organisation shared (statutory) with the caller's organisation, which has no member on it yet. */
async function freshIncomingShare(server: TestServer, caller: Caller): Promise<string> {
  const own = caller.organisationId ?? (await ownOrganisation(server));
  const partner = await partnerOf(server, own);
  const caseId = await freshCase(server, { email: null, roles: [], userId: null, organisationId: partner });
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO case_share (case_id, organisation_id, basis_kind, statutory_ground, created_by)
     SELECT $1, $2, 'STATUTORY', 'OSL_10_18C', created_by FROM case_file WHERE id = $1 RETURNING id`,
    [caseId, own],
  );
  return row.id;
}

/** A case of the caller's organisation (the caller a member) shared with a partner whose case worker is a member. */
async function freshPartnerMembership(server: TestServer, caller: Caller): Promise<{ caseId: string; userId: string }> {
  const legalBasisId = await freshShare(server, caller, 'STATUTORY');
  const [share] = await server.sql<{ case_id: string; organisation_id: string }>(
    `SELECT case_id, organisation_id FROM case_share WHERE id = $1`,
    [legalBasisId],
  );
  const userId = await freshCaseWorker(server, share.organisation_id);
  await addMember(server, share.case_id, userId);
  return { caseId: share.case_id, userId };
}

/** A new account of the organisation whose password an administrator set (it must be changed before the first login). */
async function freshTemporaryAccount(
  server: TestServer,
  organisationId: string | null,
): Promise<{ email: string; currentPassword: string; newPassword: string }> {
  const org = organisationId ?? (await ownOrganisation(server));
  const email = `temporary-${randomUUID()}@example.invalid`;
  const currentPassword = 'matrix-temporary-passphrase';
  await server.sql(
    `INSERT INTO app_user (organisation_id, email, display_name, password_hash, password_change_required) VALUES ($1, $2, 'Matrix temporary', $3, true)`,
    [org, email, await hashPassword(currentPassword)],
  );
  return { email, currentPassword, newPassword: 'matrix-own-passphrase-2026' };
}

/** An unreviewed break-the-glass access to a case of the organisation. */
async function freshBreakGlass(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const worker = await freshCaseWorker(server, org);
  const caseId = await freshCase(server, { email: null, roles: [], userId: null, organisationId: org });
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO case_break_glass (case_id, user_id, organisation_id, reason_code, reason_text, opened_at, expires_at)
     VALUES ($1, $2, $3, 'OTHER', 'Matrix', now(), now() + interval '1 hour') RETURNING id`,
    [caseId, worker, org],
  );
  return row.id;
}

/**
 * A valid recordDetection input for the organisation: an indicator of its kind in one of its areas
 * (any indicator for kinds that report none, such as the safety function: they are denied anyway).
 */
async function ownDetectionInput(server: TestServer, organisationId: string | null): Promise<Record<string, unknown>> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [indicator] = await server.sql<{ code: string }>(
    `SELECT d.code FROM indicator_definition d JOIN organisation o ON o.id = $1 ORDER BY (o.kind = d.reported_by) DESC, d.code LIMIT 1`,
    [org],
  );
  return { indicatorCode: indicator.code, areaId: await ownArea(server, org), occurredOn: '2025-01-15', count: 1 };
}

/** A detection record of the organisation, made for this case (the allowed side voids it). */
async function freshDetection(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const input = await ownDetectionInput(server, org);
  const [user] = await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 LIMIT 1`, [org]);
  return (
    await server.sql<{ id: string }>(
      `INSERT INTO detection_record (indicator_code, area_id, occurred_on, count, organisation_id, recorded_by) VALUES ($1, $2, $3, 1, $4, $5) RETURNING id`,
      [input.indicatorCode, input.areaId, input.occurredOn, org, user.id],
    )
  )[0].id;
}

/** Danderyd's social services: stands in for an anonymous caller's organisation. */
async function vendevagenPlace(server: TestServer): Promise<string> {
  return (
    await server.sql<{ id: string }>(
      `SELECT p.id FROM place p JOIN area a ON a.id = p.area_id WHERE a.name = 'Danderyd' AND p.name = 'Vendevägen'`,
    )
  )[0].id;
}

async function vendevagenCamera(server: TestServer): Promise<string> {
  return (await server.sql<{ id: string }>(`SELECT id FROM camera WHERE name = 'Vendevägen, busshållplatsen'`))[0].id;
}

/** A camera of Danderyd's safety function at Vendevägen, in operation since 2026-01-15. */
async function freshCamera(server: TestServer): Promise<string> {
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO camera (organisation_id, place_id, name, coverage, permit_reference, permit_decided_on,
       permit_valid_until, permit_conditions, retention_days, operating_since, created_by)
     SELECT c.organisation_id, c.place_id, $1, 'Matrix', 'Matrix', '2026-01-01', '2030-12-31', '', 14, '2026-01-15', c.created_by
       FROM camera c WHERE c.name = 'Vendevägen, busshållplatsen' RETURNING id`,
    [`Matrix ${randomUUID()}`],
  );
  return row.id;
}

async function freshOutage(server: TestServer): Promise<string> {
  const camera = await freshCamera(server);
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO camera_outage (camera_id, started_on, note, recorded_by)
     SELECT id, '2026-02-01', 'Matrix', created_by FROM camera WHERE id = $1 RETURNING id`,
    [camera],
  );
  return row.id;
}

/**
 * A footage request awaiting a decision from the Vendevägen camera, made by the caller's organisation
 * (by the police when that is the camera's owner itself or the caller is anonymous).
 */
async function freshFootageRequest(server: TestServer, caller: Caller): Promise<string> {
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO footage_request (camera_id, owner_organisation_id, requesting_organisation_id, requested_by,
       window_start, window_end, reason)
     SELECT c.id, c.organisation_id,
            CASE WHEN $1::uuid IS NULL OR $1::uuid = c.organisation_id
                 THEN (SELECT id FROM organisation WHERE kind = 'POLICE' ORDER BY name LIMIT 1) ELSE $1::uuid END,
            c.created_by, now() - interval '3 hours', now() - interval '2 hours', 'Matrix'
       FROM camera c WHERE c.name = 'Vendevägen, busshållplatsen' RETURNING id`,
    [caller.organisationId],
  );
  return row.id;
}

async function ownOrganisation(server: TestServer): Promise<string> {
  return (
    await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`)
  )[0].id;
}

async function ownPartnership(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  // One with areas: the ended partnerships made for closePartnership cover none.
  return (
    await server.sql<{ id: string }>(
      `SELECT po.partnership_id AS id FROM partnership_organisation po
        WHERE po.organisation_id = $1 AND EXISTS (SELECT 1 FROM partnership_area pa WHERE pa.partnership_id = po.partnership_id) ORDER BY 1 LIMIT 1`,
      [org],
    )
  )[0].id;
}

/** A partnership of the organisation (and one partner) that ended yesterday, made for this case. */
async function endedPartnership(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [row] = await server.sql<{ id: string }>(
    `INSERT INTO partnership (name, valid_from, valid_to) VALUES ($1, current_date - 400, current_date - 1) RETURNING id`,
    [`Matrix ${randomUUID()}`],
  );
  await server.sql(`INSERT INTO partnership_organisation (partnership_id, organisation_id) VALUES ($1, $2)`, [
    row.id,
    org,
  ]);
  return row.id;
}

async function ownArea(server: TestServer, organisationId: string | null): Promise<string> {
  const partnershipId = await ownPartnership(server, organisationId);
  return (
    await server.sql<{ id: string }>(`SELECT area_id AS id FROM partnership_area WHERE partnership_id = $1 LIMIT 1`, [
      partnershipId,
    ])
  )[0].id;
}

async function ownPlace(server: TestServer, organisationId: string | null): Promise<string> {
  const areaId = await ownArea(server, organisationId);
  return (
    await server.sql<{ id: string }>(`SELECT id FROM place WHERE area_id = $1 ORDER BY name LIMIT 1`, [areaId])
  )[0].id;
}

/** A commitment of one of the organisation's partnerships; made (before the snapshot) when there is none. */
async function ownCommitment(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [existing] = await server.sql<{ id: string }>(
    `SELECT c.id FROM commitment c JOIN partnership_organisation po ON po.partnership_id = c.partnership_id
      WHERE po.organisation_id = $1 ORDER BY c.title LIMIT 1`,
    [org],
  );
  if (existing) return existing.id;
  const partnershipId = await ownPartnership(server, org);
  const [created] = await server.sql<{ id: string }>(
    `INSERT INTO commitment (partnership_id, title, description, responsible_organisation_ids, period_start, period_end)
     VALUES ($1, $2, 'Matrix probe', ARRAY[$3]::uuid[], '2026-01-01', '2026-12-31') RETURNING id`,
    [partnershipId, `Matrix ${randomUUID()}`, org],
  );
  return created.id;
}

/** An activity of the organisation (PLANNED when it is to be cancelled); any one for callers without. */
async function ownActivity(server: TestServer, organisationId: string | null, planned: boolean): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [row] = await server.sql<{ id: string }>(
    `SELECT id FROM prevention_activity WHERE organisation_id = $1 ${planned ? "AND status = 'PLANNED'" : ''} ORDER BY starts_at DESC, id LIMIT 1`,
    [org],
  );
  if (row) return row.id;
  const [user] = await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 LIMIT 1`, [org]);
  const [created] = await server.sql<{ id: string }>(
    `INSERT INTO prevention_activity (organisation_id, type, title, area_id, starts_at, created_by)
     VALUES ($1, 'OTHER', 'Matrix probe', $2, now() + interval '30 days', $3) RETURNING id`,
    [org, await ownArea(server, org), user.id],
  );
  return created.id;
}

/** A course of the shared catalogue, made for this case (the allowed side may change it). */
async function freshCourse(server: TestServer): Promise<string> {
  const code = `MATRIX-${randomUUID()}`;
  return (
    await server.sql<{ id: string }>(
      `INSERT INTO course (code, title, provider, hours, validity_months) VALUES ($1, 'Matrix', 'Matrix', 1, 12) RETURNING id`,
      [code],
    )
  )[0].id;
}

async function freshStaff(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  return (
    await server.sql<{ id: string }>(
      `INSERT INTO staff_member (organisation_id, unit, name, title) VALUES ($1, 'Matrix', $2, 'Matrix') RETURNING id`,
      [org, `Matrix ${randomUUID()}`],
    )
  )[0].id;
}

async function freshRequirement(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  return (
    await server.sql<{ id: string }>(
      `INSERT INTO training_requirement (organisation_id, course_id, unit) VALUES ($1, $2, 'Matrix') RETURNING id`,
      [org, await freshCourse(server)],
    )
  )[0].id;
}

/** A session of the organisation starting `days` from now (negative: in the past). */
async function freshSession(server: TestServer, organisationId: string | null, days: number): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  return (
    await server.sql<{ id: string }>(
      `INSERT INTO training_session (course_id, organisation_id, starts_at, ends_at, place, capacity, instructor)
       VALUES ($1, $2, now() + make_interval(days => $3), now() + make_interval(days => $3, hours => 6), 'Matrix', 100, 'Matrix') RETURNING id`,
      [await freshCourse(server), org, days],
    )
  )[0].id;
}

/** An ENROLLED enrolment of a fresh staff member of the organisation on a fresh session. */
async function freshEnrolment(server: TestServer, organisationId: string | null, days: number): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  const [user] = await server.sql<{ id: string }>(`SELECT id FROM app_user WHERE organisation_id = $1 LIMIT 1`, [org]);
  return (
    await server.sql<{ id: string }>(
      `INSERT INTO enrolment (session_id, staff_member_id, status, enrolled_at, enrolled_by) VALUES ($1, $2, 'ENROLLED', now(), $3) RETURNING id`,
      [await freshSession(server, org, days), await freshStaff(server, org), user.id],
    )
  )[0].id;
}

interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
  capability: Capability;
}

function operationsOf(schema: GraphQLSchema): Operation[] {
  return [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({
      kind: 'mutation' as const,
      field,
    })),
  ].map(({ kind, field }) => ({ kind, name: field.name, field, capability: field.extensions.policy as Capability }));
}

const CALLERS: Caller[] = [
  ...DEMO_USERS.map((u) => ({ email: u.email, roles: [...u.roles], userId: null, organisationId: null })),
  { email: null, roles: [], userId: null, organisationId: null },
];

const callerName = (c: Caller): string => c.email ?? 'anonymous';

function predictAllowed(op: Operation, caller: Caller): boolean {
  if (op.capability === Capability.PUBLIC) return true;
  if (caller.email === null) return false;
  return scopeOf(caller.roles, op.capability) !== null;
}

let counter = 0;

/** `query Name($a: T!) { op(a: $a) { __typename } }` from the field's own argument types. */
function documentFor(op: Operation, args: Record<string, unknown>, operationName: string): string {
  for (const arg of op.field.args) {
    if (String(arg.type).endsWith('!') && arg.defaultValue === undefined && !(arg.name in args)) {
      throw new Error(
        `fixture for ${op.name} gives no value for its required argument "${arg.name}: ${String(arg.type)}"`,
      );
    }
  }
  const unknown = Object.keys(args).filter((k) => !op.field.args.some((a) => a.name === k));
  if (unknown.length > 0)
    throw new Error(`fixture for ${op.name} gives arguments the operation does not have: ${unknown.join(', ')}`);
  const used = op.field.args.filter((a) => a.name in args);
  const variables = used.length > 0 ? `(${used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
  const call = used.length > 0 ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const selection = isCompositeType(getNamedType(op.field.type)) ? ' { __typename }' : '';
  return `${op.kind} ${operationName}${variables} { ${op.name}${call}${selection} }`;
}

// The suite factory is async so that the cases can be generated from the built schema.
describe('access matrix: every operation × every demo user', async () => {
  const OPERATIONS = operationsOf(await buildAppSchema());
  let server: TestServer;
  /** One superuser connection for this file's own queries (server.sql connects anew every time). */
  let db: Client;
  const q = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await db.query(text, params)).rows as T[];
  const tokens = new Map<string, string>();

  async function tokenFor(caller: Caller): Promise<string | undefined> {
    if (caller.email === null) return undefined;
    let token = tokens.get(caller.email);
    if (!token) {
      token = await server.login(caller.email);
      tokens.set(caller.email, token);
    }
    return token;
  }

  /** One query over every watched table (tables are listed once the server has migrated). */
  let snapshot: () => Promise<Snapshot>;

  async function freshUser(organisationId: string | null, disabled = false): Promise<string> {
    const [org] = organisationId
      ? [{ id: organisationId }]
      : await q<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`);
    const [user] = await q<{ id: string }>(
      `INSERT INTO app_user (organisation_id, email, display_name, password_hash, disabled_at) VALUES ($1, $2, 'Matrix target', 'not-a-hash', $3) RETURNING id`,
      [org.id, `target-${randomUUID()}@example.invalid`, disabled ? new Date() : null],
    );
    await q(`INSERT INTO user_role (user_id, role) VALUES ($1, 'TRAINING_COORDINATOR')`, [user.id]);
    return user.id;
  }

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    snapshot = await databaseWriteWatcher(q);
    const users = await server.sql<{ id: string; email: string; organisation_id: string }>(
      `SELECT id, email, organisation_id FROM app_user`,
    );
    for (const caller of CALLERS) {
      if (caller.email === null) continue;
      const row = users.find((u) => u.email === caller.email);
      if (!row) throw new Error(`demo user ${caller.email} is not in the seeded database`);
      caller.userId = row.id;
      caller.organisationId = row.organisation_id;
    }
  });

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('finds the operations in the schema (the matrix is not empty)', () => {
    expect(OPERATIONS.map((o) => o.name)).toEqual(
      expect.arrayContaining(['login', 'logout', 'me', 'areas', 'createUser']),
    );
    expect(CALLERS.length).toBe(DEMO_USERS.length + 1);
  });

  it('every operation has a fixture (add one to FIXTURES when adding an operation)', () => {
    const missing = OPERATIONS.filter((o) => !(o.name in FIXTURES)).map((o) => `${o.kind} ${o.name}`);
    expect(missing, `operations without a fixture in access-matrix.test.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('every operation declares a capability the policy table knows', () => {
    const bad = OPERATIONS.filter((o) => !(Object.values(Capability) as string[]).includes(o.capability)).map(
      (o) => o.name,
    );
    expect(bad).toEqual([]);
  });

  it('every operation is allowed to someone and every non-PUBLIC one denied to someone', () => {
    for (const op of OPERATIONS) {
      const allowed = CALLERS.filter((c) => predictAllowed(op, c));
      expect(allowed.length, `${op.name}: nobody may call it`).toBeGreaterThan(0);
      if (op.capability !== Capability.PUBLIC)
        expect(allowed.length, `${op.name}: everyone may call it`).toBeLessThan(CALLERS.length);
    }
  });

  const cases = OPERATIONS.flatMap((op) =>
    CALLERS.map((caller) => ({
      op,
      caller,
      label: `${op.kind} ${op.name} as ${callerName(caller)} → ${predictAllowed(op, caller) ? 'allowed' : 'denied'}`,
    })),
  );

  it.each(cases)('$label', async ({ op, caller }) => {
    const fixture = FIXTURES[op.name];
    if (!fixture) throw new Error(`no fixture for ${op.kind} ${op.name}: add one to FIXTURES`);
    const allowed = predictAllowed(op, caller);
    const unique = `${Date.now().toString(36)}${(counter++).toString(36)}`;
    const operationName = `Matrix_${op.name}_${unique}`;
    const token = await tokenFor(caller);
    const args = (await fixture.args?.({ caller, server, unique, freshUser })) ?? {};
    const document = documentFor(op, args, operationName);

    const before = allowed ? undefined : await snapshot();
    const res: GqlResponse = await server.gql(document, args, token);
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    const events = await q<{
      outcome: string;
      error_code: string | null;
      fields: string[];
      actor_user_id: string | null;
    }>(`SELECT outcome, error_code, fields, actor_user_id FROM audit_event WHERE operation_name = $1`, [operationName]);
    expect(events.length, `audit events of ${operationName}`).toBeGreaterThan(0);
    for (const e of events) expect(e.fields).toContain(`${op.kind === 'query' ? 'Query' : 'Mutation'}.${op.name}`);

    if (allowed) {
      expect(res.errors, `${document}\n${JSON.stringify(res.errors)}`).toBeUndefined();
      expect(res.data?.[op.name]).toBeDefined();
      for (const e of events) expect(e.outcome).toBe('ALLOWED');
      if (fixture.endsSession && caller.email) tokens.delete(caller.email);
      return;
    }

    const expected = caller.email === null ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    expect(codes, `${document}\n${JSON.stringify(res.errors)}`).toEqual([expected]);
    expect(res.data?.[op.name] ?? null).toBeNull();
    for (const e of events) {
      expect(e.outcome).toBe('DENIED');
      expect(e.error_code).toBe(expected);
      expect(e.actor_user_id).toBe(caller.userId);
    }
    expect(await snapshot(), `${op.name} as ${callerName(caller)} changed the database`).toEqual(before);
  });

  it('the denied runs did not disturb the demo users (roles, enabled)', async () => {
    const rows = await server.sql<{ email: string; roles: string[]; disabled: boolean }>(
      `SELECT u.email, array_agg(r.role::text ORDER BY r.role) AS roles, u.disabled_at IS NOT NULL AS disabled
         FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE u.email = ANY($1) GROUP BY u.email, u.disabled_at`,
      [DEMO_USERS.map((u) => u.email)],
    );
    expect(rows).toHaveLength(DEMO_USERS.length);
    for (const row of rows) {
      const demo = DEMO_USERS.find((u) => u.email === row.email)!;
      expect(row.roles, row.email).toEqual([...demo.roles].sort());
      expect(row.disabled, row.email).toBe(false);
    }
  });
});
