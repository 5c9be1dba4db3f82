import type DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { externalReferenceVisible } from '../../access/case-access';
import {
  CaseContentCategory,
  contentVisible,
  organisationVisible,
  type CaseContentAudience,
  type CaseEdges,
} from '../../access/case-content';
import type { RequestContext } from '../../graphql/context';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { OrganisationDto } from '../identity/dto/identity.dto';
import { caseLoaders } from './case.loaders';
import { auditChildren } from './case.service';
import {
  CaseDto,
  CaseHistoryEntryDto,
  CaseLegalBasisDto,
  CaseMeetingDto,
  CaseMemberDto,
  CaseNoteDto,
  CaseTaskDto,
  RiskAssessmentDto,
} from './dto/case.dto';
import { toLegalBasis, type CaseRoot } from './case-resolver.support';

/** Records of a granted case through their per-request loader, audited by id with the case owner. */
async function related<T extends { id: string }>(
  ctx: RequestContext,
  c: CaseRoot,
  loader: DataLoader<string, T[]>,
  entityType: string,
  keep: (row: T) => boolean = () => true,
): Promise<T[]> {
  const rows = (await loader.load(c.id)).filter(keep);
  auditChildren(ctx.audit, AuditAction.READ, entityType, c.ownerOrganisationId, rows);
  return rows;
}

/** The case's owner and active shares: the edges content flows along (src/access/case-content.ts). */
async function edgesOf(ctx: RequestContext, c: CaseRoot): Promise<CaseEdges> {
  const shares = await ctx.loaders.get(caseLoaders.shares).load(c.id);
  return { ownerOrganisationId: c.ownerOrganisationId, activeShares: shares.filter((s) => s.active) };
}

/** Keeps the content the caller's organisation may see. */
async function visibleTo(
  ctx: RequestContext,
  c: CaseRoot,
  category: CaseContentCategory,
): Promise<(row: { authorOrganisationId: string; audience: CaseContentAudience }) => boolean> {
  const edges = await edgesOf(ctx, c);
  const viewer = ctx.principal?.organisationId;
  return (row) =>
    contentVisible(viewer, edges, { authorOrganisationId: row.authorOrganisationId, audience: row.audience, category });
}

/** Members and legal bases of other partners stay with them: the owner sees all, a partner the owner's and its own. */
const organisationShown = (ctx: RequestContext, c: CaseRoot, organisationId: string): boolean =>
  ctx.principal !== undefined &&
  organisationVisible(ctx.principal.organisationId, c.ownerOrganisationId, organisationId);

/** The relations of a granted case. */
@Resolver(() => CaseDto)
export class CaseFieldsResolver {
  // --- relations of a granted case ------------------------------------------------------------------

