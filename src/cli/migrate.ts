import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { locateDatabase } from '../db/database';
import { runMigrations } from '../db/migrate';
import { runCli } from './cli-support';

/**
 * `npm run migrate`, or `node dist/src/cli/migrate.js` (the migration job): applies pending
 * migrations to the configured (or embedded) database as MIGRATION_DATABASE_URL's user (else
 * DATABASE_URL's). Safe to run beside another migration: it waits for that one's lock.
 */
runCli(async () => {
  const location = await locateDatabase(loadConfig());
  try {
    const applied = await runMigrations(location.migrationUrl, {
      onWait: () => console.log('Another process is migrating this database; waiting for it.'),
    });
    console.log(
      applied.length === 0
        ? 'No pending migrations.'
        : `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`,
    );
  } finally {
    await location.stop();
  }
});
