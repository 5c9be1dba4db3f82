import { describe, expect, it } from 'vitest';
import {
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  SecretBox,
  totpCode,
} from '../../src/modules/identity/second-factor/totp';

/** RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (ASCII), in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** RFC 6238 appendix B, SHA-1 column: time (s) → 8-digit TOTP. Six digits are the last six (mod 10^6). */
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('computes the test vectors of RFC 6238 appendix B (SHA-1, six digits)', () => {
    expect(Buffer.from('12345678901234567890', 'ascii').length).toBe(20);
    for (const [seconds, eight] of RFC_VECTORS) {
      expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eight.slice(2));
    }
  });

  it('matches a code to its 30-second step, one step of drift either way, and no further', () => {
    for (const [seconds, eight] of RFC_VECTORS) {
      const step = Math.floor(seconds / 30);
      const code = eight.slice(2);
      expect(matchingStep(RFC_SECRET, code, seconds * 1000)).toBe(step);
      expect(matchingStep(RFC_SECRET, code, (seconds + 30) * 1000)).toBe(step);
      expect(matchingStep(RFC_SECRET, code, (seconds - 30) * 1000)).toBe(step);
      expect(matchingStep(RFC_SECRET, code, (seconds + 90) * 1000)).toBeNull();
    }
    expect(matchingStep(RFC_SECRET, '12345', 59_000)).toBeNull();
    expect(matchingStep(RFC_SECRET, '2870822', 59_000)).toBeNull();
    expect(matchingStep(RFC_SECRET, 'abcdef', 59_000)).toBeNull();
  });

  it('generates 160-bit secrets and an otpauth URI an authenticator app reads', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    const uri = new URL(otpauthUri(a, 'admin@danderyd.example'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(a);
    expect(uri.searchParams.get('issuer')).toBe('Samverkan');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
  });

  it('encrypts secrets at rest, bound to the user, and refuses a wrong key or user', () => {
    const box = new SecretBox(Buffer.from('x'.repeat(40)));
    const sealed = box.seal(RFC_SECRET, 'user-1');
    expect(sealed).not.toContain(RFC_SECRET);
    expect(box.seal(RFC_SECRET, 'user-1')).not.toBe(sealed);
    expect(box.open(sealed, 'user-1')).toBe(RFC_SECRET);
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => new SecretBox(Buffer.from('y'.repeat(40))).open(sealed, 'user-1')).toThrow();
  });

  it('makes ten distinct recovery codes of 80 bits, hashed however they are typed', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z1-9]{4}-[a-z1-9]{4}-[a-z1-9]{4}-[a-z1-9]{4}$/);
    expect(recoveryCodeHash(` ${codes[0].toUpperCase().replace(/-/g, ' ')} `)).toBe(recoveryCodeHash(codes[0]));
    expect(recoveryCodeHash(codes[0])).not.toBe(recoveryCodeHash(codes[1]));
  });
});
