import { afterEach, describe, expect, it, vi } from 'vitest';
import { opMemoryAdapter } from '../../src/modules/identity/oidc/op-memory-adapter';

describe('the stand-in OpenID Providers keep their state in memory (op-memory-adapter.ts)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('finds what it stored by id, uid and user code, per model', async () => {
    const adapter = opMemoryAdapter();
    await adapter('Session').upsert('s1', { uid: 'u1', accountId: 'a' }, 60);
    await adapter('DeviceCode').upsert('d1', { userCode: 'ABCD' }, 60);
    expect(await adapter('Session').find('s1')).toEqual({ uid: 'u1', accountId: 'a' });
    expect(await adapter('Session').findByUid('u1')).toEqual({ uid: 'u1', accountId: 'a' });
    expect(await adapter('DeviceCode').findByUserCode('ABCD')).toEqual({ userCode: 'ABCD' });
    expect(await adapter('AccessToken').find('s1')).toBeUndefined();
    expect(await adapter('Interaction').findByUid('u1')).toBeUndefined();
    // Each call to opMemoryAdapter is a provider of its own.
    expect(await opMemoryAdapter()('Session').find('s1')).toBeUndefined();
  });

  it('forgets an entry when it expires, and what is destroyed', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    const adapter = opMemoryAdapter();
    await adapter('Interaction').upsert('i1', { uid: 'x' }, 600);
    await adapter('Grant').upsert('g1', { accountId: 'a' });
    await adapter('Grant').upsert('g2', { accountId: 'b' });
    vi.setSystemTime(new Date('2026-12-02T10:09:59Z'));
    expect(await adapter('Interaction').find('i1')).toEqual({ uid: 'x' });
    vi.setSystemTime(new Date('2026-12-02T10:10:00Z'));
    expect(await adapter('Interaction').find('i1')).toBeUndefined();
    expect(await adapter('Grant').find('g1')).toEqual({ accountId: 'a' });
    await adapter('Grant').destroy('g1');
    expect(await adapter('Grant').find('g1')).toBeUndefined();
    expect(await adapter('Grant').find('g2')).toEqual({ accountId: 'b' });
  });

  it('marks a code consumed, and revoking a grant removes its codes and tokens of every model', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') });
    const adapter = opMemoryAdapter();
    await adapter('AuthorizationCode').upsert('c1', { grantId: 'g1' }, 60);
    await adapter('AccessToken').upsert('t1', { grantId: 'g1' }, 600);
    await adapter('AccessToken').upsert('t2', { grantId: 'g2' }, 600);
    await adapter('AuthorizationCode').consume('c1');
    expect(await adapter('AuthorizationCode').find('c1')).toEqual({ grantId: 'g1', consumed: 1796205600 });
    await adapter('AccessToken').revokeByGrantId('g1');
    expect(await adapter('AuthorizationCode').find('c1')).toBeUndefined();
    expect(await adapter('AccessToken').find('t1')).toBeUndefined();
    expect(await adapter('AccessToken').find('t2')).toEqual({ grantId: 'g2' });
  });
});
