import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { vi } from 'vitest';

/** The text of a statement as TypeORM or node-postgres is given it: a string or a `{ name, text }` config. */
function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query !== null && typeof query === 'object' && typeof (query as { text?: unknown }).text === 'string')
    return (query as { text: string }).text;
  return String(query);
}

export interface StatementSpy {
  /** The statements sent since the last clear: through TypeORM's query runners and straight to the pool. */
  texts(): string[];
  count(): number;
  clear(): void;
  restore(): void;
}

/**
 * Watches every SQL statement the application sends: through a TypeORM query runner, and the prepared
 * statements that `queryPrepared` sends straight to the data source's pool outside a transaction.
 */
export function spyOnStatements(dataSource: DataSource): StatementSpy {
  const runner = vi.spyOn(PostgresQueryRunner.prototype, 'query');
  const pool = vi.spyOn((dataSource.driver as PostgresDriver).master as Pool, 'query');
  const texts = (): string[] => [
    ...runner.mock.calls.map((call) => textOf(call[0])),
    ...pool.mock.calls.map((call) => textOf(call[0])),
  ];
  return {
    texts,
    count: () => runner.mock.calls.length + pool.mock.calls.length,
    clear() {
      runner.mockClear();
      pool.mockClear();
    },
    restore() {
      runner.mockRestore();
      pool.mockRestore();
    },
  };
}