  @FieldResolver(() => OrganisationDto, { description: 'The organisation that owns the case.' })
  async owner(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<OrganisationDto> {
    const organisation = await ctx.loaders.organisation.load(c.ownerOrganisationId);
    if (!organisation) throw notFound('Organisation');
    ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
    return organisation;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The caller's organisation's own reference; only its members of the case see it (not through break-the-glass).",
  })
  async externalReference(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!externalReferenceVisible(c.grant, c.callerIsMember)) return null;
    return ctx.loaders.get(caseLoaders.externalReference).load(c.id);
  }

  @FieldResolver(() => [CaseMemberDto], {
    description: "The owner sees every member; a partner the owner's members and its own.",
  })
  async members(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseMemberDto[]> {
    return related(ctx, c, ctx.loaders.get(caseLoaders.members), 'CaseMember', (m) =>
      organisationShown(ctx, c, m.organisationId),
    );
  }

  @FieldResolver(() => [CaseLegalBasisDto], {
    description: 'Every legal basis the case was ever shared on, active or not (a partner: its own only).',
  })
  async legalBases(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseLegalBasisDto[]> {
    return (
      await related(ctx, c, ctx.loaders.get(caseLoaders.shares), 'CaseShare', (s) =>
        organisationShown(ctx, c, s.organisationId),
      )
    ).map(toLegalBasis);
  }

  @FieldResolver(() => [CaseTaskDto], {
    description: "By due date; those the caller's organisation may see (audience and legal basis).",
  })
  async tasks(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseTaskDto[]> {
    return related(
      ctx,
      c,
      ctx.loaders.get(caseLoaders.tasks),
      'CaseTask',
      await visibleTo(ctx, c, CaseContentCategory.TASK),
    );
  }

  @FieldResolver(() => [CaseMeetingDto], { description: "Newest first; those the caller's organisation may see." })
  async meetings(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseMeetingDto[]> {
    return related(
      ctx,
      c,
      ctx.loaders.get(caseLoaders.meetings),
      'CaseMeeting',
      await visibleTo(ctx, c, CaseContentCategory.MEETING),
    );
  }

  @FieldResolver(() => [CaseNoteDto], {
    description: "Newest first; those the caller's organisation may see. Audited by id only, never by content.",
  })
  async notes(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseNoteDto[]> {
    return related(
      ctx,
      c,
      ctx.loaders.get(caseLoaders.notes),
      'CaseNote',
      await visibleTo(ctx, c, CaseContentCategory.NOTE),
    );
  }

  @FieldResolver(() => [RiskAssessmentDto], { description: "Newest first; those the caller's organisation may see." })
  async riskAssessments(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<RiskAssessmentDto[]> {
    const keep = await visibleTo(ctx, c, CaseContentCategory.ASSESSMENT);
    return related(ctx, c, ctx.loaders.get(caseLoaders.assessments), 'RiskAssessment', (r) =>
      keep({ authorOrganisationId: r.assessorOrganisationId, audience: r.audience }),
    );
  }

  @FieldResolver(() => RiskAssessmentDto, {
    nullable: true,
    description:
      "The assessment made last (by assessment date, then recording time) of those the caller's organisation may see.",
  })
  async latestAssessment(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<RiskAssessmentDto | null> {
    const keep = await visibleTo(ctx, c, CaseContentCategory.ASSESSMENT);
    const visible = (r: RiskAssessmentDto): boolean =>
      keep({ authorOrganisationId: r.assessorOrganisationId, audience: r.audience });
    // The newest visible one (assessments come newest first): one statement per request, whatever the page size.
    const row = (await ctx.loaders.get(caseLoaders.assessments).load(c.id)).find(visible) ?? null;
    if (row) auditChildren(ctx.audit, AuditAction.READ, 'RiskAssessment', c.ownerOrganisationId, [row]);
    return row;
  }

  @FieldResolver(() => [CaseHistoryEntryDto], {
    description:
      'Every change, oldest first: who, when, which field. Free text only as "changed". A partner sees the changes of the owner and its own organisation to what it may see.',
  })
  async history(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseHistoryEntryDto[]> {
    const all = await ctx.loaders.get(caseLoaders.history).load(c.id);
    const viewer = ctx.principal?.organisationId;
    let rows = all;
    if (viewer !== c.ownerOrganisationId) {
      // What the caller may see of the case (not audited as read: only the timeline is returned).
      const [members, shares, notes, tasks, meetings, assessments, note, task, meeting, assessment] = await Promise.all(
        [
          ctx.loaders.get(caseLoaders.members).load(c.id),
          ctx.loaders.get(caseLoaders.shares).load(c.id),
          ctx.loaders.get(caseLoaders.notes).load(c.id),
          ctx.loaders.get(caseLoaders.tasks).load(c.id),
          ctx.loaders.get(caseLoaders.meetings).load(c.id),
          ctx.loaders.get(caseLoaders.assessments).load(c.id),
          visibleTo(ctx, c, CaseContentCategory.NOTE),
          visibleTo(ctx, c, CaseContentCategory.TASK),
          visibleTo(ctx, c, CaseContentCategory.MEETING),
          visibleTo(ctx, c, CaseContentCategory.ASSESSMENT),
        ],
      );
      const ids = <T extends { id: string }>(rows: T[], keep: (r: T) => boolean): Set<string> =>
        new Set(rows.filter(keep).map((r) => r.id));
      const visible = new Map<string, Set<string>>([
        [
          'CaseMember',
          new Set(members.filter((x) => organisationShown(ctx, c, x.organisationId)).map((x) => x.userId)),
        ],
        ['CaseShare', ids(shares, (x) => organisationShown(ctx, c, x.organisationId))],
        ['CaseNote', ids(notes, note)],
        ['CaseTask', ids(tasks, task)],
        ['CaseMeeting', ids(meetings, meeting)],
        [
          'RiskAssessment',
          ids(assessments, (r) => assessment({ authorOrganisationId: r.assessorOrganisationId, audience: r.audience })),
        ],
        ['CaseExternalReference', new Set(viewer ? [viewer] : [])],
        ['Case', new Set([c.id])],
      ]);
      rows = all.filter(
        (h) =>
          organisationShown(ctx, c, h.actorOrganisationId) && (visible.get(h.entityType)?.has(h.entityId) ?? false),
      );
    }
    ctx.audit.touch(AuditAction.READ, 'CaseHistory', [{ id: c.id, organisationId: c.ownerOrganisationId }]);
    return rows;
  }
}
