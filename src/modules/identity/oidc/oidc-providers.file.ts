import fs from 'node:fs';
import { Role } from '../identity.enums';

/** One identity provider as written in the file named by OIDC_PROVIDERS_FILE (docs/sign-in.md). */
export interface ProviderDefinition {
  slug: string;
  /** The organisation's name, exactly as in Samverkan: users signing in are created there. */
  organisation: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretFile: string | null;
  scopes: string[];
  rolesClaim: string;
  roleMapping: Record<string, Role[]>;
  requiredAcr: string[];
  requiredAmr: string[];
}

export class ProviderFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid OIDC providers file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProviderFileError';
  }
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether the issuer may be reached over plain HTTP: a loopback address outside production only. */
export function insecureIssuerAllowed(issuer: string, nodeEnv: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) && nodeEnv !== 'production';
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 200);

/**
 * Parses and checks the providers file. Every problem is reported, each naming the provider and the
 * field; no value is echoed (a misplaced secret must not reach the log).
 */
export function parseProviderFile(text: string, nodeEnv: string): ProviderDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderFileError(['the file is not valid JSON']);
  }
  const list = (json as { providers?: unknown } | null)?.providers;
  if (!Array.isArray(list)) throw new ProviderFileError(['expected an object with a "providers" array']);
  const problems: string[] = [];
  const slugs = new Set<string>();
  const result: ProviderDefinition[] = [];
  list.forEach((entry: Record<string, unknown>, index) => {
    const where = `providers[${index}]`;
    const problem = (field: string, message: string): void => void problems.push(`${where}.${field} ${message}`);
    const text = (field: string, required = true): string => {
      const value = entry?.[field];
      if (value === undefined && !required) return '';
      if (typeof value !== 'string' || value.trim() === '' || value.length > 2000)
        problem(field, 'must be a non-empty string');
      return typeof value === 'string' ? value.trim() : '';
    };
    const slug = text('slug');
    if (slug && !SLUG.test(slug)) problem('slug', 'must be lower-case letters, digits and hyphens (at most 40)');
    if (slugs.has(slug)) problem('slug', 'is used twice');
    slugs.add(slug);
    const issuer = text('issuer');
    if (issuer) {
      try {
        const url = new URL(issuer);
        if (url.protocol !== 'https:' && !insecureIssuerAllowed(issuer, nodeEnv))
          problem('issuer', 'must be an https URL (http only for a loopback address outside production)');
      } catch {
        problem('issuer', 'must be a URL');
      }
    }
    const scopes = entry?.scopes ?? ['openid', 'profile', 'email'];
    if (!strings(scopes) || !scopes.includes('openid'))
      problem('scopes', 'must be a list of strings including "openid"');
    const roleMapping = entry?.roleMapping;
    const mapping: Record<string, Role[]> = {};
    if (typeof roleMapping !== 'object' || roleMapping === null || Array.isArray(roleMapping))
      problem('roleMapping', 'must be an object from claim values to lists of roles');
    else {
      for (const [value, roles] of Object.entries(roleMapping)) {
        if (!strings(roles) || !roles.every((r) => (Object.values(Role) as string[]).includes(r))) {
          problem(
            'roleMapping',
            `maps a value to something other than a list of roles (${Object.values(Role).join(', ')})`,
          );
        } else mapping[value] = roles as Role[];
      }
    }
    const requiredAcr = entry?.requiredAcr ?? [];
    const requiredAmr = entry?.requiredAmr ?? [];
    if (!strings(requiredAcr) && !(Array.isArray(requiredAcr) && requiredAcr.length === 0))
      problem('requiredAcr', 'must be a list of strings');
    if (!strings(requiredAmr) && !(Array.isArray(requiredAmr) && requiredAmr.length === 0))
      problem('requiredAmr', 'must be a list of strings');
    if (
      Array.isArray(requiredAcr) &&
      Array.isArray(requiredAmr) &&
      requiredAcr.length === 0 &&
      requiredAmr.length === 0
    ) {
      problems.push(`${where} must require multi-factor authentication: requiredAcr or requiredAmr (e.g. ["mfa"])`);
    }
    const secretFile = entry?.clientSecretFile;
    if (secretFile !== undefined && (typeof secretFile !== 'string' || secretFile === ''))
      problem('clientSecretFile', 'must be a path');
    if ('clientSecret' in (entry ?? {}))
      problem('clientSecret', 'is not accepted: put the secret in a file and name it in clientSecretFile');
    result.push({
      slug,
      organisation: text('organisation'),
      displayName: text('displayName', false) || slug,
      issuer,
      clientId: text('clientId'),
      clientSecretFile: typeof secretFile === 'string' && secretFile !== '' ? secretFile : null,
      scopes: strings(scopes) ? scopes : [],
      rolesClaim: text('rolesClaim', false) || 'groups',
      roleMapping: mapping,
      requiredAcr: strings(requiredAcr) ? requiredAcr : [],
      requiredAmr: strings(requiredAmr) ? requiredAmr : [],
    });
  });
  if (problems.length > 0) throw new ProviderFileError(problems);
  return result;
}

export function readProviderFile(path: string, nodeEnv: string): ProviderDefinition[] {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    throw new ProviderFileError([`cannot read the file named by OIDC_PROVIDERS_FILE`]);
  }
  return parseProviderFile(text, nodeEnv);
}

/** The client secret, read from its file at use (so that a rotated secret is picked up on restart). */
export function readClientSecret(path: string | null): string | undefined {
  if (path === null) return undefined;
  return fs.readFileSync(path, 'utf8').trim();
}
