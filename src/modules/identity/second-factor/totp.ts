import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

/** RFC 6238 as every authenticator app reads an otpauth:// URI: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of one step before and after now are accepted (clock drift). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Samverkan';
/** 32 characters (5 bits each, no bias), without i, l, o and 0. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz123456789';

function totpFor(secretBase32: string, label = ''): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A new shared secret: 160 random bits (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (as a QR code or pasted). Holds the secret: shown once. */
export function otpauthUri(secretBase32: string, accountName: string): string {
  return totpFor(secretBase32, accountName).toString();
}

/** The code of the step containing `timestampMs` (tests and the console's demo only). */
export function totpCode(secretBase32: string, timestampMs: number): string {
  return totpFor(secretBase32).generate({ timestamp: timestampMs });
}

/**
 * The time step whose code `code` is, within ±TOTP_WINDOW steps of `nowMs`, or null. The caller
 * accepts it only when the step is later than the last one accepted (no replay).
 */
export function matchingStep(secretBase32: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return null;
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/**
 * Encrypts TOTP secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256, its own label) from
 * the installation's cell-key secret, so that a copy of the database alone does not give the secrets.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterSecret: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'samverkan', 'totp-secret-encryption/v1', 32));
  }

  seal(plain: string, userId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  open(sealed: string, userId: string): string {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }
}

/** Ten recovery codes of 16 characters (80 bits) each, shown as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** A recovery code as typed: case, spaces and hyphens do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');
}
