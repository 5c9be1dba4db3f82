import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * The storage of the OpenID Provider (`oidc-provider`) that stands in for an organisation's identity
 * provider, in this process's memory: interactions, sessions, grants, codes and tokens of one
 * provider instance, gone when the process ends. That is right for both users of `opConfiguration`:
 * the test suite's provider lives for one test file, and the demo provider (`npm start` in
 * development only) needs nothing to survive a restart, since Samverkan's own sessions are in
 * PostgreSQL and a person signs in at the demo provider again in a second. A table of its own would
 * be a migration for a development tool that production never installs.
 *
 * Our own adapter, rather than the library's built-in one, because the library warns on every start
 * that its quick-start adapter is development-only; this one is the same thing, declared as such.
 * The stores are small (one client, a handful of people), so the lookups by uid, user code and grant
 * scan the entries instead of keeping secondary indexes.
 */

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds after which the entry is gone; undefined: no expiry. */
  expiresAt: number | undefined;
}

/** The adapter factory for one provider instance: every model's entries in one map of its own. */
export function opMemoryAdapter(): AdapterFactory {
  const entries = new Map<string, Entry>();
  return (model) => new OpMemoryAdapter(model, entries);
}

class OpMemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  /** The live payload under `key`; an expired entry is removed on the way. */
  private live(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  /** The first live payload of this model that matches. */
  private findWhere(matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const prefix = `${this.model}:`;
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(prefix) || !matches(entry.payload)) continue;
      const payload = this.live(key);
      if (payload) return payload;
    }
    return undefined;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const now = Date.now();
    // Expired entries of every model go on each write, so the demo's long-running process stays small.
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
    }
    const expiresAt = typeof expiresIn === 'number' ? now + expiresIn * 1000 : undefined;
    this.entries.set(this.key(id), { payload, expiresAt });
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.live(this.key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.findWhere((payload) => payload.uid === uid));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.findWhere((payload) => payload.userCode === userCode));
  }

  consume(id: string): Promise<void> {
    const payload = this.live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.entries.delete(this.key(id));
    return Promise.resolve();
  }

  /** Every entry of the grant, whatever its model (codes, tokens): a revoked grant leaves nothing usable. */
  revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, entry] of this.entries) {
      if (entry.payload.grantId === grantId) this.entries.delete(key);
    }
    return Promise.resolve();
  }
}
