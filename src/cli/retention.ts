import 'reflect-metadata';
import { runRetention } from '../modules/records/retention.service';
import { runCli, withDatabase } from './cli-support';

/**
 * `npm run retention -- [--dry-run] [--batch-size N]`: deletes closed cases, ended shares and expired
 * consents past their retention period (docs/records.md). --dry-run lists what would go and deletes
 * nothing. Prints ids only.
 */
runCli(async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a, i) => a !== '--dry-run' && a !== '--batch-size' && args[i - 1] !== '--batch-size');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown[0]}; usage: npm run retention -- [--dry-run] [--batch-size N]`);
  const sizeAt = args.indexOf('--batch-size');
  const batchSize = sizeAt >= 0 ? Number(args[sizeAt + 1]) : undefined;
  const dryRun = args.includes('--dry-run');
  const report = await withDatabase((ds) => runRetention(ds, { dryRun, batchSize }));
  for (const [type, ids] of Object.entries(report.records)) {
    console.log(`${type}: ${ids.length} ${dryRun ? 'would be deleted' : 'deleted'}`);
    for (const id of ids) console.log(`  ${id}`);
  }
  console.log(`${report.batches} batch(es)${dryRun ? ' (dry run: nothing deleted)' : ''}`);
});
