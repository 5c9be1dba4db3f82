import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseProvisioningFile, ProvisioningFileError } from '../modules/provisioning/provisioning.file';
import { passwordsFor, planProvisioning } from '../modules/provisioning/provisioning.service';
import { runCli, withDatabase } from './cli-support';

const USAGE = `usage: npm run provision -- <file.yaml> [--dry-run] [--password-stdin]
       node dist/src/cli/provision.js <file.yaml> [--dry-run] [--password-stdin]
  Applies organisations, areas, places, partnerships, commitments and first administrators described
  in the file (YAML or JSON), in one transaction. Running it again changes nothing.
  --dry-run          print the plan; write nothing
  --password-stdin   read the new administrators' passwords from standard input, one "<email> <password>"
                     a line (or just the password when the file creates one administrator); without it,
                     a one-time password is generated for each new administrator and printed once`;

/** Reads `<email> <password>` lines (or one bare password) from standard input. */
async function readPasswords(): Promise<{ byEmail: Map<string, string>; bare: string | undefined }> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
  const byEmail = new Map<string, string>();
  if (lines.length === 1 && !/\s/.test(lines[0].trim())) return { byEmail, bare: lines[0].trim() };
  for (const line of lines) {
    const match = /^\s*(\S+@\S+)\s+(.+?)\s*$/.exec(line);
    if (!match) throw new Error('standard input: each line must be "<email> <password>"');
    byEmail.set(match[1].toLowerCase(), match[2]);
  }
  return { byEmail, bare: undefined };
}

runCli(async () => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && a !== '--password-stdin');
  if (!file || unknown.length > 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const dryRun = args.includes('--dry-run');
  const shown = path.relative(process.cwd(), path.resolve(file)) || file;
  let parsed;
  try {
    parsed = parseProvisioningFile(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof ProvisioningFileError) fail(shown, error);
    throw error;
  }
  const stdin = args.includes('--password-stdin')
    ? await readPasswords()
    : { byEmail: new Map<string, string>(), bare: undefined };

  const outcome = await withDatabase((ds) =>
    ds.transaction(async (manager) => {
      const plan = await planProvisioning(manager, parsed, path.basename(file));
      for (const c of plan.changes) console.log(`  ${c.kind} ${c.text}`);
      if (dryRun || plan.changes.length === 0) return { plan, generated: new Map<string, string>(), applied: false };
      const given = new Map(stdin.byEmail);
      if (stdin.bare !== undefined) {
        if (plan.newAdmins.length !== 1)
          throw new Error(
            `standard input holds one password, but the file creates ${plan.newAdmins.length} administrators: give "<email> <password>" lines`,
          );
        given.set(plan.newAdmins[0].admin.email, stdin.bare);
      }
      const { passwords, generated } = passwordsFor(plan.newAdmins, given);
      await plan.apply(passwords);
      return { plan, generated, applied: true };
    }),
  ).catch((error: unknown) => {
    if (error instanceof ProvisioningFileError) fail(shown, error);
    throw error;
  });

  const n = outcome.plan.changes.length;
  if (n === 0) console.log(`No changes: the database already matches ${shown}.`);
  else if (!outcome.applied) console.log(`Dry run: ${n} change(s) planned from ${shown}; nothing was written.`);
  else {
    console.log(`Applied ${n} change(s) from ${shown} in one transaction.`);
    if (outcome.generated.size > 0) {
      // Shown once, here, and stored nowhere but as an argon2 hash: hand each to its administrator.
      console.log('One-time passwords of the new administrators (shown only now):');
      for (const [email, password] of outcome.generated) console.log(`  ${email}  ${password}`);
    }
  }
});

function fail(file: string, error: ProvisioningFileError): never {
  for (const p of error.problems)
    console.error(`${file}${p.line !== null ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
  console.error(`${error.problems.length} problem(s); nothing was written.`);
  process.exit(1);
}
