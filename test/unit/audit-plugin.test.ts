import type { GraphQLRequestContext } from '@apollo/server';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/config/logger';
import { auditPlugin } from '../../src/graphql/audit.plugin';
import type { RequestContext } from '../../src/graphql/context';
import { Metrics } from '../../src/graphql/metrics';
import { AuditRecorder, type AuditEventDraft } from '../../src/modules/audit/audit.recorder';

/**
 * When a hook of some plugin throws, Apollo answers 500 without calling willSendResponse. The
 * audit plugin still records the request and rolls back a transaction the request opened.
 */
describe('audit plugin: requests that fail unexpectedly', () => {
  function fakeContext(writeFails = false) {
    const written: AuditEventDraft[][] = [];
    const ctx = {
      audit: new AuditRecorder('7c1f0a4e-0000-4000-8000-000000000001', '127.0.0.1'),
      principal: undefined,
      finish: vi.fn(async () => undefined),
      services: {
        audit: {
          write: vi.fn(async (drafts: AuditEventDraft[]) => {
            if (writeFails) throw new Error('audit store down');
            written.push(drafts);
          }),
        },
      },
    };
    return { ctx, written };
  }

  const plugin = auditPlugin(createLogger('silent'), new Metrics(() => undefined));

  it('writes an ERROR event and rolls back', async () => {
    const { ctx, written } = fakeContext();
    await plugin.unexpectedErrorProcessingRequest!({
      requestContext: {
        contextValue: ctx as unknown as RequestContext,
        operationName: 'Broken',
      } as unknown as GraphQLRequestContext<RequestContext>,
      error: new Error('a plugin hook threw'),
    });
    expect(ctx.finish).toHaveBeenCalledWith(false);
    expect(written).toHaveLength(1);
    expect(written[0][0]).toMatchObject({
      operationType: 'invalid',
      operationName: 'Broken',
      outcome: 'ERROR',
      errorCode: 'INTERNAL_SERVER_ERROR',
    });
  });

  it('does not throw when the audit write fails as well (the response carries no data anyway)', async () => {
    const { ctx } = fakeContext(true);
    await expect(
      plugin.unexpectedErrorProcessingRequest!({
        requestContext: {
          contextValue: ctx as unknown as RequestContext,
        } as unknown as GraphQLRequestContext<RequestContext>,
        error: new Error('boom'),
      }),
    ).resolves.toBeUndefined();
  });
});
