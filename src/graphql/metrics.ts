import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription', 'invalid']);

/**
 * Prometheus metrics. Every label value comes from a fixed set, so no caller (an anonymous one
 * included) can create new series: the operation type; the operation as its one root field when that
 * field is in `knownRootFields` (the schema's), `multiple` for several root fields, `none` for none,
 * else `other`; the error code when it is in `knownCodes`, else `other`. Never client text such as
 * operation names.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'samverkan_graphql_requests_total',
    help: 'GraphQL requests by operation type, root fields and outcome',
    labelNames: ['type', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'samverkan_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation',
    labelNames: ['type', 'operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'samverkan_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(
    poolStats: () => PoolStats | undefined,
    private readonly knownRootFields: ReadonlySet<string> = new Set(),
    private readonly knownCodes: ReadonlySet<string> = new Set(),
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'samverkan_' });
    const registry = this.registry;
    new Gauge({
      name: 'samverkan_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = poolStats();
        if (!stats) return;
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'in_use' }, stats.total - stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }

  observe(type: string, rootFields: readonly string[], codes: readonly string[], startedNs: bigint): void {
    const boundedType = OPERATION_TYPES.has(type) ? type : 'other';
    const [only] = rootFields;
    const operation =
      rootFields.length === 0
        ? 'none'
        : rootFields.length > 1
          ? 'multiple'
          : only !== undefined && this.knownRootFields.has(only)
            ? only
            : 'other';
    const seconds = Number(process.hrtime.bigint() - startedNs) / 1e9;
    this.requests.inc({ type: boundedType, operation, outcome: codes.length === 0 ? 'ok' : 'error' });
    this.latency.observe({ type: boundedType, operation }, seconds);
    for (const code of codes) this.errors.inc({ code: this.knownCodes.has(code) ? code : 'other' });
  }
}
