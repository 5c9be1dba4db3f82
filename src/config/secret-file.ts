import fs from 'node:fs';

/**
 * The value of `name`, or the contents of the file that `${name}_FILE` names (Docker and
 * Kubernetes secrets are mounted as files), with one trailing newline removed. Setting both is a
 * mistake and reported; so is an unreadable file. A problem names the variable and the file's
 * path, never its contents.
 */
export function fromEnvOrFile(env: NodeJS.ProcessEnv, name: string, problems: string[]): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (file === undefined || file === '') return direct === '' ? undefined : direct;
  if (direct !== undefined && direct !== '') {
    problems.push(`${name} and ${name}_FILE are both set; set only one`);
    return undefined;
  }
  try {
    const value = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    return value === '' ? undefined : value;
  } catch (error) {
    problems.push(`${name}_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}: ${file})`);
    return undefined;
  }
}
