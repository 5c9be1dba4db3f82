import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Actor } from '../access/actor';
import type { PartnershipTopology } from '../access/access';
import type { OperationSummary } from '../http/access-log';
import type { Principal } from '../access/principal';
import type { AuditRecorder } from '../modules/audit/audit.recorder';
import type { IdempotencyClaim } from '../modules/idempotency/idempotency.service';
import type { SessionProfile } from '../modules/identity/identity.service';
import { serialiseQueries } from '../db/serial-queries';
import { unauthenticated } from '../shared/errors';
import { LoaderRegistry, RequestLoaders } from './loaders';
import type { Services } from './services';

/**
 * Everything one GraphQL request carries: the caller, its audit record, per-request DataLoaders
 * and, for mutations, the transaction that the changes and their audit events commit in.
 */
export class RequestContext {
  /** Shared by the shallow copies Apollo makes of the context (see `RequestLoaders`). */
  private readonly loaderRegistry = new LoaderRegistry();
  /**
   * What the access log says about this request's operation, set by the audit plugin. A holder object:
   * Apollo hands plugins a shallow copy of the context, which shares it.
   */
  readonly accessLog: { summary?: OperationSummary } = {};
  /** The request's `Idempotency-Key` header, unchecked (the idempotency plugin checks it for mutations). */
  idempotencyKey: string | undefined;
  /** Set for a mutation whose first outcome is to be stored with its changes. */
  idempotency: IdempotencyClaim | undefined;
  /** Set by a successful login; the console's plugin turns it into the session cookie. */
  issuedSession: { token: string; expiresAt: Date } | undefined;
  /** Set by logout: the session cookie is cleared. */
  sessionEnded = false;
  /** The request presented the console's session cookie (and no bearer token). */
  cookieSession = false;
  /** The request's own origin (scheme and host), for URLs sent back to the browser without PUBLIC_URL. */
  requestOrigin = '';
  private builtActor: Actor | undefined;
  private queryRunner: QueryRunner | undefined;
  private opening: Promise<QueryRunner> | undefined;
  private releaseSlot: (() => void) | undefined;

  constructor(
    readonly dataSource: DataSource,
    readonly services: Services,
    readonly audit: AuditRecorder,
    readonly principal: Principal | undefined,
    /** The caller's own profile, read together with the session. */
    readonly profile: SessionProfile | undefined = undefined,
    /** The caller's partnerships, read by the session lookup (none when unauthenticated). */
    private readonly partnerships: readonly PartnershipTopology[] = [],
  ) {}

  /** The request's relation loaders (`src/graphql/loaders.ts`), each made on first use. */
  get loaders(): RequestLoaders {
    return new RequestLoaders(this.loaderRegistry, this);
  }

  /**
   * Who runs the operation, as services receive it. The policy gate has already refused every non-public
   * operation without a principal; a public one that reaches here without one (enrolSecondFactor or
   * confirmSecondFactor without a challenge) gets UNAUTHENTICATED.
   */
  get actor(): Actor {
    const principal = this.principal;
    if (principal === undefined) throw unauthenticated();
    this.builtActor ??= { principal, audit: this.audit, topology: () => this.topology() };
    return this.builtActor;
  }

  /** The caller's partnerships (organisations and areas), as the session lookup read them. */
  topology(): Promise<PartnershipTopology[]> {
    return Promise.resolve([...this.partnerships]);
  }

  /** The transaction of this mutation, started on first use. */
  async transaction(): Promise<EntityManager> {
    this.opening ??= this.open();
    return (await this.opening).manager;
  }

  private async open(): Promise<QueryRunner> {
    const slots = transactionSlots(this.dataSource);
    await slots.acquire();
    try {
      const runner = serialiseQueries(this.dataSource.createQueryRunner());
      await runner.connect();
      try {
        await runner.startTransaction('READ COMMITTED');
      } catch (error) {
        await runner.release();
        throw error;
      }
      this.queryRunner = runner;
      this.releaseSlot = () => slots.release();
      return runner;
    } catch (error) {
      slots.release();
      this.opening = undefined;
      throw error;
    }
  }

  get inTransaction(): boolean {
    return this.queryRunner !== undefined;
  }

  /** Commits or rolls back the mutation's transaction and releases its connection. */
  async finish(commit: boolean): Promise<void> {
    const runner = this.queryRunner;
    if (!runner) return;
    const releaseSlot = this.releaseSlot;
    this.queryRunner = undefined;
    this.opening = undefined;
    this.releaseSlot = undefined;
    try {
      if (commit) await commitOrExplain(runner);
      else await runner.rollbackTransaction();
    } finally {
      try {
        await runner.release();
      } finally {
        releaseSlot?.();
      }
    }
  }

  /** The manager to read with: the mutation's transaction when one is open, else the pool. */
  get manager(): EntityManager {
    return this.queryRunner?.manager ?? this.dataSource.manager;
  }
}

/**
 * COMMIT failed in a way that leaves its outcome unknown: the connection was lost (or the server
 * shut down) after COMMIT was sent, so the transaction may have committed with its acknowledgement
 * lost. The client must not be told that nothing was carried out.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(readonly failure: unknown) {
    super('the outcome of COMMIT is unknown: the database connection was lost');
    this.name = 'CommitOutcomeUnknownError';
  }
}

/** SQLSTATE of a server-reported error, or undefined for a client-side failure (connection lost, timeout). */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = typeof e.driverError?.code === 'string' ? e.driverError.code : e.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Commits; a failure the server reports for this transaction (e.g. a deferred constraint, a
 * serialization failure) means it rolled back. Any other failure — no SQLSTATE (the socket closed),
 * a connection exception (class 08) or an operator intervention such as a shutdown (class 57) — may
 * have come after the commit took effect.
 */
async function commitOrExplain(runner: QueryRunner): Promise<void> {
  try {
    await runner.commitTransaction();
  } catch (error) {
    const state = sqlState(error);
    if (state === undefined || state.startsWith('08') || state.startsWith('57'))
      throw new CommitOutcomeUnknownError(error);
    throw error;
  }
}

/**
 * A mutation holds its transaction's connection while its resolvers still read through the pool
 * (the caller's topology, DataLoaders). With as many open transactions as pooled connections, each
 * holder waits for a second connection that none gives back, until the pool's connection timeout
 * fails them all (found by `npm run load`: 100 connections, 20 % writes, pool 20). So transactions
 * hold at most `transactionSlotCount` connections and leave a quarter of the pool (at least one) to
 * the reads; further mutations wait here, holding no connection. Reads never hold one connection
 * while waiting for another, so they always make progress.
 */
class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  acquire(): Promise<void> {
    if (this.used < this.size) {
      this.used++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight on
    else this.used--;
  }
}

/**
 * Open mutation transactions allowed on a pool of `poolSize`: all but a quarter of it (at least one
 * connection stays free for reads). Half the pool, as before, starved the writes once the default
 * pool shrank to 10: under `npm run load` (100 connections, 20 % writes) writes waited for a slot
 * with p50 399 ms, against 149 ms on a pool of 20.
 */
export function transactionSlotCount(poolSize: number): number {
  return Math.max(1, poolSize - Math.max(1, Math.floor(poolSize / 4)));
}

const slotsByDataSource = new WeakMap<DataSource, Slots>();

function transactionSlots(dataSource: DataSource): Slots {
  let slots = slotsByDataSource.get(dataSource);
  if (!slots) {
    const poolSize = (dataSource.options as { poolSize?: number }).poolSize ?? 10;
    slots = new Slots(transactionSlotCount(poolSize));
    slotsByDataSource.set(dataSource, slots);
  }
  return slots;
}
