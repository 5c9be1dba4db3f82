import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../../config/config';
import { AuditKeyring } from './audit.hash';

/** Where development keeps its generated key: beside the embedded database, readable by the owner only. */
export const DEVELOPMENT_KEY_FILE = 'audit-hmac.key';
/** Where development appends checkpoint digests when AUDIT_ANCHOR_FILE is unset. */
export const DEVELOPMENT_ANCHOR_FILE = 'audit-anchors.jsonl';
const MIN_KEY_BYTES = 32;

/** Keys in hex (at least 32 bytes each), separated by commas or line breaks; `#` starts a comment line. */
export function parseAuditKeys(text: string, source: string): Buffer[] {
  const entries = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  if (entries.length === 0) throw new ConfigError([`${source} holds no key`]);
  return entries.map((entry, i) => {
    if (!/^[0-9a-fA-F]+$/.test(entry) || entry.length % 2 !== 0 || entry.length < MIN_KEY_BYTES * 2) {
      // Never echo the value: it is a secret.
      throw new ConfigError([
        `${source}: key ${i + 1} must be at least ${MIN_KEY_BYTES} bytes written as hex (${MIN_KEY_BYTES * 2}+ hex digits)`,
      ]);
    }
    return Buffer.from(entry, 'hex');
  });
}

/**
 * The audit keyring from AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE. Without either, production refuses to
 * start; development and tests generate a key once and keep it beside the embedded data (mode 0600),
 * so that a restart verifies what an earlier run wrote.
 */
export function loadAuditKeyring(config: Config): { keyring: AuditKeyring; source: string } {
  if (config.auditHmacKey)
    return {
      keyring: new AuditKeyring(parseAuditKeys(config.auditHmacKey, 'AUDIT_HMAC_KEY')),
      source: 'AUDIT_HMAC_KEY',
    };
  if (config.auditHmacKeyFile) {
    let text: string;
    try {
      text = fs.readFileSync(config.auditHmacKeyFile, 'utf8');
    } catch {
      throw new ConfigError([`AUDIT_HMAC_KEY_FILE cannot be read (${config.auditHmacKeyFile})`]);
    }
    return { keyring: new AuditKeyring(parseAuditKeys(text, 'AUDIT_HMAC_KEY_FILE')), source: 'AUDIT_HMAC_KEY_FILE' };
  }
  if (config.nodeEnv === 'production') {
    throw new ConfigError([
      'AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE is required with NODE_ENV=production (a key the database does not hold)',
    ]);
  }
  const file = path.join(config.embeddedDataDir, DEVELOPMENT_KEY_FILE);
  fs.mkdirSync(config.embeddedDataDir, { recursive: true });
  try {
    // 'wx': two processes starting at once never overwrite each other's key.
    fs.writeFileSync(file, `${randomBytes(MIN_KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { keyring: new AuditKeyring(parseAuditKeys(fs.readFileSync(file, 'utf8'), file)), source: file };
}

/** The anchor file: AUDIT_ANCHOR_FILE, else beside the embedded data outside production, else none. */
export function anchorFilePath(config: Config): string | undefined {
  if (config.auditAnchorFile) return config.auditAnchorFile;
  if (config.nodeEnv === 'production') return undefined;
  return path.join(config.embeddedDataDir, DEVELOPMENT_ANCHOR_FILE);
}
