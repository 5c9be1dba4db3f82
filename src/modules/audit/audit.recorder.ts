import { registerEnumType } from 'type-graphql';
import type { Principal } from '../../access/principal';
import { AUDIT_FIELD_BOUNDS, boundedDraft, chunks } from './audit.bounds';

export enum AuditAction {
  READ = 'READ',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  LOGIN = 'LOGIN',
  LOGIN_FAILED = 'LOGIN_FAILED',
  LOGOUT = 'LOGOUT',
  BREAK_GLASS = 'BREAK_GLASS',
  EXPORT = 'EXPORT',
}

export enum AuditOutcome {
  ALLOWED = 'ALLOWED',
  DENIED = 'DENIED',
  ERROR = 'ERROR',
}

registerEnumType(AuditAction, { name: 'AuditAction' });
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

/** What the audit log stores of one event, before the database gives it an id. */
export interface AuditEventDraft {
  occurredAt: Date;
  requestId: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  actorRoles: string[];
  sessionHash: string | null;
  clientAddress: string | null;
  operationType: string;
  operationName: string | null;
  fields: string[];
  action: AuditAction;
  outcome: AuditOutcome;
  errorCode: string | null;
  entityType: string | null;
  entityIds: string[];
  entityOrganisationIds: string[];
  purpose: string | null;
}

interface Touch {
  action: AuditAction;
  entityType: string;
  ids: Set<string>;
  organisationIds: Set<string>;
}

export interface TouchedRecord {
  id: string;
  organisationId?: string | null;
}

/**
 * Collects, during one request, what the audit log must say about it: the fields resolved and every
 * record returned or changed. Services call `touch`; the audit plugin turns it into events.
 * It holds ids and types only: never variables' values, tokens, passwords or free text.
 */
/** Records of one entity type touched by a request, as stored with an idempotent outcome. */
export interface TouchedEntities {
  entityType: string;
  ids: string[];
  organisationIds: string[];
}

export class AuditRecorder {
  private readonly touches = new Map<string, Touch>();
  /** Records asked for and refused (NOT_FOUND and the like), by entity type: the id asked for is recorded. */
  private readonly refusals = new Map<string, Touch>();
  private readonly fieldSet = new Set<string>();
  /** For requests whose action is not "read what was returned", e.g. LOGIN or LOGOUT. */
  action: AuditAction | undefined;
  /** Set by login: who tried (known account) or who logged in. */
  actor: Pick<Principal, 'userId' | 'organisationId' | 'roles'> | undefined;
  sessionHash: string | undefined;
  /** Purposes (legal bases, break-the-glass accesses, correction reasons) by the organisation whose record they concern. */
  private readonly purposes = new Map<string, Set<string>>();
  /** The audit plugin has written (or tried to write) this request's events. */
  recorded = false;

  constructor(
    readonly requestId: string,
    readonly clientAddress: string | null,
    readonly startedAt: Date = new Date(),
  ) {}

  /**
   * Records returned or changed. One event per (action, entity type, owner organisation): an event
   * never mixes owners, so that an auditor can be shown exactly the records of their organisation.
   */
  touch(action: AuditAction, entityType: string, records: readonly TouchedRecord[]): void {
    // The entry is looked up again only when the owner changes (a report names thousands of records of one owner).
    let entry: Touch | undefined;
    let entryOwner = '';
    for (const record of records) {
      const owner = record.organisationId ?? '';
      if (!entry || owner !== entryOwner) {
        const key = `${action}:${entityType}:${owner}`;
        entry = this.touches.get(key);
        if (!entry) {
          entry = { action, entityType, ids: new Set(), organisationIds: new Set() };
          this.touches.set(key, entry);
        }
        entryOwner = owner;
        if (owner !== '') entry.organisationIds.add(owner);
      }
      entry.ids.add(record.id);
    }
  }

  /** The records touched so far, per entity type: stored with an idempotent outcome. */
  touched(): TouchedEntities[] {
    return [...this.touches.values()].map((t) => ({
      entityType: t.entityType,
      ids: [...t.ids],
      organisationIds: [...t.organisationIds],
    }));
  }

  /** A stored outcome is answered again: the records it names are returned (READ) to the caller once more. */
  touchedAgain(entries: readonly TouchedEntities[]): void {
    // Each stored entry names at most one owner organisation (one event per owner, see touch()).
    for (const e of entries) {
      const organisationId = e.organisationIds[0] ?? null;
      this.touch(
        AuditAction.READ,
        e.entityType,
        e.ids.map((id) => ({ id, organisationId })),
      );
    }
  }

