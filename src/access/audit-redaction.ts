import { UUID } from '../shared/ids';

/** The fields of an audit event that redaction reads and may narrow. */
export interface RedactableAuditEvent {
  actorOrganisationId: string | null;
  entityIds: string[];
  entityOrganisationIds: string[];
  purpose: string | null;
}

/** Purpose kinds that name a record (`legal-basis:<share id>:…`, `break-glass:<access id>:…`). */
const RECORD_KINDS = new Set(['legal-basis', 'break-glass']);

/** The record ids a purpose names: the second field of each `legal-basis:`/`break-glass:` part, when a whole UUID. */
export function purposeRecordIds(purpose: string | null): string[] {
  return (purpose ?? '')
    .split(' ')
    .filter((p) => RECORD_KINDS.has(p.split(':')[0]))
    .map((p) => p.split(':')[1] ?? '')
    .filter((id) => UUID.test(id));
}

/**
 * Whether an auditor may see one part of another organisation's user's purpose. A part that names a
 * record (a legal basis, a break-the-glass access) is shown only when it names a whole id and that
 * record concerns the auditor's organisation (`ours`). A part cut short when the event was stored
 * (its id no longer whole) is not shown: it cannot be shown to concern the auditor's organisation.
 */
function purposePartShown(part: string, ours: ReadonlySet<string>): boolean {
  if (part === '') return false;
  if (!RECORD_KINDS.has(part.split(':')[0])) return true;
  const ids = purposeRecordIds(part);
  return ids.length === 1 && ours.has(ids[0]);
}

/**
 * What an auditor of the organisations `own` is shown of one event (filtered at read time): the
 * events of their own users as they are; of others' events only what concerns their organisations'
 * records: other owners' record ids and organisation ids removed, and purposes naming records that
 * are not theirs (`ours`: the shares and break-the-glass accesses that concern them) removed.
 */
export function redactedAuditEvent<E extends RedactableAuditEvent>(
  event: E,
  own: ReadonlySet<string>,
  ours: ReadonlySet<string>,
): E {
  if (event.actorOrganisationId !== null && own.has(event.actorOrganisationId)) return event;
  // Events never mix owners (one per owner organisation); an older mixed one loses its ids.
  const onlyOurs = event.entityOrganisationIds.length > 0 && event.entityOrganisationIds.every((o) => own.has(o));
  const purpose = (event.purpose ?? '').split(' ').filter((p) => purposePartShown(p, ours));
  return {
    ...event,
    entityIds: onlyOurs ? event.entityIds : [],
    entityOrganisationIds: event.entityOrganisationIds.filter((o) => own.has(o)),
    purpose: purpose.length > 0 ? purpose.join(' ') : null,
  };
}
