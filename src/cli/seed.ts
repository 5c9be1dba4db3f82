import 'reflect-metadata';
import { DEMO_USERS, seedDemoData } from '../db/seed/demo-seed';
import { runCli, withDatabase } from './cli-support';

/** `npm run seed`: the demo data of DESIGN.md into the configured database (idempotent). */
runCli(async () => {
  const result = await withDatabase((ds, config) =>
    seedDemoData(ds, { nodeEnv: config.nodeEnv, password: config.seedPassword }),
  );
  console.log(
    result.created
      ? `Demo data seeded: ${result.users} users.`
      : `Demo data already present (${result.users} users); nothing changed.`,
  );
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(36)} ${u.roles.join(', ')}`);
});
