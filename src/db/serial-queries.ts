import type { DataSource, QueryRunner } from 'typeorm';

/**
 * One connection runs one statement at a time: statements issued in parallel (`Promise.all`) on one
 * query runner are queued here, in call order, instead of inside the pg client (which does the same
 * but warns that it will stop doing so in pg 9).
 */
export function serialiseQueries(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query'];
  return runner;
}

/**
 * Every query runner the data source creates runs its statements one at a time. For TypeORM's schema
 * builder (the pending-migration check), which reads the catalogue in parallel on one runner.
 */
export function serialiseAllQueryRunners(dataSource: DataSource): void {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => serialiseQueries(create(mode));
}
