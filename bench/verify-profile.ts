import 'reflect-metadata';
import os from 'node:os';
import { createDataSource } from '../src/db/data-source';
import { loadConfig } from '../src/config/config';
import { setAuditKeyring } from '../src/modules/audit/audit.hash';
import { loadAuditKeyring } from '../src/modules/audit/audit.keys';
import { verifyAuditLog } from '../src/modules/audit/audit.verify';
import { backendCpu, backendCpuSince, idleProjection } from './backend-cpu';

/**
 * `node dist/bench/verify-profile.js`: one complete verify of the database at DATABASE_URL (a
 * database kept by `BENCH_KEEP_DATABASE=1 BENCH_SCENARIOS=verify npm run bench`, under the same
 * AUDIT_HMAC_KEY), reporting wall time, this process's CPU and PostgreSQL's backend CPU per event,
 * and the projection of both to 1,000,000 events on this machine's idle cores. Run it under
 * `node --cpu-prof` to see where the verifier's time goes.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  setAuditKeyring(loadAuditKeyring(config).keyring);
  const ds = createDataSource({
    url: config.databaseUrl!,
    asAppRole: false,
    poolSize: 6,
    applicationName: 'verify-profile',
  });
  await ds.initialize();
  try {
    const parallel = process.env.VERIFY_PARALLEL ? Number(process.env.VERIFY_PARALLEL) : undefined;
    const pgBefore = await backendCpu(ds.manager);
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const r = await verifyAuditLog(ds.manager, { parallel });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const pgSeconds = backendCpuSince(pgBefore, await backendCpu(ds.manager));
    const nodeUs = (cpu.user + cpu.system) / r.checkedEvents;
    const pgUs = pgSeconds === null ? NaN : (pgSeconds * 1e6) / r.checkedEvents;
    console.log(
      JSON.stringify({
        ok: r.ok,
        problems: r.problems.slice(0, 3),
        events: r.checkedEvents,
        checkpoints: r.checkedCheckpoints,
        seconds: Number(seconds.toFixed(2)),
        eventsPerSecond: Math.round(r.checkedEvents / seconds),
        nodeCpuMicrosPerEvent: Number(nodeUs.toFixed(2)),
        postgresCpuMicrosPerEvent: Number(pgUs.toFixed(2)),
        projectedMillionSecondsIdle: Number(idleProjection(nodeUs, pgUs).toFixed(2)),
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      }),
    );
  } finally {
    await ds.destroy();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
