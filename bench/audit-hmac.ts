import { randomUUID } from 'node:crypto';
import { auditEventHash, auditKeyring, legacyAuditEventHash } from '../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../src/modules/audit/audit.recorder';
import type { LoadResult } from './load';

/** What keyed digests cost an audited read, against the unkeyed SHA-256 they replaced, in this run. */
export interface HmacCost {
  /** Encoding and digest of one typical event (CPU µs): HMAC-SHA-256 and the former SHA-256. */
  hmacMicros: number;
  sha256Micros: number;
  /** HMAC's extra CPU per audited read (one event per `areas` request). */
  extraMicrosPerRequest: number;
  /** The API's `areas` requests per second in this run and what the extra CPU would cost them at most. */
  areasRequestsPerSecond: number | null;
  /** Share of one core-second per second of `areas` load: extra µs × requests/s ÷ 10⁶ × 100 ÷ cores. */
  throughputCostPercent: number | null;
}

const EVENT: AuditEventDraft = {
  occurredAt: new Date(),
  requestId: randomUUID(),
  actorUserId: randomUUID(),
  actorOrganisationId: randomUUID(),
  actorRoles: ['ADMIN', 'MEMBER'],
  sessionHash: 'a'.repeat(64),
  clientAddress: '127.0.0.1',
  operationType: 'query',
  operationName: 'Areas',
  fields: ['Area.id', 'Area.name', 'Query.areas'],
  action: AuditAction.READ,
  outcome: AuditOutcome.ALLOWED,
  errorCode: null,
  entityType: 'Area',
  entityIds: Array.from({ length: 8 }, () => randomUUID()),
  entityOrganisationIds: [],
  purpose: null,
};

function cpuMicros(n: number, work: () => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

/** Alternating rounds, the minimum of each (the least disturbed by other work on the machine). */
export function measureHmacCost(areas: LoadResult | undefined, cores: number, n = 50_000): HmacCost {
  const { occurredAt, ...rest } = EVENT;
  const content = { ...rest, occurredAtMicros: BigInt(occurredAt.getTime()) * 1000n };
  const key = auditKeyring().current;
  let hmac = Number.POSITIVE_INFINITY;
  let sha = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    hmac = Math.min(
      hmac,
      cpuMicros(n, () => auditEventHash(content, key)),
    );
    sha = Math.min(
      sha,
      cpuMicros(n, () => legacyAuditEventHash(content)),
    );
  }
  const extra = Math.max(0, hmac - sha);
  const rps = areas ? areas.requestsPerSecond : null;
  return {
    hmacMicros: hmac,
    sha256Micros: sha,
    extraMicrosPerRequest: extra,
    areasRequestsPerSecond: rps,
    throughputCostPercent: rps === null ? null : ((extra * rps) / 1e6 / cores) * 100,
  };
}

export function formatHmacCost(c: HmacCost): string {
  return (
    `  audit HMAC: ${c.hmacMicros.toFixed(1)} µs per event against ${c.sha256Micros.toFixed(1)} µs unkeyed SHA-256 ` +
    `(+${c.extraMicrosPerRequest.toFixed(1)} µs per audited read)` +
    (c.throughputCostPercent === null
      ? ''
      : `; at ${c.areasRequestsPerSecond!.toFixed(0)} areas/s that is ${c.throughputCostPercent.toFixed(2)} % of the CPU (target < 5 %)`)
  );
}
