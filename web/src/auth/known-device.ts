/**
 * The known-device token the API answers at a successful login (`Session.deviceToken`), kept in this
 * browser per account and sent with the next login of that account: a correct password from this
 * device then passes even while someone else's guesses hold the account back (docs/sign-in.md).
 * It is no credential (it opens nothing without the password). Stored under a SHA-256 of the e-mail
 * address, so the browser's storage does not list who signed in here.
 */
const KEY = 'samverkan.knownDevices';
const MAX_ACCOUNTS = 10;

type Stored = Record<string, string>;

async function accountKey(email: string): Promise<string | undefined> {
  // crypto.subtle exists in secure contexts only (https, localhost): elsewhere nothing is kept.
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.trim().toLowerCase()));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function read(): Stored {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return value && typeof value === 'object' ? (value as Stored) : {};
  } catch {
    return {};
  }
}

export async function knownDeviceToken(email: string): Promise<string | null> {
  const key = await accountKey(email);
  return (key && read()[key]) || null;
}

/** Keeps a new token (null: the one presented is still valid, nothing changes). */
export async function rememberDevice(email: string, token: string | null | undefined): Promise<void> {
  const key = await accountKey(email);
  if (!key || !token) return;
  const stored = read();
  delete stored[key];
  const entries = [...Object.entries(stored), [key, token] as const].slice(-MAX_ACCOUNTS);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or refused: the login still works, only without the known-device key.
  }
}
