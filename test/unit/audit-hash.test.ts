import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditEventHash,
  AuditKeyring,
  canonicalAuditEncoding,
  preparedHmac,
  type CanonicalAuditContent,
} from '../../src/modules/audit/audit.hash';
import { AuditAction, AuditOutcome } from '../../src/modules/audit/audit.recorder';

const content: CanonicalAuditContent = {
  occurredAtMicros: 1_796_000_000_000_123n,
  requestId: '00000000-0000-0000-0000-000000000001',
  actorUserId: null,
  actorOrganisationId: null,
  actorRoles: ['AUDITOR'],
  sessionHash: null,
  clientAddress: '127.0.0.1',
  operationType: 'query',
  operationName: 'Åtkomst "citat" \\ \u2028',
  fields: ['Query.me'],
  action: AuditAction.READ,
  outcome: AuditOutcome.ALLOWED,
  errorCode: null,
  entityType: 'User',
  entityIds: ['a', 'b'],
  entityOrganisationIds: [],
  purpose: null,
};

describe('audit digests', () => {
  it('the prepared HMAC equals createHmac for short, block-sized and long keys and any text', () => {
    for (const size of [32, 64, 100]) {
      const secret = randomBytes(size);
      const mac = preparedHmac(secret);
      for (const message of ['', 'a', 'å'.repeat(1000), canonicalAuditEncoding(content, 'v2', 'k1')]) {
        expect(mac(message)).toBe(createHmac('sha256', secret).update(message, 'utf8').digest('hex'));
      }
    }
  });

  it('an event digest depends on the key: another key gives another digest, and the key id is bound', () => {
    const a = new AuditKeyring([randomBytes(32)]).current;
    const b = new AuditKeyring([randomBytes(32)]).current;
    expect(auditEventHash(content, a)).not.toBe(auditEventHash(content, b));
    expect(a.id).not.toBe(b.id);
    expect(canonicalAuditEncoding(content, 'v2', a.id)).toContain(a.id);
  });

  it('re-encoding the parsed canonical array gives the same text (what verification relies on)', () => {
    const encoded = canonicalAuditEncoding(content, 'v2', 'k1');
    const fields = (JSON.parse(encoded) as unknown[]).slice(2);
    expect(JSON.stringify(['v2', 'k1', ...fields])).toBe(encoded);
  });
});
