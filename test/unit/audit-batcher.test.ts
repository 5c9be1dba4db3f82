import { describe, expect, it } from 'vitest';
import { AuditBatcher } from '../../src/modules/audit/audit.batcher';
import type { AuditEventDraft } from '../../src/modules/audit/audit.recorder';

/** Drafts told apart by requestId; nothing else of them matters to the batcher. */
const drafts = (id: string, n = 1): AuditEventDraft[] =>
  Array.from({ length: n }, () => ({ requestId: id }) as AuditEventDraft);

/** An insert whose calls wait until released, recording what each call wrote. */
function controlledInsert(fail: (ids: string[]) => boolean = () => false) {
  const calls: string[][] = [];
  const waiting: (() => void)[] = [];
  const insert = (batch: readonly AuditEventDraft[]): Promise<void> => {
    const ids = batch.map((d) => d.requestId);
    calls.push(ids);
    return new Promise<void>((resolve, reject) =>
      waiting.push(() => (fail(ids) ? reject(new Error('insert failed')) : resolve())),
    );
  };
  const releaseAll = async (): Promise<void> => {
    while (waiting.length > 0) {
      waiting.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { insert, calls, releaseAll };
}

describe('AuditBatcher', () => {
  it('writes at once while a slot is free, and coalesces the writes that arrive while all slots are busy', async () => {
    const db = controlledInsert();
    const batcher = new AuditBatcher(db.insert, { concurrency: 2, maxEvents: 32 });
    const settled: string[] = [];
    const writes = ['a', 'b', 'c', 'd', 'e'].map((id) => batcher.write(drafts(id)).then(() => settled.push(id)));
    expect(db.calls).toEqual([['a'], ['b']]);
    await db.releaseAll();
    await Promise.all(writes);
    expect(db.calls).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    expect(settled.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('resolves no write before its own INSERT has finished', async () => {
    const db = controlledInsert();
    const batcher = new AuditBatcher(db.insert, { concurrency: 1, maxEvents: 32 });
    let done = false;
    void batcher.write(drafts('a'));
    const second = batcher.write(drafts('b')).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    await db.releaseAll();
    await second;
    expect(done).toBe(true);
  });

  it('keeps a batch within maxEvents and writes an oversized request alone, in arrival order', async () => {
    const db = controlledInsert();
    const batcher = new AuditBatcher(db.insert, { concurrency: 1, maxEvents: 4 });
    const writes = [
      batcher.write(drafts('first')),
      batcher.write(drafts('x', 3)),
      batcher.write(drafts('y', 2)),
      batcher.write(drafts('big', 9)),
      batcher.write(drafts('z')),
    ];
    await db.releaseAll();
    await Promise.all(writes);
    expect(db.calls).toEqual([['first'], ['x', 'x', 'x'], ['y', 'y'], Array(9).fill('big'), ['z']]);
  });

  it('when a batch fails, retries each write alone so that only the bad one fails', async () => {
    const db = controlledInsert((ids) => ids.includes('bad'));
    const batcher = new AuditBatcher(db.insert, { concurrency: 1, maxEvents: 32 });
    const outcome = (p: Promise<void>): Promise<string> =>
      p.then(
        () => 'ok',
        (e: Error) => e.message,
      );
    const results = Promise.all(['a', 'b', 'bad', 'c'].map((id) => outcome(batcher.write(drafts(id)))));
    await db.releaseAll();
    expect(await results).toEqual(['ok', 'ok', 'insert failed', 'ok']);
    expect(db.calls).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('fails every write when every insert fails (nothing is answered as written)', async () => {
    const db = controlledInsert(() => true);
    const batcher = new AuditBatcher(db.insert, { concurrency: 2, maxEvents: 32 });
    const results = Promise.allSettled(['a', 'b', 'c', 'd'].map((id) => batcher.write(drafts(id))));
    await db.releaseAll();
    expect((await results).map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
  });

  it('writes nothing for no events and refuses a zero concurrency', async () => {
    const db = controlledInsert();
    await new AuditBatcher(db.insert, { concurrency: 1, maxEvents: 1 }).write([]);
    expect(db.calls).toEqual([]);
    expect(() => new AuditBatcher(db.insert, { concurrency: 0, maxEvents: 1 })).toThrow();
  });
});
