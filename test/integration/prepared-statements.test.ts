import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedStatement, queryPrepared } from '../../src/db/prepared';
import { LIVE_SESSION, SELF } from '../../src/modules/identity/identity.repository';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * queryPrepared relies on TypeORM handing its query argument unchanged to node-postgres: these
 * tests fail if a TypeORM or pg upgrade breaks that (the statement would then not be prepared, or
 * answer differently from manager.query).
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: true });
});

afterAll(async () => {
  await server?.stop();
});

describe('prepared statements', () => {
  it('are prepared on the connection under their name and answer as manager.query does', async () => {
    const statement = preparedStatement('SELECT id, name FROM area WHERE name = ANY($1::text[]) ORDER BY name');
    const runner = server.runtime.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const args = [['Danderyd', 'Täby', 'nowhere']];
      const prepared = await queryPrepared<{ id: string; name: string }[]>(runner.manager, statement, args);
      expect(prepared.map((r) => r.name)).toEqual(['Danderyd', 'Täby']);
      expect(prepared).toEqual(await runner.manager.query(statement.text, args));
      // A second run with other values reuses the statement.
      expect(await queryPrepared(runner.manager, statement, [['Täby']])).toEqual([prepared[1]]);
      const onServer: { statement: string; parameter_types: string[] }[] = await runner.query(
        `SELECT statement, parameter_types::text[] AS parameter_types FROM pg_prepared_statements WHERE name = $1`,
        [statement.name],
      );
      expect(onServer).toEqual([{ statement: statement.text, parameter_types: ['text[]'] }]);
    } finally {
      await runner.release();
    }
  });

  it('answer an UPDATE as manager.query does ([rows, affected]) and run inside the open transaction', async () => {
    const runner = server.runtime.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const rename = preparedStatement(`UPDATE area SET name = name || $2 WHERE name = $1 RETURNING name`);
      expect(await queryPrepared(runner.manager, rename, ['Danderyd', ' (test)'])).toEqual([
        [{ name: 'Danderyd (test)' }],
        1,
      ]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await server.sql(`SELECT count(*)::int AS n FROM area WHERE name = 'Danderyd'`)).toEqual([{ n: 1 }]);
  });

  it('outside a transaction go straight to the pool and answer as manager.query does, failures included', async () => {
    const manager = server.runtime.dataSource.manager;
    expect(manager.queryRunner).toBeUndefined();
    const statement = preparedStatement('SELECT id, name FROM area WHERE name = ANY($1::text[]) ORDER BY name');
    const args = [['Danderyd', 'Täby']];
    const rows = await queryPrepared<{ name: string }[]>(manager, statement, args);
    expect(rows.map((r) => r.name)).toEqual(['Danderyd', 'Täby']);
    expect(rows).toEqual(await manager.query(statement.text, args));
    const rename = preparedStatement(`UPDATE area SET name = $2 WHERE name = $1 RETURNING name`);
    expect(await queryPrepared(manager, rename, ['Danderyd', 'Danderyd (prövad)'])).toEqual([
      [{ name: 'Danderyd (prövad)' }],
      1,
    ]);
    expect(await queryPrepared(manager, rename, ['Danderyd (prövad)', 'Danderyd'])).toEqual([
      [{ name: 'Danderyd' }],
      1,
    ]);
    // A failure is what manager.query throws: QueryFailedError with the driver's error and its code.
    const broken = preparedStatement('SELECT 1 / $1::int AS n');
    const failure = await queryPrepared(manager, broken, [0]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '22012' });
    const viaTypeorm = await manager.query(broken.text, [0]).catch((e: unknown) => e);
    expect((failure as Error).message).toBe((viaTypeorm as Error).message);
  });

  it('are named by their text: the same text the same name, another text another name', () => {
    expect(preparedStatement(LIVE_SESSION.text).name).toBe(LIVE_SESSION.name);
    expect(SELF.name).not.toBe(LIVE_SESSION.name);
    expect(LIVE_SESSION.name).toMatch(/^sv_[0-9a-f]{24}$/);
  });

  it('serve the request path: after a request the pool holds the session statement prepared', async () => {
    const token = await server.login('socialsekreterare@danderyd.example');
    for (let i = 0; i < 3; i++) expect((await server.gql('{ me { email } }', {}, token)).errors).toBeUndefined();
    // Ask every pooled connection at once (each holds its own prepared statements).
    const poolSize = (server.runtime.dataSource.options as { poolSize?: number }).poolSize ?? 10;
    const runners = Array.from({ length: poolSize }, () => server.runtime.dataSource.createQueryRunner());
    try {
      const counts = await Promise.all(
        runners.map(async (r) => {
          await r.connect();
          const rows: { n: number }[] = await r.query(
            `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`,
            [LIVE_SESSION.name],
          );
          return rows[0].n;
        }),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });
});
