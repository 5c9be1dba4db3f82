import type DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CaseAccessVia, type CaseAccessGrant } from '../../access/case-access';
import {
  CaseContentCategory,
  contentVisible,
  organisationVisible,
  type CaseContentAudience,
  type CaseEdges,
} from '../../access/case-content';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { Policy } from '../../graphql/policy.decorator';
import { notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { OrganisationType } from '../identity/dto/identity.types';
import { caseLoaders } from './case.loaders';
import { auditChildren, type CaseCaller, type CaseView, type ShareView } from './case.service';
import {
  AddCaseNoteInput,
  BreakGlassAccessConnection,
  BreakGlassAccessType,
  BreakGlassInput,
  BreakGlassReviewFilter,
  IncomingCaseShareType,
  CaseConnection,
  CaseFilter,
  CaseHistoryEntryType,
  CaseLegalBasisType,
  CaseMeetingType,
  CaseMemberType,
  CaseNoteType,
  CaseTaskType,
  CaseType,
  CreateCaseInput,
  CreateCaseTaskInput,
  RecordCaseMeetingInput,
  RecordRiskAssessmentInput,
  RiskAssessmentType,
  ShareCaseInput,
  UpdateCaseInput,
  UpdateCaseTaskInput,
} from './dto/case.types';

const caller = (ctx: RequestContext): CaseCaller => ({ principal: ctx.principal, audit: ctx.audit });

/** A granted case as its GraphQL type; the grant stays on it for the field resolvers. */
type CaseRoot = CaseType & { grant: CaseAccessGrant; callerIsMember: boolean };
const toCase = (v: CaseView): CaseRoot => Object.assign(new CaseType(), v, { access: v.grant.via });
const toLegalBasis = (s: ShareView): CaseLegalBasisType =>
  Object.assign(new CaseLegalBasisType(), s, { kind: s.basisKind });

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
  const shares = await caseLoaders(ctx).shares.load(c.id);
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

@Resolver(() => CaseType)
export class CaseResolver {
  // --- queries ------------------------------------------------------------------------------------

  @Query(() => CaseConnection, {
    description:
      'Cases the caller is a member of (a partner only while a legal basis is active) or holds an active break-the-glass access to, newest first.',
  })
  @Policy(Capability.CASE_READ)
  async cases(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => CaseFilter, { nullable: true }) filter?: CaseFilter,
  ): Promise<CaseConnection> {
    const page = await ctx.services.cases.list(
      caller(ctx),
      { ...(filter ?? {}) },
      first ?? undefined,
      after ?? undefined,
    );
    const connection = new CaseConnection();
    connection.edges = page.nodes.map((node, i) => ({ node: toCase(node), cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  @Query(() => CaseType, {
    nullable: true,
    description: 'One case the caller may read; NOT_FOUND otherwise, exactly as for a case that does not exist.',
  })
  @Policy(Capability.CASE_READ)
  async case(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CaseType> {
    return toCase(await ctx.services.cases.get(caller(ctx), id));
  }

  @Query(() => [CaseTaskType], {
    description: 'Open tasks assigned to the caller whose due date has passed, on cases the caller may work now.',
  })
  @Policy(Capability.CASE_READ)
  async myOverdueTasks(@Ctx() ctx: RequestContext): Promise<CaseTaskType[]> {
    return ctx.services.cases.overdueTasks(caller(ctx));
  }

  @Query(() => [IncomingCaseShareType], {
    description:
      "Shares of open cases addressed to the caller's organisation under an active legal basis, newest first: what its case workers need to decide, no content. One of them takes a share with acceptCaseShare.",
  })
  @Policy(Capability.CASE_READ)
  async incomingCaseShares(@Ctx() ctx: RequestContext): Promise<IncomingCaseShareType[]> {
    const rows = await ctx.services.cases.sharing.incoming(caller(ctx));
    return rows.map((s) =>
      Object.assign(new IncomingCaseShareType(), {
        legalBasisId: s.id,
        caseId: s.caseId,
        riskLevel: s.riskLevel,
        legalBasis: toLegalBasis(s),
        senderOrganisationId: s.senderOrganisationId,
        contactFunction: s.contactFunction,
        sharedAt: s.createdAt,
        acceptedAt: s.acceptedAt,
      }),
    );
  }

  @Query(() => BreakGlassAccessConnection, {
    description:
      "Break-the-glass accesses to the auditor's organisation's cases, oldest first, filtered by reviewed or not and by opening time.",
  })
  @Policy(Capability.BREAK_GLASS_REVIEW)
  async breakGlassReviews(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => BreakGlassReviewFilter, { nullable: true }) filter?: BreakGlassReviewFilter,
  ): Promise<BreakGlassAccessConnection> {
    const page = await ctx.services.cases.breakGlass.reviews(caller(ctx), { ...(filter ?? {}) }, first, after);
    const connection = new BreakGlassAccessConnection();
    connection.edges = page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  // --- mutations ----------------------------------------------------------------------------------

  @Mutation(() => CaseType, {
    description: "Opens a case of the caller's organisation with the caller as its first member.",
  })
  @Policy(Capability.CASE_CREATE)
  async createCase(@Arg('input') input: CreateCaseInput, @Ctx() ctx: RequestContext): Promise<CaseType> {
    return toCase(await ctx.services.cases.create(caller(ctx), await ctx.transaction(), { ...input }));
  }

  @Mutation(() => CaseType, {
    description: 'Changes the risk level or status of a case; absent fields stay as they are.',
  })
  @Policy(Capability.CASE_READ)
  async updateCase(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCaseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseType> {
    return toCase(await ctx.services.cases.update(caller(ctx), await ctx.transaction(), id, { ...input }));
  }

  @Mutation(() => Boolean, {
    description:
      "Sets the caller's organisation's own reference on the case (null removes it). Never audited or logged as a value.",
  })
  @Policy(Capability.CASE_READ)
  async setCaseExternalReference(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reference', () => String, { nullable: true }) reference: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.cases.setExternalReference(caller(ctx), await ctx.transaction(), caseId, reference ?? null);
  }

  @Mutation(() => CaseMemberType, {
    description:
      "Adds a case worker of the caller's own organisation to the case (a partner organisation: once sharing is active).",
  })
  @Policy(Capability.CASE_READ)
  async addCaseMember(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMemberType> {
    return ctx.services.cases.addMember(caller(ctx), await ctx.transaction(), caseId, userId);
  }

  @Mutation(() => Boolean, { description: "Removes a member of the caller's own organisation from the case." })
  @Policy(Capability.CASE_READ)
  async removeCaseMember(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.cases.removeMember(caller(ctx), await ctx.transaction(), caseId, userId);
  }

  @Mutation(() => CaseLegalBasisType, {
    description:
      "Shares the case with an organisation of the owner's partnerships on a recorded legal basis (owner's members only).",
  })
  @Policy(Capability.CASE_READ)
  async shareCase(@Arg('input') input: ShareCaseInput, @Ctx() ctx: RequestContext): Promise<CaseLegalBasisType> {
    const share = await ctx.services.cases.sharing.share(
      caller(ctx),
      await ctx.transaction(),
      input.caseId,
      input.organisationId,
      { ...input.legalBasis },
      input.contactFunction,
    );
    return toLegalBasis(share);
  }

  @Mutation(() => CaseLegalBasisType, {
    description: "Records that consent was withdrawn: the partner's access ends at once.",
  })
  @Policy(Capability.CASE_READ)
  async withdrawCaseConsent(
    @Arg('legalBasisId', () => ID) legalBasisId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseLegalBasisType> {
    return toLegalBasis(
      await ctx.services.cases.sharing.withdrawConsent(caller(ctx), await ctx.transaction(), legalBasisId),
    );
  }

  @Mutation(() => CaseLegalBasisType, { description: "Ends a share: the partner's access ends at once." })
  @Policy(Capability.CASE_READ)
  async revokeCaseShare(
    @Arg('legalBasisId', () => ID) legalBasisId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseLegalBasisType> {
    return toLegalBasis(
      await ctx.services.cases.sharing.revokeShare(caller(ctx), await ctx.transaction(), legalBasisId),
    );
  }

  @Mutation(() => CaseTaskType)
  @Policy(Capability.CASE_READ)
  async createCaseTask(@Arg('input') input: CreateCaseTaskInput, @Ctx() ctx: RequestContext): Promise<CaseTaskType> {
    return ctx.services.cases.createTask(caller(ctx), await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => CaseTaskType, { description: 'Absent fields stay as they are.' })
  @Policy(Capability.CASE_READ)
  async updateCaseTask(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCaseTaskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTaskType> {
    return ctx.services.cases.updateTask(caller(ctx), await ctx.transaction(), id, { ...input });
  }

  @Mutation(() => CaseMeetingType)
  @Policy(Capability.CASE_READ)
  async recordCaseMeeting(
    @Arg('input') input: RecordCaseMeetingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMeetingType> {
    return ctx.services.cases.recordMeeting(caller(ctx), await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => CaseNoteType, { description: 'The text is never written to the audit log, the history or any log.' })
  @Policy(Capability.CASE_READ)
  async addCaseNote(@Arg('input') input: AddCaseNoteInput, @Ctx() ctx: RequestContext): Promise<CaseNoteType> {
    return ctx.services.cases.addNote(caller(ctx), await ctx.transaction(), input.caseId, input.text, input.audience);
  }

  @Mutation(() => RiskAssessmentType, {
    description:
      "Records the caller's assessment; FREDA, SARA:SV and PATRIARK need the caller's valid certificate for the method's course (FORBIDDEN otherwise).",
  })
  @Policy(Capability.CASE_READ)
  async recordRiskAssessment(
    @Arg('input') input: RecordRiskAssessmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RiskAssessmentType> {
    return ctx.services.cases.recordAssessment(caller(ctx), await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => BreakGlassAccessType, {
    description:
      "Opens a case of the caller's organisation the caller is not a member of, read only, for at most 4 hours. Audited as BREAK_GLASS and reviewed by an auditor.",
  })
  @Policy(Capability.CASE_BREAK_GLASS)
  async breakGlass(@Arg('input') input: BreakGlassInput, @Ctx() ctx: RequestContext): Promise<BreakGlassAccessType> {
    return ctx.services.cases.breakGlass.open(caller(ctx), await ctx.transaction(), input.caseId, { ...input });
  }

  @Mutation(() => BreakGlassAccessType, {
    description:
      "Marks a break-the-glass access to the auditor's organisation's case as reviewed, with a comment; endAccess ends it now. Never by the user who opened it.",
  })
  @Policy(Capability.BREAK_GLASS_REVIEW)
  async reviewBreakGlass(
    @Arg('id', () => ID) id: string,
    @Arg('comment') comment: string,
    @Ctx() ctx: RequestContext,
    @Arg('endAccess', () => Boolean, { nullable: true }) endAccess?: boolean,
  ): Promise<BreakGlassAccessType> {
    return ctx.services.cases.breakGlass.review(caller(ctx), await ctx.transaction(), id, comment, endAccess === true);
  }

  @Mutation(() => CaseMemberType, {
    description:
      "Takes a share addressed to the caller's organisation: the caller becomes its first member of the case. Further members are added by a member (addCaseMember).",
  })
  @Policy(Capability.CASE_READ)
  async acceptCaseShare(
    @Arg('legalBasisId', () => ID) legalBasisId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseMemberType> {
    return ctx.services.cases.sharing.accept(caller(ctx), await ctx.transaction(), legalBasisId);
  }

  @Mutation(() => Boolean, {
    description: "Ends a partner organisation's user's membership of the case (the owner organisation's members).",
  })
  @Policy(Capability.CASE_READ)
  async endPartnerMembership(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.cases.sharing.endPartnerMembership(caller(ctx), await ctx.transaction(), caseId, userId);
  }

  // --- relations of a granted case ------------------------------------------------------------------

  @FieldResolver(() => OrganisationType, { description: 'The organisation that owns the case.' })
  async owner(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<OrganisationType> {
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
    if (c.grant.via === CaseAccessVia.BREAK_GLASS || !c.callerIsMember) return null;
    return caseLoaders(ctx).externalReference.load(c.id);
  }

  @FieldResolver(() => [CaseMemberType], {
    description: "The owner sees every member; a partner the owner's members and its own.",
  })
  async members(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseMemberType[]> {
    return related(ctx, c, caseLoaders(ctx).members, 'CaseMember', (m) => organisationShown(ctx, c, m.organisationId));
  }

  @FieldResolver(() => [CaseLegalBasisType], {
    description: 'Every legal basis the case was ever shared on, active or not (a partner: its own only).',
  })
  async legalBases(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseLegalBasisType[]> {
    return (
      await related(ctx, c, caseLoaders(ctx).shares, 'CaseShare', (s) => organisationShown(ctx, c, s.organisationId))
    ).map(toLegalBasis);
  }

  @FieldResolver(() => [CaseTaskType], {
    description: "By due date; those the caller's organisation may see (audience and legal basis).",
  })
  async tasks(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseTaskType[]> {
    return related(ctx, c, caseLoaders(ctx).tasks, 'CaseTask', await visibleTo(ctx, c, CaseContentCategory.TASK));
  }

  @FieldResolver(() => [CaseMeetingType], { description: "Newest first; those the caller's organisation may see." })
  async meetings(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseMeetingType[]> {
    return related(
      ctx,
      c,
      caseLoaders(ctx).meetings,
      'CaseMeeting',
      await visibleTo(ctx, c, CaseContentCategory.MEETING),
    );
  }

  @FieldResolver(() => [CaseNoteType], {
    description: "Newest first; those the caller's organisation may see. Audited by id only, never by content.",
  })
  async notes(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseNoteType[]> {
    return related(ctx, c, caseLoaders(ctx).notes, 'CaseNote', await visibleTo(ctx, c, CaseContentCategory.NOTE));
  }

  @FieldResolver(() => [RiskAssessmentType], { description: "Newest first; those the caller's organisation may see." })
  async riskAssessments(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<RiskAssessmentType[]> {
    const keep = await visibleTo(ctx, c, CaseContentCategory.ASSESSMENT);
    return related(ctx, c, caseLoaders(ctx).assessments, 'RiskAssessment', (r) =>
      keep({ authorOrganisationId: r.assessorOrganisationId, audience: r.audience }),
    );
  }

  @FieldResolver(() => RiskAssessmentType, {
    nullable: true,
    description:
      "The assessment made last (by assessment date, then recording time) of those the caller's organisation may see.",
  })
  async latestAssessment(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<RiskAssessmentType | null> {
    const keep = await visibleTo(ctx, c, CaseContentCategory.ASSESSMENT);
    const visible = (r: RiskAssessmentType): boolean =>
      keep({ authorOrganisationId: r.assessorOrganisationId, audience: r.audience });
    // The newest visible one (assessments come newest first): one statement per request, whatever the page size.
    const row = (await caseLoaders(ctx).assessments.load(c.id)).find(visible) ?? null;
    if (row) auditChildren(ctx.audit, AuditAction.READ, 'RiskAssessment', c.ownerOrganisationId, [row]);
    return row;
  }

  @FieldResolver(() => [CaseHistoryEntryType], {
    description:
      'Every change, oldest first: who, when, which field. Free text only as "changed". A partner sees the changes of the owner and its own organisation to what it may see.',
  })
  async history(@Root() c: CaseRoot, @Ctx() ctx: RequestContext): Promise<CaseHistoryEntryType[]> {
    const all = await caseLoaders(ctx).history.load(c.id);
    const viewer = ctx.principal?.organisationId;
    let rows = all;
    if (viewer !== c.ownerOrganisationId) {
      // What the caller may see of the case (not audited as read: only the timeline is returned).
      const l = caseLoaders(ctx);
      const [members, shares, notes, tasks, meetings, assessments, note, task, meeting, assessment] = await Promise.all(
        [
          l.members.load(c.id),
          l.shares.load(c.id),
          l.notes.load(c.id),
          l.tasks.load(c.id),
          l.meetings.load(c.id),
          l.assessments.load(c.id),
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

@Resolver(() => IncomingCaseShareType)
export class IncomingCaseShareResolver {
  @FieldResolver(() => OrganisationType, { description: 'The organisation that shared the case (the owner).' })
  async senderOrganisation(@Root() s: IncomingCaseShareType, @Ctx() ctx: RequestContext): Promise<OrganisationType> {
    const organisation = await ctx.loaders.organisation.load(s.senderOrganisationId);
    if (!organisation) throw notFound('Organisation');
    ctx.audit.touch(AuditAction.READ, 'Organisation', [{ id: organisation.id, organisationId: organisation.id }]);
    return organisation;
  }
}
