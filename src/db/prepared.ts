import { createHash } from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * A statement that runs as a named prepared statement: each pooled connection parses it once, and
 * PostgreSQL may then keep one generic plan for it instead of parsing and planning it per request.
 * Measured with pg_stat_statements on the indicator-table bench: parsing and planning the request
 * path's statements cost more server time (about 0.6 ms per request) than executing them (0.4 ms).
 *
 * Only for fixed texts on hot paths: every distinct text stays prepared on every connection that
 * ran it for the connection's life, so a text built per call must not be prepared.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** Named by a hash of the text: two statements with the same name always have the same text. */
export function preparedStatement(text: string): PreparedStatement {
  return Object.freeze({ name: `sv_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text });
}

/**
 * Runs a prepared statement through the manager (its transaction's connection, or one from the
 * pool) and answers what `manager.query` answers for the same text: the rows, or `[rows, affected]`
 * for an UPDATE or DELETE; a failure is TypeORM's QueryFailedError around the driver's error.
 *
 * Outside a transaction the statement goes straight to the driver's pool (`pool.query`: one
 * connection taken and given back, as TypeORM does) instead of through a query runner made for the
 * one statement: the list read's profile (issue #26) spent more in TypeORM's per-statement runner,
 * its event broadcaster and result objects than in the statements' own work. The data source has no
 * subscribers and no query logging, so nothing that TypeORM would do for the statement is skipped.
 */
export async function queryPrepared<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  parameters: readonly unknown[],
): Promise<T> {
  const values = [...parameters];
  if (manager.queryRunner === undefined) {
    const pool = (manager.connection.driver as PostgresDriver).master as Pool | undefined;
    if (pool !== undefined) {
      let result: QueryResult;
      try {
        result = await pool.query({ name: statement.name, text: statement.text, values });
      } catch (error) {
        throw new QueryFailedError(statement.text, values, error as Error);
      }
      return (
        result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows
      ) as T;
    }
  }
  // TypeORM's postgres query runner hands its first argument unchanged to node-postgres'
  // Client#query, which takes a { name, text } config in place of a text; TypeORM's signature only
  // names the string form. test/integration/prepared-statements.test.ts checks that it stays so.
  return manager.query(statement as unknown as string, values) as Promise<T>;
}
