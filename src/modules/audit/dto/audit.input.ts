import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AuditAction, AuditOutcome } from '../audit.recorder';

/**
 * Checked by the audit service, after the capability check, so that a caller without access is
 * refused the same whatever it sends; `@IsOptional` registers the class with class-validator
 * (which refuses unknown classes).
 */
@InputType('AuditEventFilter', { description: 'All conditions optional; given ones must all hold.' })
export class AuditEventFilter {
  @IsOptional() @Field(() => ID, { nullable: true, description: 'The acting user.' }) actorId?: string | null;
  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: 'Events involving this organisation: its users acted, or records it owns were touched.',
  })
  organisationId?: string | null;
  @IsOptional() @Field(() => String, { nullable: true }) entityType?: string | null;
  @IsOptional() @Field(() => ID, { nullable: true, description: 'Events that touched this record.' }) entityId?:
    string | null;
  @IsOptional() @Field(() => AuditAction, { nullable: true }) action?: AuditAction | null;
  @IsOptional() @Field(() => AuditOutcome, { nullable: true }) outcome?: AuditOutcome | null;
  @IsOptional()
  @Field(() => Date, { nullable: true, description: 'Events at or after this instant.' })
  from?: Date | null;
  @IsOptional()
  @Field(() => Date, { nullable: true, description: 'Events at or before this instant.' })
  to?: Date | null;
}
