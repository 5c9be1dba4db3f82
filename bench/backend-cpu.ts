import fs from 'node:fs';
import os from 'node:os';
import type { EntityManager } from 'typeorm';

/**
 * CPU seconds (user + system) that PostgreSQL's backends of one database have used so far, read
 * from /proc/<pid>/stat (so only when PostgreSQL runs on this machine; null otherwise). Backends
 * that have ended are not counted: read it while the pool that did the work is still open.
 */
export async function backendCpu(manager: EntityManager): Promise<Map<number, number> | null> {
  const rows: { pid: number }[] = await manager.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return os.platform() === 'linux' && fs.existsSync('/proc/self/stat') ? out : null;
    }
    // Fields after the command name (which may hold spaces) in parentheses: utime is 14th, stime 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(pid, (Number(f[11]) + Number(f[12])) / ticks);
  }
  return out;
}

/** The backends' CPU seconds between two readings (backends that started in between count from 0). */
export function backendCpuSince(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let sum = 0;
  for (const [pid, s] of after) sum += s - (before.get(pid) ?? 0);
  return sum;
}

/**
 * Seconds for 1,000,000 events on this machine's cores when nothing else runs, from CPU µs per event
 * of the verifier and of PostgreSQL (µs per event is s per 1,000,000): their sum spread over every
 * core, unless the verifier's single thread is the bound.
 */
export function idleProjection(
  verifierMicros: number,
  postgresMicros: number,
  cores = os.availableParallelism(),
): number {
  return Math.max((verifierMicros + postgresMicros) / cores, verifierMicros);
}
