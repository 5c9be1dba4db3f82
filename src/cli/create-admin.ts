import 'reflect-metadata';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { Role } from '../access/roles';
import { Organisation, User, UserRole } from '../modules/identity/identity.entities';
import { hashPassword, passwordProblem } from '../modules/identity/password';
import { runCli, withDatabase } from './cli-support';
import { OrganisationKind } from '../access/roles';

const USAGE =
  'usage: npm run create-admin -- --org <organisation name> --email <email> [--kind POLICE|SOCIAL_SERVICES|SAFETY_FUNCTION|PARTNER] [--name <display name>] [--role ADMIN|AUDITOR]\n' +
  '  The password is prompted for (not echoed), or read from standard input when it is not a terminal.\n' +
  "  ADMIN and AUDITOR are granted only here, by the operator (the API refuses them: four eyes). An AUDITOR's\n" +
  '  password is temporary: the auditor sets their own with changePassword before the first login.';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: true });
  const ask = (q: string): Promise<string> =>
    new Promise((resolve) => {
      process.stdout.write(q);
      rl.question('', (a) => {
        process.stdout.write('\n');
        resolve(a);
      });
    });
  const first = await ask('Password for the new administrator: ');
  const second = await ask('Repeat the password: ');
  rl.close();
  if (first !== second) throw new Error('the passwords do not match');
  return first;
}

/**
 * Bootstraps an installation: creates the organisation if it does not exist yet (then --kind is
 * required) and its first administrator.
 */
runCli(async () => {
  const org = arg('org');
  const email = arg('email')?.trim().toLowerCase();
  const kind = arg('kind');
  const role = (arg('role') ?? Role.ADMIN) as Role;
  if (role !== Role.ADMIN && role !== Role.AUDITOR) throw new Error('--role must be ADMIN or AUDITOR');
  if (!org || !email) {
    console.error(USAGE);
    process.exit(2);
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error('--email must be a valid email address');
  if (kind !== undefined && !(Object.values(OrganisationKind) as string[]).includes(kind))
    throw new Error(`--kind must be one of ${Object.values(OrganisationKind).join(', ')}`);
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(`password ${problem}`);
  const passwordHash = await hashPassword(password);
  await withDatabase(async (ds) => {
    await ds.transaction(async (manager) => {
      let organisation = await manager.findOne(Organisation, { where: { name: org } });
      if (!organisation) {
        if (!kind)
          throw new Error(
            `organisation "${org}" does not exist; pass --kind (${Object.values(OrganisationKind).join(', ')}) to create it`,
          );
        organisation = await manager.save(manager.create(Organisation, { name: org, kind: kind as OrganisationKind }));
        console.log(`Created organisation "${org}" (${kind}).`);
      }
      if (await manager.findOne(User, { where: { email } }))
        throw new Error(`a user with email ${email} already exists`);
      const user = await manager.save(
        manager.create(User, {
          organisationId: organisation.id,
          email,
          displayName: arg('name') ?? (role === Role.ADMIN ? 'Administratör' : 'Loggkontroll'),
          passwordHash,
          passwordChangeRequired: role === Role.AUDITOR,
          disabledAt: null,
          localLoginAllowed: true,
        }),
      );
      await manager.insert(UserRole, { userId: user.id, role });
      console.log(`Created ${role === Role.ADMIN ? 'administrator' : 'auditor'} ${email} in "${org}".`);
    });
  });
});
