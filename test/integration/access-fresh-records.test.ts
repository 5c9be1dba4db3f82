import { randomUUID } from 'node:crypto';
import { getNamedType, isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Capability, Scope, scopeOf } from '../../src/access/policy';
import { Role } from '../../src/access/roles';
import { DEMO_USERS } from '../../src/db/seed/demo-seed';
import { buildAppSchema } from '../../src/graphql/schema';
import { databaseWriteWatcher, type Snapshot } from '../helpers/db-snapshot';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The authorisation sweep over fresh records: every operation of the schema that addresses a
 * record by id, run by every demo user (and anonymously) against records just created through the
 * API by each organisation's own users. The expected outcome comes from the policy table
 * (`scopeOf`) and the record's ownership read from the database — never from a hand-written list:
 *
 *  - no session → UNAUTHENTICATED; none of the caller's roles holds the capability → FORBIDDEN;
 *  - a record of the shared course catalogue → allowed (courses made through the API are their
 *    organisation's, so none of the swept records is one today);
 *  - a partnership's record (commitment, place) → allowed when the caller's organisation is in one
 *    of its partnerships, else NOT_FOUND;
 *  - an organisation's record → OWN: allowed for its own organisation; PARTNERSHIP: also for the
 *    organisations it is shared with (an activity shared with the partnership: the partner
 *    organisations of the partnerships covering its area); everyone else NOT_FOUND, exactly like a
 *    record that does not exist.
 * A refusal changes nothing in the database and is audited as DENIED.
 *
 * A new by-id operation is picked up from the schema; its record type needs an entry in KINDS
 * (how to create one, who owns it), or the first test fails naming it.
 */

type Facts =
  | { kind: 'catalogue' }
  | { kind: 'partnership'; partnershipIds: string[] }
  | { kind: 'owned'; organisationId: string; sharedWith: string[] };

interface Ctx {
  /** Runs GraphQL as a demo user; throws unless it answers data. */
  as<T>(email: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  q<T>(text: string, params?: unknown[]): Promise<T[]>;
  organisationId: string;
  unique: string;
}

interface Kind {
  /** The mutation that makes one; its capability chooses the creator among the organisation's users. */
  createdBy: string;
  variants?: string[];
  create(ctx: Ctx, creator: string, variant: string): Promise<string>;
  facts(ctx: Ctx, id: string): Promise<Facts>;
}

const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0];
const owned = async (ctx: Ctx, table: string, id: string): Promise<Facts> => ({
  kind: 'owned',
  organisationId: (await one(ctx.q<{ o: string }>(`SELECT organisation_id AS o FROM ${table} WHERE id = $1`, [id]))).o,
  sharedWith: [],
});
const lastArea = async (ctx: Ctx, creator: string): Promise<string> => {
  const { areas } = await ctx.as<{ areas: { id: string; name: string }[] }>(creator, '{ areas { id name } }');
  return [...areas].sort((a, b) => a.name.localeCompare(b.name)).at(-1)!.id;
};
const newCourse = async (ctx: Ctx, creator: string): Promise<string> =>
  (
    await ctx.as<{ createCourse: { id: string } }>(
      creator,
      'mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }',
      {
        i: { code: `SW-${randomUUID().slice(0, 30)}`, title: 'Sweep', provider: 'Sweep', hours: 1, validityMonths: 12 },
      },
    )
  ).createCourse.id;
const newStaff = async (ctx: Ctx, creator: string): Promise<string> =>
  (
    await ctx.as<{ createStaffMember: { id: string } }>(
      creator,
      'mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { id } }',
      { i: { name: `Sweep ${ctx.unique}`, unit: 'Sweep', title: 'Sweep' } },
    )
  ).createStaffMember.id;
const newSession = async (ctx: Ctx, creator: string, daysFromNow: number): Promise<string> => {
  const startsAt = new Date(Date.now() + daysFromNow * 86_400_000);
  return (
    await ctx.as<{ createTrainingSession: { id: string } }>(
      creator,
      'mutation($i: CreateTrainingSessionInput!) { createTrainingSession(input: $i) { id } }',
      {
        i: {
          courseId: await newCourse(ctx, creator),
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          place: 'Sweep',
          capacity: 10,
          instructor: 'Sweep',
        },
      },
    )
  ).createTrainingSession.id;
};

const KINDS: Record<string, Kind> = {
  PreventionActivity: {
    createdBy: 'createPreventionActivity',
    variants: ['ORGANISATION', 'PARTNERSHIP'],
    create: async (ctx, creator, visibility) =>
      (
        await ctx.as<{ createPreventionActivity: { id: string } }>(
          creator,
          'mutation($i: CreatePreventionActivityInput!) { createPreventionActivity(input: $i) { id } }',
          {
            i: {
              title: `Sweep ${ctx.unique}`,
              type: 'SAFETY_WALK',
              areaId: await lastArea(ctx, creator),
              startsAt: '2026-09-01T10:00:00.000Z',
              visibility,
            },
          },
        )
      ).createPreventionActivity.id,
    facts: async (ctx, id) => {
      const a = await one(
        ctx.q<{ o: string; v: string; area: string }>(
          `SELECT organisation_id AS o, visibility AS v, area_id AS area FROM prevention_activity WHERE id = $1`,
          [id],
        ),
      );
      const shared =
        a.v === 'PARTNERSHIP'
          ? await ctx.q<{ o: string }>(
              `SELECT DISTINCT other.organisation_id AS o FROM partnership_organisation own
                 JOIN partnership_area pa ON pa.partnership_id = own.partnership_id AND pa.area_id = $2
                 JOIN partnership_organisation other ON other.partnership_id = own.partnership_id
                WHERE own.organisation_id = $1 AND other.organisation_id <> $1`,
              [a.o, a.area],
            )
          : [];
      return { kind: 'owned', organisationId: a.o, sharedWith: shared.map((r) => r.o) };
    },
  },
  Commitment: {
    createdBy: 'createCommitment',
    create: async (ctx, creator) => {
      const p = await one(
        ctx.q<{ id: string }>(
          `SELECT partnership_id AS id FROM partnership_organisation WHERE organisation_id = $1 ORDER BY partnership_id LIMIT 1`,
          [ctx.organisationId],
        ),
      );
      return (
        await ctx.as<{ createCommitment: { id: string } }>(
          creator,
          'mutation($i: CreateCommitmentInput!) { createCommitment(input: $i) { id } }',
          {
            i: {
              partnershipId: p.id,
              title: `Sweep ${ctx.unique}`,
              description: 'Sweep',
              responsibleOrganisationIds: [ctx.organisationId],
              periodStart: '2026-01-01',
              periodEnd: '2026-12-31',
            },
          },
        )
      ).createCommitment.id;
    },
    facts: async (ctx, id) => ({
      kind: 'partnership',
      partnershipIds: [
        (await one(ctx.q<{ p: string }>(`SELECT partnership_id AS p FROM commitment WHERE id = $1`, [id]))).p,
      ],
    }),
  },
  Place: {
    createdBy: 'createPlace',
    create: async (ctx, creator) =>
      (
        await ctx.as<{ createPlace: { id: string } }>(
          creator,
          'mutation($i: CreatePlaceInput!) { createPlace(input: $i) { id } }',
          { i: { areaId: await lastArea(ctx, creator), name: `Sweep ${ctx.unique}` } },
        )
      ).createPlace.id,
    facts: async (ctx, id) => ({
      kind: 'partnership',
      partnershipIds: (
        await ctx.q<{ p: string }>(
          `SELECT pa.partnership_id AS p FROM place JOIN partnership_area pa ON pa.area_id = place.area_id WHERE place.id = $1`,
          [id],
        )
      ).map((r) => r.p),
    }),
  },
  // A course made through the API belongs to the creating organisation: only its coordinators change it.
  Course: {
    createdBy: 'createCourse',
    create: newCourse,
    facts: async (ctx, id) => ({
      kind: 'owned',
      organisationId: (
        await one(ctx.q<{ o: string }>(`SELECT owner_organisation_id AS o FROM course WHERE id = $1`, [id]))
      ).o,
      sharedWith: [],
    }),
  },
  StaffMember: { createdBy: 'createStaffMember', create: newStaff, facts: (ctx, id) => owned(ctx, 'staff_member', id) },
  TrainingRequirement: {
    createdBy: 'createTrainingRequirement',
    create: async (ctx, creator) =>
      (
        await ctx.as<{ createTrainingRequirement: { id: string } }>(
          creator,
          'mutation($i: CreateTrainingRequirementInput!) { createTrainingRequirement(input: $i) { id } }',
          {
            i: { courseId: await newCourse(ctx, creator), unit: 'Sweep' },
          },
        )
      ).createTrainingRequirement.id,
    facts: (ctx, id) => owned(ctx, 'training_requirement', id),
  },
  TrainingSession: {
    createdBy: 'createTrainingSession',
    create: (ctx, creator) => newSession(ctx, creator, 30),
    facts: (ctx, id) => owned(ctx, 'training_session', id),
  },
  Enrolment: {
    createdBy: 'enrol',
    // Attendance is recorded for a session that has taken place; a cancellation is of one to come.
    variants: ['future', 'past'],
    create: async (ctx, creator, when) => {
      const sessionId = await newSession(ctx, creator, when === 'past' ? -10 : 30);
      return (
        await ctx.as<{ enrol: { id: string } }>(
          creator,
          'mutation($s: ID!, $m: ID!) { enrol(sessionId: $s, staffMemberId: $m) { id } }',
          { s: sessionId, m: await newStaff(ctx, creator) },
        )
      ).enrol.id;
    },
    facts: async (ctx, id) => ({
      kind: 'owned',
      organisationId: (
        await one(
          ctx.q<{ o: string }>(
            `SELECT s.organisation_id AS o FROM enrolment e JOIN training_session s ON s.id = e.session_id WHERE e.id = $1`,
            [id],
          ),
        )
      ).o,
      sharedWith: [],
    }),
  },
  DetectionRecord: {
    createdBy: 'recordDetection',
    create: async (ctx, creator) => {
      const code = await one(
        ctx.q<{ code: string }>(
          `SELECT d.code FROM indicator_definition d JOIN organisation o ON o.kind = d.reported_by WHERE o.id = $1 ORDER BY d.code LIMIT 1`,
          [ctx.organisationId],
        ),
      );
      return (
        await ctx.as<{ recordDetection: { id: string } }>(
          creator,
          'mutation($i: RecordDetectionInput!) { recordDetection(input: $i) { id } }',
          {
            i: { indicatorCode: code.code, areaId: await lastArea(ctx, creator), occurredOn: '2025-03-15', count: 2 },
          },
        )
      ).recordDetection.id;
    },
    facts: (ctx, id) => owned(ctx, 'detection_record', id),
  },
  User: {
    createdBy: 'createUser',
    create: async (ctx, creator) =>
      (
        await ctx.as<{ createUser: { id: string } }>(
          creator,
          'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
          {
            i: {
              email: `sweep-${ctx.unique}@example.invalid`,
              displayName: 'Sweep',
              password: `sweep-passphrase-${ctx.unique}`,
              roles: [Role.TRAINING_COORDINATOR],
            },
          },
        )
      ).createUser.id,
    facts: (ctx, id) => owned(ctx, 'app_user', id),
  },
};

/** `<x>Id` arguments whose record type is not simply `<X>`. */
const ID_ARGUMENT_KINDS: Record<string, string> = { sessionId: 'TrainingSession' };
/** Operations whose `id` names a record of a type other than what they return. */
const OPERATION_KINDS: Record<string, string> = {
  deleteStaffMember: 'StaffMember',
  deleteTrainingRequirement: 'TrainingRequirement',
};
/** By-id operations left to other tests, with the reason. */
const NOT_SWEPT: Record<string, string> = {
  auditTrail:
    "entityId names any entity of any type; the trail is filtered to the auditor's organisation (audit-api.test.ts)",
  endSession:
    "a session is its user's own record (SELF scope), not an organisation's: another user's session answers NOT_FOUND (identity-session-management.test.ts)",
  exportAuditTrail: 'the same, as CSV',
  // Cases are reached through membership and active legal bases, which the policy table alone does
  // not predict (Scope.MEMBERSHIP); each demo organisation has one case worker, who is a member of
  // every case it creates. The membership/sharing matrix (member, non-member of the owner
  // organisation, partner with and without an active basis, Täby, admin, auditor) is
  // cases-access.test.ts; access-matrix.test.ts runs every case operation as every demo user.
  case: 'membership-scoped (cases-access.test.ts)',
  caseMemberCandidates: 'membership-scoped: only a member who may add members (console-lists.test.ts)',
  markNotificationsRead:
    "a notification is its recipient's own record (SELF scope): another person's answers NOT_FOUND and nothing is marked (notifications.test.ts)",
  updateCase: 'membership-scoped (cases-access.test.ts)',
  setCaseExternalReference: 'membership-scoped (cases-access.test.ts)',
  addCaseMember: 'membership-scoped (cases-access.test.ts)',
  removeCaseMember: 'membership-scoped (cases-access.test.ts)',
  withdrawCaseConsent: 'membership-scoped, addressed by legal basis (cases-access.test.ts)',
  revokeCaseShare: 'membership-scoped, addressed by legal basis (cases-access.test.ts)',
  updateCaseTask: 'membership-scoped, addressed by task (cases-work.test.ts, cases-access.test.ts)',
  // Partnerships are made by provisioning (an operator's command), not through the API, so the sweep
  // cannot create fresh ones: partnership-admin.test.ts covers own, another organisation's and missing
  // ids and closing allowed and denied; access-matrix.test.ts runs both as every demo user.
  partnership: 'created by provisioning, not through the API (partnership-admin.test.ts)',
  closePartnership: 'created by provisioning, not through the API (partnership-admin.test.ts)',
  acceptCaseShare: 'membership-scoped, addressed by legal basis (need-to-know-attacks.test.ts; access-matrix.test.ts)',
  endPartnerMembership: 'membership-scoped (need-to-know-attacks.test.ts; access-matrix.test.ts)',
  reviewBreakGlass:
    'a break-glass access needs a non-member case worker of the owner organisation, which the demo data has none of (cases-access.test.ts creates one)',
  // Multi-agency meetings: attendance and the case rules decide, not the policy table alone
  // (meetings.test.ts runs the attendee × case matrix, a non-attending organisation and admins).
  coordinationMeeting: 'attendance- and case-scoped (meetings.test.ts)',
  coordinationMeetings: "the caller's own partnerships only (meetings.test.ts)",
  exportMeetingMinutes: 'attendance- and case-scoped (meetings.test.ts)',
  addMeetingAgendaCase: 'attendance- and case-scoped (meetings.test.ts)',
  recordAgendaDecision: 'case-scoped, addressed by agenda item (meetings.test.ts)',
  updateMeetingAction: 'case-scoped, addressed by action (meetings.test.ts)',
  // Cameras: the owner's safety function, or a partner police of a partnership covering the camera's
  // place; footage requests: the requesting and the owning organisation. The pure rule's grid is
  // test/unit/camera-operation.test.ts; cameras.test.ts runs owner, partner, other safety function,
  // auditors of both sides and of neither, and the matrix runs every operation as every demo user.
  camera: 'owner- or partnership-area-scoped, not the policy table alone (cameras.test.ts)',
  updateCamera: 'owner-scoped (cameras.test.ts: another safety function answers NOT_FOUND)',
  recordCameraOutage: 'owner-scoped (cameras.test.ts)',
  endCameraOutage: 'owner-scoped, addressed by outage (cameras.test.ts)',
  footageRequest: 'requester- or owner-scoped (cameras.test.ts: an auditor of neither side answers NOT_FOUND)',
  decideFootageRequest: 'owner-scoped (cameras.test.ts)',
  withdrawFootageRequest: 'requester-scoped (cameras.test.ts)',
  // The joint report: made by provisioning like partnerships (partnership-report.test.ts covers
  // another partnership and a missing id as NOT_FOUND, auditors and admins as FORBIDDEN).
  partnershipReport: 'addressed by partnership, created by provisioning (partnership-report.test.ts)',
  exportPartnershipReport: 'the same, as a file (partnership-report.test.ts)',
  setCommitmentTarget: 'addressed by partnership (partnership-report.test.ts)',
  // Corrections are read by entity type and id of any of several record types, for the author
  // organisation's auditors only (records-corrections.test.ts).
  recordCorrections:
    "entity type and id of any record type; the author organisation's auditors (records-corrections.test.ts)",
  // Findings follow their activity's visibility and the action's owner organisation.
  preventionFindings: "addressed by activity; the activity's visibility decides (prevention-findings.test.ts)",
  updatePreventionFinding: "the activity's or the owner's organisation (prevention-findings.test.ts)",
};
/** Arguments other than the record's id, for the allowed side to succeed. */
const OTHER_ARGS: Record<string, Record<string, unknown>> = {
  commitmentFollowUp: { year: 2026 },
  exportCommitmentFollowUp: { year: 2026 },
  updateCommitment: { input: { description: 'Swept' } },
  updateCourse: { input: { title: 'Swept' } },
  updatePlace: { input: { feltUnsafe: true } },
  updatePreventionActivity: { input: { title: 'Swept' } },
  updateStaffMember: { input: { unit: 'Swept' } },
  voidDetection: { reason: 'Swept' },
  recordAttendance: { status: 'COMPLETED' },
  updateTrainingSession: { input: { capacity: 11 } },
};
/** Variants a mutation can succeed on (attendance: a past session; cancellation: a future one). */
const OPERATION_VARIANTS: Record<string, string[]> = { recordAttendance: ['past'], cancelEnrolment: ['future'] };

interface Swept {
  op: GraphQLField<unknown, unknown>;
  kind: 'query' | 'mutation';
  capability: Capability;
  /** The ID arguments and the record type each addresses. */
  ids: { name: string; kind: string | undefined }[];
}

function sweptOperations(schema: GraphQLSchema): Swept[] {
  const all = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((op) => ({ op, kind: 'query' as const })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((op) => ({ op, kind: 'mutation' as const })),
  ];
  return all
    .filter(
      ({ op }) =>
        !(op.name in NOT_SWEPT) && op.args.some((a) => isNonNullType(a.type) && getNamedType(a.type).name === 'ID'),
    )
    .map(({ op, kind }) => ({
      op,
      kind,
      capability: op.extensions.policy as Capability,
      ids: op.args
        .filter((a) => isNonNullType(a.type) && getNamedType(a.type).name === 'ID')
        .map((a) => {
          const returned = getNamedType(op.type).name;
          const named =
            a.name === 'id'
              ? (OPERATION_KINDS[op.name] ?? returned)
              : (ID_ARGUMENT_KINDS[a.name] ?? a.name.replace(/Id$/, '').replace(/^./, (c) => c.toUpperCase()));
          return { name: a.name, kind: named in KINDS ? named : undefined };
        }),
    }));
}

const ORGANISATIONS = [...new Set(DEMO_USERS.map((u) => u.organisation))];
const CALLERS: (string | null)[] = [...DEMO_USERS.map((u) => u.email), null];
const rolesOf = (email: string): Role[] => [...DEMO_USERS.find((u) => u.email === email)!.roles];

describe('authorisation sweep over fresh records of every organisation', async () => {
  const schema = await buildAppSchema();
  const mutationCapability = (name: string): Capability =>
    schema.getMutationType()!.getFields()[name].extensions.policy as Capability;
  /** The organisation's demo user who may create records of a kind; undefined when none may. */
  const creatorOf = (kind: string, organisation: string): string | undefined =>
    DEMO_USERS.find(
      (u) =>
        u.organisation === organisation && scopeOf([...u.roles], mutationCapability(KINDS[kind].createdBy)) !== null,
    )?.email;
  const swept = sweptOperations(schema);

  const cases = swept.flatMap((s) => {
    const kind = s.ids[0].kind;
    if (!kind) return [];
    const variants = OPERATION_VARIANTS[s.op.name] ?? KINDS[kind].variants ?? [''];
    return ORGANISATIONS.filter((org) => s.ids.every((i) => i.kind && creatorOf(i.kind, org))).flatMap((org) =>
      variants.flatMap((variant) =>
        CALLERS.map((caller) => ({
          s,
          org,
          variant,
          caller,
          label: `${s.kind} ${s.op.name} on ${org}'s ${kind}${variant ? ` (${variant})` : ''} as ${caller ?? 'anonymous'}`,
        })),
      ),
    );
  });

  let server: TestServer;
  let db: Client;
  let snapshot: () => Promise<Snapshot>;
  const tokens = new Map<string, string>();
  const organisationIds = new Map<string, string>();
  /** Per organisation: its partnerships, and the organisations of those partnerships. */
  const partnerships = new Map<string, { ids: string[]; organisations: string[] }>();
  const cache = new Map<string, Promise<string>>();
  let counter = 0;
  /** How often each outcome was predicted (and then seen): the sweep must exercise them all. */
  const outcomes = new Map<string, number>();

  const q = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await db.query(text, params)).rows as T[];
  const ctxFor = (organisation: string): Ctx => ({
    organisationId: organisationIds.get(organisation)!,
    unique: `${Date.now().toString(36)}${(counter++).toString(36)}`,
    q,
    as: async <T>(email: string, query: string, variables: Record<string, unknown> = {}) => {
      const res = await server.gql<T>(query, variables, tokens.get(email));
      if (res.errors || !res.data) throw new Error(`setup as ${email} failed: ${JSON.stringify(res.errors)}`);
      return res.data;
    },
  });
  /** A record of the kind, made by the organisation's own user; `fresh` for callers that will change it. */
  const recordOf = (kind: string, organisation: string, variant: string, fresh: boolean): Promise<string> => {
    const make = (): Promise<string> =>
      KINDS[kind].create(ctxFor(organisation), creatorOf(kind, organisation)!, variant);
    if (fresh) return make();
    const key = `${kind}:${organisation}:${variant}`;
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };

  function predict(
    capability: Capability,
    caller: string | null,
    facts: Facts,
  ): 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' {
    if (caller === null) return capability === Capability.PUBLIC ? 'allowed' : 'UNAUTHENTICATED';
    const scope = scopeOf(rolesOf(caller), capability);
    if (scope === null) return 'FORBIDDEN';
    const organisation = DEMO_USERS.find((u) => u.email === caller)!.organisation;
    const own = organisationIds.get(organisation)!;
    const mine = partnerships.get(organisation)!;
    switch (facts.kind) {
      case 'catalogue':
        return 'allowed';
      case 'partnership':
        return scope !== Scope.SELF &&
          scope !== Scope.MEMBERSHIP &&
          facts.partnershipIds.some((p) => mine.ids.includes(p))
          ? 'allowed'
          : 'NOT_FOUND';
      case 'owned':
        if (facts.organisationId === own && scope !== Scope.SELF && scope !== Scope.MEMBERSHIP) return 'allowed';
        if ((scope === Scope.PARTNERSHIP || scope === Scope.ANY) && facts.sharedWith.includes(own)) return 'allowed';
        return 'NOT_FOUND';
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    snapshot = await databaseWriteWatcher(q);
    for (const u of DEMO_USERS) tokens.set(u.email, await server.login(u.email));
    for (const org of ORGANISATIONS) {
      const id = (await one(q<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [org]))).id;
      organisationIds.set(org, id);
      const rows = await q<{ p: string; o: string }>(
        `SELECT mine.partnership_id AS p, other.organisation_id AS o FROM partnership_organisation mine
           JOIN partnership_organisation other ON other.partnership_id = mine.partnership_id WHERE mine.organisation_id = $1`,
        [id],
      );
      partnerships.set(org, {
        ids: [...new Set(rows.map((r) => r.p))],
        organisations: [...new Set(rows.map((r) => r.o))],
      });
    }
  });
  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('every by-id operation addresses a record type the sweep can create', () => {
    expect(swept.map((s) => s.op.name)).toEqual(
      expect.arrayContaining(['preventionActivity', 'updatePreventionActivity', 'staffMember', 'voidDetection']),
    );
    const unknown = swept.flatMap((s) => s.ids.filter((i) => !i.kind).map((i) => `${s.op.name}(${i.name})`));
    expect(
      unknown,
      `add the record type of these arguments to KINDS (or ID_ARGUMENT_KINDS / OPERATION_KINDS): ${unknown.join(', ')}`,
    ).toEqual([]);
  });

  it('the sweep reaches every organisation and every record type', () => {
    expect(new Set(cases.map((c) => c.org))).toEqual(new Set(ORGANISATIONS));
    expect(new Set(cases.map((c) => c.s.ids[0].kind))).toEqual(
      new Set(Object.keys(KINDS).filter((k) => swept.some((s) => s.ids.some((i) => i.kind === k)))),
    );
  });

  it.each(cases)('$label', async ({ s, org, variant, caller }) => {
    const records = await Promise.all(s.ids.map((i) => recordOf(i.kind!, org, variant, false)));
    const facts = await KINDS[s.ids[0].kind!].facts(ctxFor(org), records[0]);
    const expected = predict(s.capability, caller, facts);
    outcomes.set(expected, (outcomes.get(expected) ?? 0) + 1);
    // The allowed side of a mutation changes its record: it gets records of its own.
    const ids =
      expected === 'allowed' && s.kind === 'mutation'
        ? await Promise.all(s.ids.map((i) => recordOf(i.kind!, org, variant, true)))
        : records;
    const args: Record<string, unknown> = {
      ...OTHER_ARGS[s.op.name],
      ...Object.fromEntries(s.ids.map((i, n) => [i.name, ids[n]])),
    };
    const used = s.op.args.filter((a) => a.name in args);
    const operationName = `Sweep_${s.op.name}_${Date.now().toString(36)}${(counter++).toString(36)}`;
    const selection =
      getNamedType(s.op.type).name in KINDS ||
      /Connection|FollowUp|Export|Enrolment|Session/.test(getNamedType(s.op.type).name)
        ? ' { __typename }'
        : '';
    const document = `${s.kind} ${operationName}(${used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')}) { ${s.op.name}(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})${selection} }`;

    const before = expected !== 'allowed' && s.kind === 'mutation' ? await snapshot() : undefined;
    const res = await server.gql(document, args, caller ? tokens.get(caller) : undefined);
    const events = await q<{ outcome: string }>(`SELECT outcome FROM audit_event WHERE operation_name = $1`, [
      operationName,
    ]);
    expect(events.length, 'audited').toBeGreaterThan(0);
    if (expected === 'allowed') {
      expect(res.errors, `${document} ${JSON.stringify(args)}`).toBeUndefined();
      expect(res.data?.[s.op.name]).toBeDefined();
      expect(events.every((e) => e.outcome === 'ALLOWED')).toBe(true);
      return;
    }
    expect(
      res.errors?.map((e) => e.extensions?.code),
      `${document} ${JSON.stringify(res.errors)}`,
    ).toEqual([expected]);
    expect(res.data?.[s.op.name] ?? null).toBeNull();
    expect(events.every((e) => e.outcome === 'DENIED')).toBe(true);
    if (before) expect(await snapshot(), 'a refused mutation changed the database').toEqual(before);
  });

  it('predicted and saw every outcome: allowed, NOT_FOUND across organisations, FORBIDDEN, UNAUTHENTICATED', () => {
    for (const outcome of ['allowed', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'])
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(20);
  });
});
