import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_ROLE } from '../src/db/data-source';
import { AuditBatcher, standaloneBatchOptions } from '../src/modules/audit/audit.batcher';
import { auditInsertStatement, auditInsertValues } from '../src/modules/audit/audit.repository';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../src/modules/audit/audit.recorder';
import { AREAS, LIVE_SESSION, SELF } from '../src/modules/identity/identity.repository';
import { casePageQuery, LATEST_ASSESSMENTS_SQL, TASKS_OF_CASES_SQL } from '../src/modules/cases/case.repository';
import { ruleForYear, DEFAULT_RULE } from '../src/modules/indicators/indicator-rule';
import { IndicatorRepository } from '../src/modules/indicators/indicator.repository';
import {
  frozenCells,
  IndicatorGranularity,
  protectedTable,
  uniquePairs,
  wantedMonths,
} from '../src/modules/indicators/indicator-tables';
import { DEFAULT_PUBLICATION_POLICY, type PublicationPolicy } from '../src/modules/indicators/indicator-publication';
import { stockholmDate } from '../src/shared/dates';
import { encodeCursor } from '../src/shared/cursor';
import { CASES_FIELDS } from './cases';
import { INDICATOR_FIELDS } from './indicators';

/**
 * The bare baseline: `node:http` + `pg` doing per request the same SQL as the real server, with
 * nothing else — no framework, no GraphQL, no validation. The statements the server prepares
 * (see src/db/prepared.ts) run here as the same named prepared statements, and audit events go
 * through the same AuditBatcher as the server's reads (one INSERT for the requests that arrive
 * while the batch slots are busy). Routes:
 *  - `GET /me`    (baseline A): the session by token hash, then the user with its roles.
 *  - `GET /areas` (baseline B): the session, the areas, then one INSERT into audit_event.
 *  - `GET /activities?first=20[&startsAt=…&id=…]` (baseline C): the session (with the caller's
 *    partnerships' organisations and areas, for the visibility predicate), one keyset page of
 *    prevention activities, the owner organisations, areas, places and commitments of the page
 *    (one query each, in parallel, as the DataLoaders do), then one INSERT into audit_event of the
 *    events the API writes for it (the activities read per owner organisation, each owner organisation,
 *    the areas, the places and the commitments: nine on the bench's data).
 *  - `GET /cases` (baseline D): the session, one page of 20 of the caller's cases (the repository's own
 *    page SQL, access facts included), the tasks and latest assessments of the page (one query
 *    each, in parallel, as the DataLoaders do), then one INSERT of the three events the API writes
 *    (cases, tasks and assessments read).
 * It connects exactly as the application does (same pool size, acting as the application role),
 * so the audit rows it writes are real rows that pass the same privileges and triggers.
 */
export interface Baseline {
  url: string;
  pool: Pool;
  stop(): Promise<void>;
}

interface SessionRow {
  session_id: string;
  user_id: string;
  organisation_id: string;
  kind: string;
  roles: string[] | null;
  /** The caller's partnerships with their organisations and areas (read by the session statement). */
  topology: { partnershipId: string; organisationIds: string[]; areaIds: string[] }[] | null;
  organisation_name: string;
}

interface ActivityRow {
  id: string;
  organisationId: string;
  commitmentId: string | null;
  type: string;
  title: string;
  areaId: string;
  placeId: string | null;
  startsAt: Date;
  status: string;
  visibility: string;
}

/** The columns `PreventionActivityRepository.page` reads. */
const ACTIVITY_COLUMNS = `a.id, a.organisation_id AS "organisationId", a.commitment_id AS "commitmentId", a.type, a.title,
  a.description, a.area_id AS "areaId", a.place_id AS "placeId", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
  a.status, a.participating_actors AS "participatingActors", a.people_reached AS "peopleReached",
  a.outcome_notes AS "outcomeNotes", a.visibility, a.created_by AS "createdBy", a.created_at AS "createdAt",
  a.updated_at AS "updatedAt"`;

