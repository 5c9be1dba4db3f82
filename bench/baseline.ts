import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { APP_ROLE } from '../src/db/data-source';
import { draftHash } from '../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../src/modules/audit/audit.recorder';
import { AREAS_SQL, LIVE_SESSION_SQL, SELF_SQL } from '../src/modules/identity/identity.repository';

/**
 * The bare baseline: `node:http` + `pg` doing per request the same SQL as the real server, with
 * nothing else — no framework, no GraphQL, no validation. Two routes:
 *  - `GET /me`    (baseline A): the session by token hash, then the user with its roles.
 *  - `GET /areas` (baseline B): the session, the areas, then one INSERT into audit_event.
 * It connects exactly as the application does (same pool size, acting as the application role),
 * so the audit rows it writes are real rows that pass the same privileges and triggers.
 */
export interface Baseline {
  url: string;
  pool: Pool;
  stop(): Promise<void>;
}

const AUDIT_INSERT_SQL = `INSERT INTO audit_event (occurred_at, request_id, actor_user_id, actor_organisation_id, actor_roles,
  session_hash, client_address, operation_type, operation_name, fields, action, outcome, error_code, entity_type, entity_ids,
  entity_organisation_ids, purpose, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`;

interface SessionRow {
  session_id: string;
  user_id: string;
  organisation_id: string;
  kind: string;
  roles: string[] | null;
  partnership_ids: string[] | null;
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
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startBaseline(databaseUrl: string, poolSize: number, idleTimeoutSeconds: number): Promise<Baseline> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: poolSize,
    options: `-c role=${APP_ROLE}`,
    application_name: 'samverkan-bench-baseline',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
  });

  const session = async (req: http.IncomingMessage): Promise<{ row: SessionRow; hash: string } | undefined> => {
    const match = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
    const token = match?.[1];
    if (!token || token.length < 20 || token.length > 200) return undefined;
    const hash = createHash('sha256').update(token, 'utf8').digest('hex');
    const { rows } = await pool.query<SessionRow>(LIVE_SESSION_SQL, [hash, idleTimeoutSeconds]);
    return rows[0] ? { row: rows[0], hash } : undefined;
  };

  const me = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const user = (await pool.query<UserRow>(SELF_SQL, [s.row.user_id])).rows[0];
    if (!user) return send(res, 404, { errors: [{ message: 'not found' }] });
    send(res, 200, {
      data: { me: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, disabled: user.disabledAt !== null } },
    });
  };

  const areas = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const s = await session(req);
    if (!s) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const rows = (await pool.query<{ id: string; name: string }>(AREAS_SQL, [s.row.partnership_ids ?? []])).rows;
    const draft: AuditEventDraft = {
      occurredAt: new Date(),
      requestId: randomUUID(),
      actorUserId: s.row.user_id,
      actorOrganisationId: s.row.organisation_id,
      actorRoles: [...(s.row.roles ?? [])].sort(),
      sessionHash: s.hash,
      clientAddress: req.socket.remoteAddress ?? null,
      operationType: 'query',
      operationName: 'Areas',
      fields: ['Area.id', 'Area.name', 'Query.areas'],
      action: AuditAction.READ,
      outcome: AuditOutcome.ALLOWED,
      errorCode: null,
      entityType: 'Area',
      entityIds: rows.map((r) => r.id).sort(),
      entityOrganisationIds: [],
      purpose: null,
    };
    const d = draft;
    await pool.query(AUDIT_INSERT_SQL, [
      d.occurredAt.toISOString(), d.requestId, d.actorUserId, d.actorOrganisationId, d.actorRoles, d.sessionHash,
      d.clientAddress, d.operationType, d.operationName, d.fields, d.action, d.outcome, d.errorCode,
      d.entityType, d.entityIds, d.entityOrganisationIds, d.purpose, draftHash(d),
    ]);
    send(res, 200, { data: { areas: rows.map((r) => ({ id: r.id, name: r.name })) } });
  };

  const server = http.createServer((req, res) => {
    const route = req.url === '/me' ? me : req.url === '/areas' ? areas : undefined;
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
