import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { PageInfo } from '../../graphql/connection.types';
import {
  AuditEventConnection,
  AuditEventDto,
  AuditEventEdge,
  AuditExportDto,
  AuditVerificationDto,
} from './dto/audit.dto';
import { AuditEventFilter } from './dto/audit.input';
import type { AuditEventPage } from './audit.service';
import { AuditAction } from './audit.recorder';

function toConnection(page: AuditEventPage): AuditEventConnection {
  const nodes = page.events.map((e) => Object.assign(new AuditEventDto(), e));
  return Object.assign(new AuditEventConnection(), {
    nodes,
    edges: nodes.map((node, i) => Object.assign(new AuditEventEdge(), { node, cursor: page.cursors[i] })),
    pageInfo: Object.assign(new PageInfo(), { hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    count: () => page.count(),
  });
}

/** The auditor API (log review, log extracts). Reading the audit log is itself audited. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: "Audit events of the auditor's organisation's users and about records it owns, newest first.",
  })
  @Policy(Capability.AUDIT_READ)
  async auditEvents(
    @Arg('first', () => Int, { nullable: true, description: 'Page size: default 50, at most 500.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditEventConnection> {
    return toConnection(await ctx.services.audit.events(ctx.actor, filter, { first, after }));
  }

  @Query(() => AuditEventConnection, {
    description: 'The log extract of one record: who read or changed it, when, with what purpose.',
  })
  @Policy(Capability.AUDIT_READ)
  async auditTrail(
    @Arg('entityType', () => String, { description: 'e.g. `User`, `Case`.' }) entityType: string,
    @Arg('entityId', () => ID) entityId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditEventConnection> {
    return toConnection(await ctx.services.audit.trail(ctx.actor, entityType, entityId, { first, after }));
  }

  @Query(() => AuditExportDto, { description: "A record's log extract as CSV, newest first. Audited as EXPORT." })
  @Policy(Capability.AUDIT_READ)
  @AuditAs(AuditAction.EXPORT)
  async exportAuditTrail(
    @Arg('entityType', () => String) entityType: string,
    @Arg('entityId', () => ID) entityId: string,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditExportDto> {
    const result = await ctx.services.audit.exportTrail(ctx.actor, entityType, entityId, { from, to });
    return Object.assign(new AuditExportDto(), result);
  }

  @Query(() => AuditVerificationDto, {
    description: 'Recomputes every event hash and the checkpoint chain; names the first event that no longer matches.',
  })
  @Policy(Capability.AUDIT_READ)
  async verifyAuditLog(@Ctx() ctx: RequestContext): Promise<AuditVerificationDto> {
    return Object.assign(new AuditVerificationDto(), await ctx.services.audit.verify(ctx.actor));
  }
}