/** The page query of `PreventionActivityRepository.page`: the same visibility predicate and keyset condition. */
function activityPageSql(shared: boolean, keyset: boolean, first: number): string {
  const own = 'a.organisation_id = $1';
  const visible = shared
    ? `${own} OR (a.visibility = 'PARTNERSHIP' AND (a.organisation_id, a.area_id) IN
        (SELECT * FROM unnest($2::uuid[], $3::uuid[])))`
    : own;
  const n = shared ? 4 : 2;
  const after = keyset ? ` AND ((a.starts_at, a.id) < ($${n}::timestamptz, $${n + 1}::uuid))` : '';
  return `SELECT ${ACTIVITY_COLUMNS} FROM prevention_activity a WHERE (${visible})${after} ORDER BY a.starts_at DESC, a.id DESC LIMIT ${first + 1}`;
}

/** The fields the API records for the benchmark's activities query (from its validated document). */
const ACTIVITY_FIELDS = [
  'Area.id',
  'Area.name',
  'Commitment.id',
  'Commitment.title',
  'Organisation.id',
  'Organisation.kind',
  'Organisation.name',
  'PageInfo.endCursor',
  'PageInfo.hasNextPage',
  'Place.id',
  'Place.name',
  'PreventionActivity.area',
  'PreventionActivity.commitment',
  'PreventionActivity.id',
  'PreventionActivity.owner',
  'PreventionActivity.place',
  'PreventionActivity.startsAt',
  'PreventionActivity.status',
  'PreventionActivity.title',
  'PreventionActivity.type',
  'PreventionActivityConnection.edges',
  'PreventionActivityConnection.pageInfo',
  'PreventionActivityEdge.cursor',
  'PreventionActivityEdge.node',
  'Query.preventionActivities',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The common part of the events one audited read writes (as the API's recorder builds them). */
function readEventBase(
  s: { row: SessionRow; hash: string },
  req: http.IncomingMessage,
  operationName: string,
  fields: string[],
) {
  return {
    occurredAt: new Date(),
    requestId: randomUUID(),
    actorUserId: s.row.user_id,
    actorOrganisationId: s.row.organisation_id,
    actorRoles: [...(s.row.roles ?? [])].sort(),
    sessionHash: s.hash,
    clientAddress: req.socket.remoteAddress ?? null,
    operationType: 'query',
    operationName,
    fields,
    action: AuditAction.READ,
    outcome: AuditOutcome.ALLOWED,
    errorCode: null,
    purpose: null,
  };
}

interface UserRow {
  id: string;
  email: string;
  displayName: string;
  disabledAt: Date | null;
  roles: string[];
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function startBaseline(
  databaseUrl: string,
  poolSize: number,
  idleTimeoutSeconds: number,
  cellKeySecret: Buffer,
  publication: PublicationPolicy = DEFAULT_PUBLICATION_POLICY,
): Promise<Baseline> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: poolSize,
    options: `-c role=${APP_ROLE}`,
    application_name: 'samverkan-bench-baseline',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
  });
  // An idle connection the server ends (e.g. a restart) must not take the bench down with it.
  pool.on('error', (error) => console.error(`[bench] baseline pool: ${error.message}`));
  // The indicator repository's statements, run on this pool (it only needs `query`).
  const manager = {
    query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows,
  } as unknown as EntityManager;
  const indicators = new IndicatorRepository();
  // Audit events are written as the server writes a read's events: `AuditRepository.insert`'s
  // statement, coalesced across concurrent requests with the server's batch settings.
  const audit = new AuditBatcher(async (drafts) => {
    await pool.query(auditInsertStatement(drafts.length), drafts.flatMap(auditInsertValues));
  }, standaloneBatchOptions(poolSize));

  const session = async (req: http.IncomingMessage): Promise<{ row: SessionRow; hash: string } | undefined> => {
    const match = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
    const token = match?.[1];
    if (!token || token.length < 20 || token.length > 200) return undefined;
    const hash = createHash('sha256').update(token, 'utf8').digest('hex');
    const { rows } = await pool.query<SessionRow>(LIVE_SESSION, [hash, idleTimeoutSeconds]);
    return rows[0] ? { row: rows[0], hash } : undefined;
  };

  const me = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const user = (await pool.query<UserRow>(SELF, [s.row.user_id])).rows[0];
    if (!user) return send(res, 404, { errors: [{ message: 'not found' }] });
    send(res, 200, {
      data: {
        me: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          roles: user.roles,
          disabled: user.disabledAt !== null,
        },
      },
    });
  };

  const areas = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const rows = (
      await pool.query<{ id: string; name: string }>(AREAS, [(s.row.topology ?? []).map((p) => p.partnershipId)])
    ).rows;
    const draft: AuditEventDraft = {
      ...readEventBase(s, req, 'Areas', ['Area.id', 'Area.name', 'Query.areas']),
      entityType: 'Area',
      entityIds: rows.map((r) => r.id).sort(),
      entityOrganisationIds: [],
    };
    await audit.write([draft]);
    send(res, 200, { data: { areas: rows.map((r) => ({ id: r.id, name: r.name })) } });
  };

  const activities = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const query = new URL(req.url ?? '/', 'http://baseline').searchParams;
    const first = Number(query.get('first') ?? '20');
    const startsAt = query.get('startsAt');
    const afterId = query.get('id');
    if (
      !Number.isInteger(first) ||
      first < 1 ||
      first > 100 ||
      (startsAt === null) !== (afterId === null) ||
      (afterId !== null && !UUID.test(afterId))
    ) {
      return send(res, 400, { errors: [{ message: 'bad input' }] });
    }
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const own = s.row.organisation_id;
    const topology = s.row.topology ?? [];
    // The (partner organisation, area) pairs whose shared activities the caller sees.
    const pairs = new Map<string, [string, string]>();
    for (const p of topology) {
      if (!p.organisationIds.includes(own)) continue;
      for (const o of p.organisationIds) if (o !== own) for (const a of p.areaIds) pairs.set(`${o}:${a}`, [o, a]);
    }
    const params: unknown[] = [own];
    if (pairs.size > 0)
      params.push(
        [...pairs.values()].map((x) => x[0]),
        [...pairs.values()].map((x) => x[1]),
      );
    if (startsAt !== null) params.push(startsAt, afterId);
    const rows = (await pool.query<ActivityRow>(activityPageSql(pairs.size > 0, startsAt !== null, first), params))
      .rows;
    const page = rows.slice(0, first);
    const distinct = (pick: (a: ActivityRow) => string | null): string[] => [
      ...new Set(page.map(pick).filter((x): x is string => x !== null)),
    ];
    const ownerIds = distinct((a) => a.organisationId).sort();
    // The caller's own organisation came with the session (the API primes its loader with it).
    const otherOwnerIds = ownerIds.filter((id) => id !== own);
    const areaIds = distinct((a) => a.areaId);
    const placeIds = distinct((a) => a.placeId);
    const commitmentIds = distinct((a) => a.commitmentId);
    const [organisations, areaRows, places, commitments] = await Promise.all([
      otherOwnerIds.length > 0
        ? pool.query<{ id: string; name: string; kind: string }>(
            'SELECT id, name, kind, created_at FROM organisation WHERE id = ANY($1::uuid[])',
            [otherOwnerIds],
          )
        : undefined,
      areaIds.length > 0
        ? pool.query<{ id: string; name: string }>('SELECT id, name, created_at FROM area WHERE id = ANY($1::uuid[])', [
            areaIds,
          ])
        : undefined,
      placeIds.length > 0
        ? pool.query<{ id: string; name: string }>(
            'SELECT id, area_id, name, felt_unsafe, camera_monitored, created_at FROM place WHERE id = ANY($1::uuid[])',
            [placeIds],
          )
        : undefined,
      commitmentIds.length > 0
        ? pool.query<{ id: string; title: string }>(
            `SELECT id, partnership_id, title, description, responsible_organisation_ids, period_start, period_end, status, created_at
               FROM commitment WHERE id = ANY($1::uuid[])`,
            [commitmentIds],
          )
        : undefined,
    ]);
    const orgById = new Map((organisations?.rows ?? []).map((o) => [o.id, { id: o.id, name: o.name, kind: o.kind }]));
    orgById.set(own, { id: own, name: s.row.organisation_name, kind: s.row.kind });
    const areaById = new Map((areaRows?.rows ?? []).map((a) => [a.id, { id: a.id, name: a.name }]));
    const placeById = new Map((places?.rows ?? []).map((p) => [p.id, { id: p.id, name: p.name }]));
    const commitmentById = new Map((commitments?.rows ?? []).map((c) => [c.id, { id: c.id, title: c.title }]));
    const edges = page.map((a) => {
      const at = new Date(a.startsAt).toISOString();
      return {
        cursor: encodeCursor('prevention-activity', [at, a.id]),
        node: {
          id: a.id,
          title: a.title,
          type: a.type,
          status: a.status,
          startsAt: at,
          owner: orgById.get(a.organisationId) ?? null,
          area: areaById.get(a.areaId) ?? null,
          place: a.placeId ? (placeById.get(a.placeId) ?? null) : null,
          commitment: a.commitmentId ? (commitmentById.get(a.commitmentId) ?? null) : null,
        },
      };
    });
    // The events the API writes for this query: the activities read, one event per owner organisation,
    // each owner organisation read (an event of its own), and the areas, places and commitments read.
    const base = readEventBase(s, req, 'Activities', ACTIVITY_FIELDS);
    const drafts: AuditEventDraft[] = [];
    const event = (entityType: string, ids: string[], organisationIds: string[]): void => {
      drafts.push({ ...base, entityType, entityIds: ids.sort(), entityOrganisationIds: organisationIds });
    };
    for (const owner of ownerIds)
      event(
        'PreventionActivity',
        page.filter((a) => a.organisationId === owner).map((a) => a.id),
        [owner],
      );
    for (const owner of ownerIds) event('Organisation', [owner], [owner]);
    if (areaById.size > 0) event('Area', [...areaById.keys()], []);
    if (placeById.size > 0) event('Place', [...placeById.keys()], []);
    if (commitmentById.size > 0) event('Commitment', [...commitmentById.keys()], []);
    if (drafts.length === 0) drafts.push({ ...base, entityType: null, entityIds: [], entityOrganisationIds: [] });
    await audit.write(drafts);
    send(res, 200, {
      data: {
        preventionActivities: {
          edges,
          pageInfo: {
            hasNextPage: rows.length > first,
            endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
          },
        },
      },
    });
  };

  const cases = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const own = s.row.organisation_id;
    const first = 20;
    const q = casePageQuery({ userId: s.row.user_id, organisationId: own }, {}, first, null);
    const rows = (
      await pool.query<{ id: string; riskLevel: string; status: string; openedAt: Date; ownerOrganisationId: string }>(
        q.sql,
        q.params,
      )
    ).rows;
    const page = rows.slice(0, first);
    const ids = page.map((c) => c.id);
    const [tasks, latest] = await Promise.all([
      pool.query<{ id: string; caseId: string; title: string; dueOn: string; status: string }>(TASKS_OF_CASES_SQL, [
        ids,
      ]),
      pool.query<{ id: string; caseId: string; method: string; level: string; assessedOn: string }>(
        LATEST_ASSESSMENTS_SQL,
        [ids],
      ),
    ]);
    const tasksByCase = new Map<string, { id: string; title: string; dueOn: string; status: string }[]>(
      ids.map((id) => [id, []]),
    );
    for (const t of tasks.rows)
      tasksByCase.get(t.caseId)?.push({ id: t.id, title: t.title, dueOn: t.dueOn, status: t.status });
    const latestByCase = new Map(
      latest.rows.map((r) => [r.caseId, { id: r.id, method: r.method, level: r.level, assessedOn: r.assessedOn }]),
    );
    const edges = page.map((c) => {
      const at = new Date(c.openedAt).toISOString();
      return {
        cursor: encodeCursor('case', [at, c.id]),
        node: {
          id: c.id,
          riskLevel: c.riskLevel,
          status: c.status,
          openedAt: at,
          tasks: tasksByCase.get(c.id) ?? [],
          latestAssessment: latestByCase.get(c.id) ?? null,
        },
      };
    });
    const base = readEventBase(s, req, 'Cases', CASES_FIELDS);
    const owners = [...new Set(page.map((c) => c.ownerOrganisationId))].sort();
    const drafts: AuditEventDraft[] = [
      { ...base, entityType: 'Case', entityIds: [...ids].sort(), entityOrganisationIds: owners },
      { ...base, entityType: 'CaseTask', entityIds: tasks.rows.map((t) => t.id).sort(), entityOrganisationIds: owners },
      {
        ...base,
        entityType: 'RiskAssessment',
        entityIds: latest.rows.map((r) => r.id).sort(),
        entityOrganisationIds: owners,
      },
    ].filter((d) => d.entityIds.length > 0);
    await audit.write(drafts);
    send(res, 200, {
      data: {
        cases: {
          edges,
          pageInfo: {
            hasNextPage: rows.length > first,
            endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
          },
        },
      },
    });
  };

  /**
   * A partner's protected indicator table (baseline E): the session (with the topology), the repository's
   * own table-data statement and read-counter upsert, the same protection algorithm, and the audit
   * INSERT; no framework, no GraphQL.
   */
  const indicator = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const query = new URL(req.url ?? '/', 'http://baseline').searchParams;
    const code = query.get('code') ?? '';
    const year = Number(query.get('year'));
    if (code === '' || !Number.isInteger(year)) return send(res, 400, { errors: [{ message: 'bad input' }] });
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const own = s.row.organisation_id;
    const topology = (s.row.topology ?? []).filter((p) => p.organisationIds.includes(own));
    const pairs = topology.flatMap((p) =>
      p.organisationIds
        .filter((o) => o !== own)
        .flatMap((organisationId) => p.areaIds.map((areaId) => ({ organisationId, areaId }))),
    );
    const areaIds = [...new Set(topology.flatMap((p) => p.areaIds))];
    const data = await indicators.tableData(manager, code, year, year, pairs, areaIds);
    if (!data) return send(res, 404, { errors: [{ message: 'not found' }] });
    if (
      !(await indicators.countReads(manager, s.row.user_id, new Date().toISOString().slice(0, 10), 1, 1_000_000_000))
    ) {
      return send(res, 429, { errors: [{ message: 'rate limited' }] });
    }
    const usable = pairs.filter((p) => data.organisationKinds.get(p.organisationId) === data.definition.reportedBy);
    const areas = [...data.areas].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    const rule = ruleForYear(data.versions, year) ?? { ...DEFAULT_RULE, validFrom: '2000-01-01' };
    // The same method as the server: the frozen months published by today, the cell keys of its secret.
    const { wanted, points } = wantedMonths(year, year, stockholmDate(new Date()), publication);
    const published = await indicators.publishedMonths(manager, code, uniquePairs(usable), wanted);
    const table = protectedTable(
      code,
      year,
      rule,
      areas,
      frozenCells(areas, published, points, year),
      IndicatorGranularity.MONTH,
      cellKeySecret,
    );
    const owners = [...new Set(usable.map((p) => p.organisationId))].sort();
    const draft: AuditEventDraft = {
      ...readEventBase(s, req, 'IndicatorTable', INDICATOR_FIELDS),
      entityType: 'IndicatorTable',
      entityIds: [`${code}:${year}`],
      entityOrganisationIds: owners,
    };
    await audit.write([draft]);
    // The fields of the bench's query (INDICATOR_TABLE_QUERY), as the API answers them.
    const cell = ({
      month,
      value,
      suppressed,
    }: {
      month: number;
      value: number | null;
      suppressed: boolean;
    }): object => ({ month, value, suppressed });
    const rows = table.rows.map((r) => ({ area: r.area, cells: r.cells.map(cell), total: r.total }));
    send(res, 200, {
      data: {
        indicatorTable: {
          protected: table.protected,
          rows,
          columnTotals: table.columnTotals.map(cell),
          grandTotal: table.grandTotal,
        },
      },
    });
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const route =
      path === '/me'
        ? me
        : path === '/areas'
          ? areas
          : path === '/activities'
            ? activities
            : path === '/cases'
              ? cases
              : path === '/indicator'
                ? indicator
                : undefined;
    if (!route) return send(res, 404, { errors: [{ message: 'no such route' }] });
    // Drain any body, then answer.
    req.resume();
    route(req, res).catch(() => send(res, 500, { errors: [{ message: 'internal error' }] }));
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    })();
    return stopping;
  };
  return { url: `http://127.0.0.1:${port}`, pool, stop };
}
