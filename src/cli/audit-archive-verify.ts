import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { verifyArchiveFile } from '../modules/audit/audit.archive-file';
import { loadAuditKeyring } from '../modules/audit/audit.keys';
import { runCli } from './cli-support';

/**
 * `npm run audit:archive-verify -- <file>`: verifies an audit archive file on its own, without a
 * database: its signature, its chain of checkpoints, every event's HMAC. Needs the audit keys
 * (AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE) of the generations that signed it. Exit 1 on any problem.
 */
runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run audit:archive-verify -- <archive file>');
  const { keyring } = loadAuditKeyring(loadConfig());
  const started = Date.now();
  const result = await verifyArchiveFile(file, keyring, (n) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  checked ${n} events…`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const h = result.header;
  const scope = h
    ? `database ${h.database}, partitions ${h.partitions.join(', ')}, checkpoints ${h.from ? `after ${h.from.checkpointId}` : 'from the genesis'} to ${h.to.checkpointId}`
    : 'no header';
  if (result.ok) {
    console.log(
      `Archive verified (${scope}): ${result.checkedEvents} events, ${result.checkedCheckpoints} checkpoints, signature valid, in ${seconds} s. SHA-256 ${result.fileSha256}.`,
    );
    return;
  }
  console.error(`Archive verification FAILED (${scope}):`);
  for (const p of result.problems) console.error(`  - ${p}`);
  process.exit(1);
});
