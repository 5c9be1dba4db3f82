import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { withMigratedScratchDatabase } from '../db/scratch';
import { serialiseAllQueryRunners } from '../db/serial-queries';

/** Fails when the entities differ from what the migrations build (CI's pending-migration check). */
async function main(): Promise<void> {
  const config = loadConfig();
  const pending = await withMigratedScratchDatabase(config, async (ds) => {
    serialiseAllQueryRunners(ds);
    return (await ds.driver.createSchemaBuilder().log()).upQueries;
  });
  if (pending.length > 0) {
    console.error(`The entities differ from the migrations; ${pending.length} statement(s) missing:`);
    for (const q of pending) console.error(`  ${q.query}`);
    console.error('Run `npm run migration:generate -- <Name>` and commit the new migration.');
    process.exit(1);
  }
  console.log('Migrations match the entities: no pending migration.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
