import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchName } from '../../src/db/database';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../../src/db/embedded-postgres';

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A command-line tool started beside `npm start` in embedded mode opens the same data directory:
 * it must use the running server, not stop it as if a killed run had left it behind.
 */
describe('embedded PostgreSQL shared by two processes of the project', () => {
  const dataDir = path.join(process.cwd(), '.data', scratchName('test-shared-pg'));
  const started: RunningEmbeddedPostgres[] = [];

  afterAll(async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.credentials.json`, { force: true });
    fs.rmSync(`${dataDir}.owner`, { force: true });
  });

  it('a second start on the data directory of a live server uses that server and leaves it running on stop', async () => {
    const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    started.push(server);
    expect(server.owned).toBe(true);
    const cli = await startEmbeddedPostgres({ dataDir });
    expect(cli.owned).toBe(false);
    expect(cli.port).toBe(server.port);
    expect(await answers(cli.url('postgres'))).toBe(true);
    await cli.stop();
    expect(await answers(server.url('postgres'))).toBe(true);
  });

  it('a server whose starting process is gone is stale: stopped and started afresh', async () => {
    const previous = started[0];
    const oldPostmaster = Number(fs.readFileSync(path.join(previous.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // The owner file names a process that has exited, as after `kill -9` of `npm start`.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const ownerFile = path.join(path.dirname(previous.dataDir), `${path.basename(previous.dataDir)}.owner`);
    fs.writeFileSync(ownerFile, `${gone}\n`);
    const fresh = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    started.push(fresh);
    expect(fresh.owned).toBe(true);
    expect(await answers(fresh.url('postgres'))).toBe(true);
    const newPostmaster = Number(fs.readFileSync(path.join(fresh.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(newPostmaster).not.toBe(oldPostmaster);
    expect(() => process.kill(oldPostmaster, 0)).toThrow();
  });
});
