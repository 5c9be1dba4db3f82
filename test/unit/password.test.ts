import { describe, expect, it } from 'vitest';
import { isCommonPassword, LEAKED_PASSWORDS } from '../../src/modules/identity/common-passwords';
import {
  BACKOFF_AFTER_FAILURES,
  backoffSeconds,
  LOCK_AT_FAILURES,
  MAX_BACKOFF_SECONDS,
} from '../../src/modules/identity/identity.service';
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from '../../src/modules/identity/password';

/** Parses `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (the PHC string format). */
function parseArgon2(encoded: string): {
  variant: string;
  version: number;
  m: number;
  t: number;
  p: number;
  salt: string;
  hash: string;
} {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
    encoded,
  );
  if (!match) throw new Error(`not an argon2 PHC string: ${encoded}`);
  return {
    variant: match[1],
    version: Number(match[2]),
    m: Number(match[3]),
    t: Number(match[4]),
    p: Number(match[5]),
    salt: match[6],
    hash: match[7],
  };
}

describe('passwordProblem', () => {
  it.each([
    'password12345!',
    'Password12345',
    'PASSWORD123456',
    'qwertyuiop123',
    'Sommar2026!!!',
    'lösenord12345',
    'Lösenord2026!',
    '!!Welcome2026!!',
    'samverkan-demo-2026',
    'P@ssw0rd123456',
    '123456789012',
    '1234567890123',
    'aaaaaaaaaaaaaa',
    '000000000000000',
  ])('refuses the common password %s', (candidate) => {
    expect(candidate.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(isCommonPassword(candidate)).toBe(true);
    expect(passwordProblem(candidate)).toMatch(/too common/);
  });

  it('refuses passwords shorter than 12 characters, counting characters rather than bytes', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem('Xk9#mQ2$vL7')).toBe('must be at least 12 characters'); // 11
    expect(passwordProblem('')).toBe('must be at least 12 characters');
    // 11 characters, but more than 12 UTF-16 code units / UTF-8 bytes.
    expect(passwordProblem('åäöÅÄÖ🙂🙂ab1')).toBe('must be at least 12 characters');
  });

  it('refuses absurdly long passwords', () => {
    expect(passwordProblem('Xk9#mQ2$vL7p'.repeat(30))).toMatch(/at most/);
  });

  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('Xk9#mQ2$vL7p')).toBeNull(); // exactly 12
    expect(passwordProblem('korrekt häst batteri häftklammer')).toBeNull();
    expect(isCommonPassword('korrekt häst batteri häftklammer')).toBe(false);
  });

  it('never includes the password in its answer', () => {
    for (const candidate of ['password12345!', 'short', 'Xk9#mQ2$vL7p'.repeat(30)]) {
      expect(passwordProblem(candidate) ?? '').not.toContain(candidate);
    }
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at no less than m=19456 KiB, t=2, p=1, with a fresh salt each time', async () => {
    const password = 'korrekt häst batteri häftklammer';
    const first = await hashPassword(password);
    const second = await hashPassword(password);
    const parsed = parseArgon2(first);
    expect(parsed.variant).toBe('argon2id');
    expect(parsed.version).toBe(19);
    expect(parsed.m).toBeGreaterThanOrEqual(19_456);
    expect(parsed.t).toBeGreaterThanOrEqual(2);
    expect(parsed.p).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(parsed.salt, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(first).not.toContain(password);
    expect(second).not.toBe(first);
    expect(parseArgon2(second).salt).not.toBe(parsed.salt);
  });

  it('verifies the right password and rejects a wrong one or a malformed hash', async () => {
    const hash = await hashPassword('korrekt häst batteri');
    expect(await verifyPassword(hash, 'korrekt häst batteri')).toBe(true);
    expect(await verifyPassword(hash, 'korrekt häst batteri ')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'korrekt häst batteri')).toBe(false);
  });
});

describe('login back-off', () => {
  it('waits nothing before the threshold, then doubles from 1 s up to the cap', () => {
    const after = BACKOFF_AFTER_FAILURES.account;
    expect(after).toBe(5);
    expect(backoffSeconds(0, after)).toBe(0);
    expect(backoffSeconds(after - 1, after)).toBe(0);
    expect(backoffSeconds(after, after)).toBe(1);
    expect(backoffSeconds(after + 1, after)).toBe(2);
    expect(backoffSeconds(after + 2, after)).toBe(4);
    expect(backoffSeconds(after + 9, after)).toBe(512);
    expect(backoffSeconds(after + 10, after)).toBe(MAX_BACKOFF_SECONDS);
    expect(backoffSeconds(LOCK_AT_FAILURES.account, after)).toBe(MAX_BACKOFF_SECONDS);
    expect(MAX_BACKOFF_SECONDS).toBe(900);
  });

  it('locks an account at no more than 100 failures per hour, and an address later than an account', () => {
    expect(LOCK_AT_FAILURES.account).toBeLessThanOrEqual(100);
    expect(LOCK_AT_FAILURES.address).toBeGreaterThan(LOCK_AT_FAILURES.account);
    expect(BACKOFF_AFTER_FAILURES.address).toBeGreaterThan(BACKOFF_AFTER_FAILURES.account);
  });
});

describe('the common-password list (zxcvbn-ts, from npm)', () => {
  it('has at least 10,000 entries, and refuses long ones from it and their stems', () => {
    expect(LEAKED_PASSWORDS.length).toBeGreaterThanOrEqual(10_000);
    const long = LEAKED_PASSWORDS.filter((p) => p.length >= MIN_PASSWORD_LENGTH);
    expect(long.length).toBeGreaterThan(100);
    for (const p of long) expect(passwordProblem(p), p).toMatch(/too common/);
    // Entries of the big list that the hand-written one never had, with digits and symbols appended.
    for (const p of ['liverpool2026!!', 'butterfly12345', 'starwars!!2026'])
      expect(passwordProblem(p), p).toMatch(/too common/);
    expect(passwordProblem('kanelbulle-fika-trappa-7')).toBeNull();
  });
});
