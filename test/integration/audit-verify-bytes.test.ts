import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftDigest } from '../../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../../src/modules/audit/audit.recorder';
import { verifyAuditLog } from '../../src/modules/audit/audit.verify';
import { SegmentWalker } from '../../src/modules/audit/audit.verify-walk';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Verification assembles each event's canonical encoding from PostgreSQL's binary COPY bytes. Text
 * that JSON must escape (quotes, backslashes, control characters), text beyond ASCII, nulls inside
 * arrays and empty arrays must give the writer's bytes on that fast path, not only on the re-check.
 */
describe('audit verify over bytes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ seed: false, runSealer: false });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('an event with text JSON must escape verifies on the fast path', async () => {
    const draft: AuditEventDraft = {
      occurredAt: new Date(Date.now() - 1234),
      requestId: randomUUID(),
      actorUserId: null,
      actorOrganisationId: null,
      actorRoles: [],
      sessionHash: null,
      clientAddress: '10.0.0.9',
      operationType: 'query',
      operationName: 'Q"\\\n\t\u0001\u001f åäö 😀',
      fields: ['Query."me"', 'a\\b', ''],
      action: AuditAction.READ,
      outcome: AuditOutcome.DENIED,
      errorCode: 'E\r',
      entityType: null,
      entityIds: ['x', null as unknown as string, 'ÿ'],
      entityOrganisationIds: [],
      purpose: 'syfte: "kontroll" \\ ✓',
    };
    const { hash, keyId } = draftDigest(draft);
    await server.sql(
      `INSERT INTO audit_event (occurred_at, request_id, actor_roles, client_address, operation_type, operation_name, fields,
         action, outcome, error_code, entity_ids, entity_organisation_ids, purpose, hash, key_id)
       VALUES ($1, $2, '{}', $3, $4, $5, $6, $7, $8, $9, $10, '{}', $11, $12, $13)`,
      [
        draft.occurredAt.toISOString(),
        draft.requestId,
        draft.clientAddress,
        draft.operationType,
        draft.operationName,
        draft.fields,
        draft.action,
        draft.outcome,
        draft.errorCode,
        draft.entityIds,
        draft.purpose,
        hash,
        keyId,
      ],
    );
    while ((await server.runtime.sealer.sealOnce()) > 0) {
      // next batch
    }
    // The slow path (PostgreSQL's JSON, decoded and encoded again) must not be needed.
    const recheck = vi.spyOn(SegmentWalker.prototype as unknown as { checkEvent: () => void }, 'checkEvent');
    try {
      const result = await verifyAuditLog(server.runtime.dataSource.manager);
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.checkedEvents).toBeGreaterThanOrEqual(1);
      expect(recheck).not.toHaveBeenCalled();
    } finally {
      recheck.mockRestore();
    }
  });
});
