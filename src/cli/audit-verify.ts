import 'reflect-metadata';
import fs from 'node:fs';
import { readAnchors } from '../modules/audit/audit.anchor';
import { setAuditKeyring } from '../modules/audit/audit.hash';
import { anchorFilePath, loadAuditKeyring } from '../modules/audit/audit.keys';
import { verifyAuditLog, type VerifiedHead } from '../modules/audit/audit.verify';
import { loadConfig } from '../config/config';
import { runCli, withDatabase } from './cli-support';

interface VerifiedState extends VerifiedHead {
  database: string;
}

/**
 * `npm run audit:verify [-- --incremental]`: verifies the audit log (every event's and checkpoint's
 * HMAC, the chain, the anchors) and exits 1 naming the first bad event. Complete by default;
 * `--incremental` continues from the checkpoint the last successful run verified, if it is still
 * anchored and unchanged (kept in `<anchor file>.verified`).
 */
runCli(async () => {
  const incremental = process.argv.includes('--incremental');
  const config = loadConfig();
  setAuditKeyring(loadAuditKeyring(config).keyring);
  const anchorFile = anchorFilePath(config);
  const stateFile = anchorFile ? `${anchorFile}.verified` : undefined;
  const started = Date.now();
  const { result, database, from } = await withDatabase(async (ds) => {
    const [{ database: db }]: { database: string }[] = await ds.query('SELECT current_database() AS database');
    let start: VerifiedHead | undefined;
    if (incremental && stateFile && anchorFile && fs.existsSync(stateFile)) {
      const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as VerifiedState;
      // Trust the earlier run only where the anchors still say the same.
      const anchored = readAnchors(anchorFile, db).anchors.some(
        (a) => a.checkpointId === state.checkpointId && a.hash === state.hash,
      );
      if (state.database === db && anchored)
        start = { checkpointId: state.checkpointId, hash: state.hash, txHorizon: state.txHorizon };
    }
    const r = await verifyAuditLog(ds.manager, {
      anchorFile,
      from: start,
      onProgress: (n) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  checked ${n} events…`);
      },
    });
    return { result: r, database: db, from: start };
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const scope =
    (from ? `incremental from checkpoint ${from.checkpointId}` : 'complete') +
    (result.startedFrom?.startsWith('archive') ? `; starts after ${result.startedFrom}` : '');
  const anchors = result.checkedAnchors === null ? 'no anchor file' : `${result.checkedAnchors} anchors compared`;
  if (result.ok) {
    if (stateFile && result.head)
      fs.writeFileSync(stateFile, `${JSON.stringify({ database, ...result.head })}\n`, { mode: 0o600 });
    console.log(
      `Audit log verified (${scope}): ${result.checkedEvents} events (${result.checkedCheckpoints} checkpoints, ${result.unsealedEvents} not yet sealed; ${anchors}) in ${seconds} s.`,
    );
    return;
  }
  console.error(`Audit log verification FAILED (${scope}) after ${result.checkedEvents} events:`);
  for (const p of result.problems) console.error(`  - ${p}`);
  console.error(`First invalid event: ${result.firstInvalidEventId ?? '(none identifiable)'}`);
  process.exit(1);
});
