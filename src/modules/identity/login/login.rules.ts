import { createHash } from 'node:crypto';

/** Throttling: back-off starts after this many failures within the hour... */
export const BACKOFF_AFTER_FAILURES = { account: 5, address: 20, device: 5, secondFactor: 5 } as const;
/** ...doubling from 1 s up to this cap... */
export const MAX_BACKOFF_SECONDS = 15 * 60;
/** ...and the key locks until its hour window ends at this many failures. */
export const LOCK_AT_FAILURES = { account: 100, address: 1000, device: 100, secondFactor: 100 } as const;

/** The one answer to every failed login, whatever the cause. */
export const LOGIN_FAILED_MESSAGE = 'Invalid email or password';
export const LOCAL_LOGIN_DISABLED_MESSAGE =
  "Password login is disabled; sign in through your organisation's identity provider";
export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  'The password was set by an administrator: set your own with changePassword before logging in';
export const LOGIN_THROTTLED_MESSAGE = 'Too many failed login attempts; try again later';
export const SECOND_FACTOR_REQUIRED_MESSAGE =
  'A second factor is required: call loginWithSecondFactor with the challenge and a code';
export const SECOND_FACTOR_ENROLMENT_MESSAGE =
  'This account must enrol a second factor: call enrolSecondFactor and confirmSecondFactor with the challenge';
export const CHALLENGE_INVALID_MESSAGE = 'The sign-in has expired or was already used; log in again';
export const CODE_INVALID_MESSAGE = 'Invalid code';

/** `extensions.reason` of the login answers that continue with a challenge. */
export enum LoginReason {
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  SECOND_FACTOR_ENROLMENT_REQUIRED = 'SECOND_FACTOR_ENROLMENT_REQUIRED',
}

/** A challenge lives this long and allows this many codes. */
export const CHALLENGE_LIFETIME_SECONDS = 5 * 60;
export const CHALLENGE_ATTEMPTS = 5;
/** A known device stays known this long after the login that made it known. */
export const DEVICE_LIFETIME_SECONDS = 90 * 24 * 3600;

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');
export const tokenHash = sha256Hex;
export const accountKey = (email: string): string => `account:${sha256Hex(email.trim().toLowerCase())}`;
export const addressKey = (address: string): string => `address:${address}`;
export const deviceKey = (deviceTokenHash: string): string => `device:${deviceTokenHash}`;
export const secondFactorKey = (userId: string): string => `second-factor:${userId}`;

/** The wait after `failures` failures; `IdentityRepository.claimAttempt` applies the same rule in SQL. */
export function backoffSeconds(failures: number, after: number): number {
  if (failures < after) return 0;
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** (failures - after));
}
