import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { PageInfo } from '../../../graphql/connection.types';
import { AuditAction, AuditOutcome } from '../audit.recorder';

@ObjectType('AuditEvent', {
  description:
    'One audited access: who did what, when, to which records, and how it ended. Never holds tokens, passwords or values.',
})
@Policy(Capability.AUDIT_READ)
export class AuditEventDto {
  @Field(() => ID, { description: 'Increasing with insertion order.' }) id: string;
  @Field({ description: 'When the operation ended (UTC).' }) occurredAt: Date;
  @Field(() => ID, { description: 'The HTTP request the event belongs to; one request may write several events.' })
  requestId: string;
  @Field(() => ID, { nullable: true, description: 'The acting user; null for unauthenticated calls.' }) actorId:
    string | null;
  @Field(() => ID, { nullable: true }) actorOrganisationId: string | null;
  @Field(() => [String]) actorRoles: string[];
  @Field(() => String, { nullable: true }) clientAddress: string | null;
  @Field({ description: '`query`, `mutation`, or `invalid` for a document that did not validate.' })
  operationType: string;
  @Field(() => String, { nullable: true }) operationName: string | null;
  @Field(() => [String], { description: 'The `Type.field`s the operation selected.' }) fields: string[];
  @Field(() => AuditAction) action: AuditAction;
  @Field(() => AuditOutcome) outcome: AuditOutcome;
  @Field(() => String, { nullable: true }) errorCode: string | null;
  @Field(() => String, { nullable: true, description: 'The type of the records touched, e.g. `User`.' }) entityType:
    string | null;
  @Field(() => [ID], { description: 'Every record of `entityType` returned or changed.' }) entityIds: string[];
  @Field(() => [ID], { description: 'The organisations owning those records.' }) entityOrganisationIds: string[];
  @Field(() => String, { nullable: true, description: 'Purpose or legal basis stated for the access (cases).' })
  purpose: string | null;
}

@ObjectType('AuditEventEdge')
@Policy(Capability.AUDIT_READ)
export class AuditEventEdge {
  @Field(() => AuditEventDto) node: AuditEventDto;
  @Field() cursor: string;
}

@ObjectType('AuditEventConnection', { description: 'Audit events, newest first.' })
@Policy(Capability.AUDIT_READ)
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges: AuditEventEdge[];
  @Field(() => [AuditEventDto]) nodes: AuditEventDto[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  /** Counted only when asked for. */
  count: () => Promise<number>;

  @Field(() => Int, { description: "Events matching the filter in the caller's scope, all pages together." })
  totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('AuditVerification', {
  description: 'The result of recomputing every event hash and the checkpoint chain.',
})
@Policy(Capability.AUDIT_READ)
export class AuditVerificationDto {
  @Field() ok: boolean;
  @Field(() => Int) checkedEvents: number;
  @Field(() => Int) checkedCheckpoints: number;
  @Field(() => Int, { description: 'Events not yet sealed into a checkpoint (their own hashes were checked).' })
  unsealedEvents: number;
  @Field(() => ID, {
    nullable: true,
    description: 'The first event that no longer matches, is missing or was inserted out of band.',
  })
  firstInvalidEventId: string | null;
  @Field(() => String, { nullable: true }) problem: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Where verification started when not at the first event: the last archive (older events were archived and dropped).',
  })
  startedFrom: string | null;
}

@ObjectType('AuditExport', { description: 'A log extract as CSV (RFC 4180, UTF-8, header row, UTC timestamps).' })
@Policy(Capability.AUDIT_READ)
export class AuditExportDto {
  @Field() filename: string;
  @Field() contentType: string;
  @Field() csv: string;
  @Field(() => Int) rowCount: number;
  @Field({ description: 'True when the extract was cut at the row limit; narrow it with from/to.' }) truncated: boolean;
}
