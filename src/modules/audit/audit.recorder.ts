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
export class AuditRecorder {
  private readonly touches = new Map<string, Touch>();
  private readonly fieldSet = new Set<string>();
  /** For requests whose action is not "read what was returned", e.g. LOGIN or LOGOUT. */
  action: AuditAction | undefined;
  /** Set by login: who tried (known account) or who logged in. */
  actor: Pick<Principal, 'userId' | 'organisationId' | 'roles'> | undefined;
  sessionHash: string | undefined;
  purpose: string | undefined;
  /** The audit plugin has written (or tried to write) this request's events. */
  recorded = false;

  constructor(
    readonly requestId: string,
    readonly clientAddress: string | null,
    readonly startedAt: Date = new Date(),
  ) {}

  touch(action: AuditAction, entityType: string, records: readonly TouchedRecord[]): void {
    if (records.length === 0) return;
    const key = `${action}:${entityType}`;
    let entry = this.touches.get(key);
    if (!entry) {
      entry = { action, entityType, ids: new Set(), organisationIds: new Set() };
      this.touches.set(key, entry);
    }
    for (const record of records) {
      entry.ids.add(record.id);
      if (record.organisationId) entry.organisationIds.add(record.organisationId);
    }
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
      purpose: this.purpose ?? null,
    };
    const touches = [...this.touches.values()];
    if (touches.length === 0) {
      return [boundedDraft({ ...base, action: this.action ?? input.defaultAction, entityType: null, entityIds: [], entityOrganisationIds: [] })];
    }
    // Every id is kept: a touch of more records than one event may hold becomes several events.
    return touches.flatMap((t) => {
      // Each part names every owning organisation of the touch (as one event did), at most the bound.
      const organisations = [...t.organisationIds].sort().slice(0, AUDIT_FIELD_BOUNDS.entityIds);
      return chunks([...t.ids].sort()).map((ids) =>
        boundedDraft({
          ...base,
          action: this.action && t.action === AuditAction.READ ? this.action : t.action,
          entityType: t.entityType,
          entityIds: ids,
          entityOrganisationIds: organisations,
        }),
      );
    });
  }
}
