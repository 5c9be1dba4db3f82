import 'reflect-metadata';
import { verifyAuditLog } from '../modules/audit/audit.verify';
import { runCli, withDatabase } from './cli-support';

/** `npm run audit:verify`: recomputes the audit hash chain; exit 1 naming the first bad event. */
runCli(async () => {
  const started = Date.now();
  const result = await withDatabase((ds) =>
    verifyAuditLog(ds.manager, (n) => {
      if (process.stderr.isTTY) process.stderr.write(`\r  checked ${n} events…`);
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(`Audit log verified: ${result.checkedEvents} events (${result.checkedCheckpoints} checkpoints, ${result.unsealedEvents} not yet sealed) in ${seconds} s.`);
    return;
  }
  console.error(`Audit log verification FAILED after ${result.checkedEvents} events: ${result.problem}`);
  console.error(`First invalid event: ${result.firstInvalidEventId ?? '(none identifiable)'}`);
  process.exit(1);
});
