import { readFileSync } from 'node:fs';

/**
 * Every setting that holds a secret. Each may instead be given as `<NAME>_FILE`, the path of a file
 * holding the value (Docker and Kubernetes secrets): the file is read at start and one trailing
 * newline is trimmed. Setting both `<NAME>` and `<NAME>_FILE` is an error. A new secret setting is
 * added here and nowhere else.
 */
export const SECRET_SETTINGS: readonly string[] = [
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'SEED_PASSWORD',
  'METRICS_TOKEN',
  'INDICATOR_CELL_KEY_SECRET',
  'AUDIT_SEALER_DATABASE_URL',
  'SMTP_URL',
];

/**
 * The environment with every `<NAME>_FILE` of `names` replaced by `<NAME>` holding the file's content.
 * Problems are reported by name and path, never with the content.
 */
export function withSecretFiles(
  env: NodeJS.ProcessEnv,
  problems: string[],
  names: readonly string[] = SECRET_SETTINGS,
): NodeJS.ProcessEnv {
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      problems.push(`${name} and ${name}_FILE are both set; set only one of them`);
      continue;
    }
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problems.push(`${name}_FILE: cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}`);
      continue;
    }
    const value = content.replace(/\r?\n$/, '');
    if (value === '') {
      problems.push(`${name}_FILE: ${file} is empty`);
      continue;
    }
    resolved[name] = value;
    delete resolved[`${name}_FILE`];
  }
  return resolved;
}
