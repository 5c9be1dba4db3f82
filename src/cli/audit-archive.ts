import 'reflect-metadata';
import { archiveAuditLog } from '../modules/audit/audit.archive.service';
import { runCli, withDatabase } from './cli-support';

/**
 * `npm run audit:archive -- --dir <directory>`: run by the schema owner (MIGRATION_DATABASE_URL, or
 * DATABASE_URL as the owner). Archives the monthly partitions of audit events older than
 * AUDIT_RETENTION_MONTHS to a signed file in the directory, verifies the file from disk, then drops
 * them (recording a signed starting point for verification and an audit event); also makes the
 * partitions of the coming months. Progress goes to stderr; the outcome to stdout.
 */
runCli(async () => {
  const at = process.argv.indexOf('--dir');
  const directory = at > 0 ? process.argv[at + 1] : undefined;
  if (!directory) throw new Error('usage: npm run audit:archive -- --dir <directory for archive files>');
  const started = Date.now();
  const outcome = await withDatabase(
    (ds, config) =>
      archiveAuditLog(ds, {
        retentionMonths: config.auditRetentionMonths,
        directory,
        progress: (text) => console.error(`audit:archive: ${text}`),
      }),
    { asAppRole: false },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (outcome.keptInDefault > 0)
    console.log(
      `${outcome.keptInDefault} event(s) older than the retention period lie in the default partition and are kept.`,
    );
  if (outcome.partitions.length === 0) {
    console.log(`Nothing to archive (${seconds} s).`);
    return;
  }
  console.log(
    `Archived ${outcome.events} events (${outcome.checkpoints} checkpoints) to ${outcome.file ?? '(no file: the partitions were empty)'} ` +
      `and dropped ${outcome.partitions.join(', ')} in ${seconds} s.` +
      (outcome.head ? ` Verification now starts at checkpoint ${outcome.head.checkpointId}.` : ''),
  );
});