  /**
   * A record asked for and refused: its id (as asked, bounded) and, when the record exists, its
   * owner, so that the owner's auditors see the attempt. Never returned to the caller.
   */
  refused(entityType: string, id: string, organisationId: string | null): void {
    const asked = typeof id === 'string' ? id.trim().slice(0, 200) : '';
    let entry = this.refusals.get(entityType);
    if (!entry) {
      entry = { action: AuditAction.READ, entityType, ids: new Set(), organisationIds: new Set() };
      this.refusals.set(entityType, entry);
    }
    if (asked !== '') entry.ids.add(asked);
    if (organisationId) entry.organisationIds.add(organisationId);
  }

  /**
   * A purpose of the request (space-separated parts such as `legal-basis:<share id>:<ground>`),
   * recorded with the organisation that owns the record it concerns: an event about one owner's
   * records carries only that owner's purposes, never a legal basis for another organisation's case.
   */
  addPurpose(purpose: string | null, ownerOrganisationId: string | null): void {
    if (!purpose) return;
    const owner = ownerOrganisationId ?? '';
    let parts = this.purposes.get(owner);
    if (!parts) {
      parts = new Set();
      this.purposes.set(owner, parts);
    }
    for (const p of purpose.split(' ')) if (p !== '') parts.add(p);
  }

  /** The purpose of an event about `owner`'s records, or (no owner) of the whole request. */
  private purposeFor(owner: string | null): string | null {
    const parts = new Set<string>();
    for (const [o, set] of this.purposes)
      if (owner === null || o === owner || o === '') for (const p of set) parts.add(p);
    return parts.size > 0 ? [...parts].sort().join(' ') : null;
  }

  field(name: string): void {
    this.fieldSet.add(name);
  }

  get fields(): string[] {
    return [...this.fieldSet].sort();
  }

  /** One event per (action, entity type) touched, or a single event when nothing was touched. */
  drafts(input: {
    principal: Principal | undefined;
    operationType: string;
    operationName: string | null;
    outcome: AuditOutcome;
    errorCode: string | null;
    defaultAction: AuditAction;
    /** On failure, records touched before the failure are reported but nothing is claimed as returned. */
    occurredAt?: Date;
    /**
     * A query that returned data although some of its fields failed: what was touched was returned
     * (ALLOWED, per record); the failure is its own event (the refused records, or one without).
     */
    partial?: boolean;
  }): AuditEventDraft[] {
    const actor = this.actor ?? input.principal;
    const base = {
      occurredAt: input.occurredAt ?? new Date(),
      requestId: this.requestId,
      actorUserId: actor?.userId ?? null,
      actorOrganisationId: actor?.organisationId ?? null,
      actorRoles: actor ? [...actor.roles].sort() : [],
      sessionHash: this.sessionHash ?? input.principal?.sessionHash ?? null,
      clientAddress: this.clientAddress,
      operationType: input.operationType,
      operationName: input.operationName,
      fields: this.fields,
      outcome: input.outcome,
      errorCode: input.errorCode,
      purpose: this.purposeFor(null),
    };
    const touches = [...this.touches.values()];
    const refusals = [...this.refusals.values()];
    const failed = {
      outcome: input.outcome === AuditOutcome.ALLOWED ? AuditOutcome.DENIED : input.outcome,
      errorCode: input.errorCode,
    };
    const touched = input.partial ? { ...base, outcome: AuditOutcome.ALLOWED, errorCode: null } : base;
    const fallbackAction = this.action ?? input.defaultAction;
    // Every id is kept: a touch of more records than one event may hold becomes several events, each
    // naming the touch's owning organisation (one owner per touch, see touch()).
    const split = (t: Touch, fields: Pick<AuditEventDraft, 'outcome' | 'errorCode' | 'action'>): AuditEventDraft[] => {
      const organisations = [...t.organisationIds].sort().slice(0, AUDIT_FIELD_BOUNDS.entityIds);
      // A touch names one owner; refusals may name several and keep the whole request's purpose.
      const purpose = organisations.length === 1 ? this.purposeFor(organisations[0]) : base.purpose;
      return chunks([...t.ids].sort()).map((ids) =>
        boundedDraft({
          ...base,
          ...fields,
          purpose,
          entityType: t.entityType,
          entityIds: ids,
          entityOrganisationIds: organisations,
        }),
      );
    };
    const events: AuditEventDraft[] = touches.flatMap((t) =>
      split(t, {
        outcome: touched.outcome,
        errorCode: touched.errorCode,
        action: this.action && t.action === AuditAction.READ ? this.action : t.action,
      }),
    );
    for (const r of refusals) events.push(...split(r, { ...failed, action: fallbackAction }));
    const empty = (fields: Pick<AuditEventDraft, 'outcome' | 'errorCode'>): AuditEventDraft =>
      boundedDraft({
        ...base,
        ...fields,
        action: fallbackAction,
        entityType: null,
        entityIds: [],
        entityOrganisationIds: [],
      });
    if (input.partial && refusals.length === 0) events.push(empty(failed));
    if (events.length === 0) return [empty(base)];
    return events;
  }
}
