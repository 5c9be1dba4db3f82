import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { locateDatabase, runMigrations } from '../db/database';
import { runCli } from './cli-support';

/** `npm run migrate`: applies pending migrations to the configured (or embedded) database. */
runCli(async () => {
  const location = await locateDatabase(loadConfig());
  try {
    const applied = await runMigrations(location.migrationUrl);
    console.log(applied.length === 0 ? 'No pending migrations.' : `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`);
  } finally {
    await location.stop();
  }
});
