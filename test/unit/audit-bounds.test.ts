import { describe, expect, it } from 'vitest';
import { AUDIT_FIELD_BOUNDS, boundedPurpose, TRUNCATION_MARKER, truncated } from '../../src/modules/audit/audit.bounds';
import { AuditAction, AuditOutcome, AuditRecorder } from '../../src/modules/audit/audit.recorder';

const draftsOf = (recorder: AuditRecorder, operationName: string | null = 'Q', errorCode: string | null = null) =>
  recorder.drafts({
    principal: undefined,
    operationType: 'query',
    operationName,
    outcome: AuditOutcome.ALLOWED,
    errorCode,
    defaultAction: AuditAction.READ,
  });

describe('audit field bounds', () => {
  it('keeps values within their bound unchanged', () => {
    expect(truncated('abc', 10)).toBe('abc');
    expect(truncated('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });

  it('cuts a longer value to exactly its bound, ending in the marker', () => {
    const cut = truncated('y'.repeat(1000), 128);
    expect(cut).toHaveLength(128);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('bounds the operation name, error code and field list of every draft', () => {
    const recorder = new AuditRecorder('00000000-0000-0000-0000-000000000001', '127.0.0.1');
    for (let i = 0; i < 500; i++) recorder.field(`Query.f${i}`);
    const [d] = draftsOf(recorder, 'N'.repeat(10_000), 'E'.repeat(500));
    expect(d.operationName).toHaveLength(AUDIT_FIELD_BOUNDS.operationName);
    expect(d.errorCode).toHaveLength(AUDIT_FIELD_BOUNDS.errorCode);
    expect(d.fields).toHaveLength(AUDIT_FIELD_BOUNDS.fields);
    expect(d.fields[d.fields.length - 1]).toBe(`${TRUNCATION_MARKER} ${500 - AUDIT_FIELD_BOUNDS.fields + 1} more`);
  });

  it('keeps every legal basis of a 100-case page, and cuts a longer purpose only between parts', () => {
    const part = (i: number) =>
      `legal-basis:${String(i).padStart(8, '0')}-0000-4000-8000-000000000000:STATUTORY:OSL_10_18C`;
    const page = Array.from({ length: 100 }, (_, i) => part(i)).join(' ');
    expect(boundedPurpose(page)).toBe(page);
    const many = Array.from({ length: 300 }, (_, i) => part(i));
    const cut = boundedPurpose(many.join(' '))!;
    expect(cut.length).toBeLessThanOrEqual(AUDIT_FIELD_BOUNDS.purpose);
    const parts = cut.split(' ');
    const kept = parts.slice(0, -3);
    expect(kept).toEqual(many.slice(0, kept.length)); // whole parts, in order
    expect(parts.slice(-3)).toEqual([TRUNCATION_MARKER, String(300 - kept.length), 'more']);
    expect(kept.length).toBeGreaterThan(100);
    const recorder = new AuditRecorder('00000000-0000-0000-0000-000000000009', '127.0.0.1');
    recorder.addPurpose(many.join(' '), null);
    expect(draftsOf(recorder)[0].purpose).toBe(cut);
  });

  it('never drops an entity id: a touch of more records than one event holds becomes several events', () => {
    const recorder = new AuditRecorder('00000000-0000-0000-0000-000000000002', '127.0.0.1');
    const ids = Array.from({ length: 2500 }, (_, i) => `id-${String(i).padStart(5, '0')}`);
    recorder.touch(
      AuditAction.READ,
      'AuditEvent',
      ids.map((id) => ({ id, organisationId: 'org-1' })),
    );
    const drafts = draftsOf(recorder);
    expect(drafts.map((d) => d.entityIds.length)).toEqual([1000, 1000, 500]);
    expect(drafts.flatMap((d) => d.entityIds)).toEqual(ids);
    for (const d of drafts) expect(d.entityOrganisationIds).toEqual(['org-1']);
  });
});
