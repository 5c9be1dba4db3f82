import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { organisationScope, requireAccess, requireCapability } from '../../access/access';
import { breakGlassDecision, BreakGlassDecision } from '../../access/case-access';
import { Capability } from '../../access/policy';
import { mayReviewBreakGlass } from '../../access/separation-of-duties';
import { decodeCursor, encodeCursor, isoInstantPart, uuidPart } from '../../shared/cursor';
import { badInput, forbidden, InputReason, notFound } from '../../shared/errors';
import { CaseReason } from './cases.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { BreakGlassReason } from './case.entities';
import { readerOf, type BreakGlassReviewFilter, type BreakGlassRow, type CaseRepository } from './case.repository';
import { boundedText, type CaseService } from './case.service';
import { UUID } from '../../shared/ids';

const CURSOR_KIND = 'break-glass';
/** Break-the-glass lasts at most this long, absolutely: asking again returns the active access unchanged. */
export const MAX_BREAK_GLASS_MINUTES = 240;
export const DEFAULT_REVIEW_PAGE_SIZE = 50;
export const MAX_REVIEW_PAGE_SIZE = 200;

export interface BreakGlassPage {
  nodes: BreakGlassRow[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/**
 * Break-the-glass: a case worker of the owner organisation who is not a member opens a case, read
 * only, for at most 4 hours; at most one active access per user and case; the organisation's
 * auditors review it (never the opener) and may end it early.
 */
export class BreakGlassService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly repo: CaseRepository,
  ) {}

  async open(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    input: { reasonCode: BreakGlassReason; reasonText: string; minutes?: number | null },
  ): Promise<BreakGlassRow> {
    // Recorded as BREAK_GLASS even when refused.
    caller.audit.action = AuditAction.BREAK_GLASS;
    requireCapability(caller.principal, Capability.CASE_BREAK_GLASS);
    const principal = caller.principal;
    // The case row is locked: two concurrent calls of one user cannot both open an access.
    const [row] =
      typeof caseId === 'string' && UUID.test(caseId)
        ? await this.repo.byIds(manager, readerOf(principal), [caseId], true)
        : [];
    const decision = breakGlassDecision(principal, row);
    if (!row || decision === BreakGlassDecision.NOT_FOUND) {
      caller.audit.refused('Case', typeof caseId === 'string' ? caseId : '', row?.ownerOrganisationId ?? null);
      throw notFound('Case');
    }
    if (decision !== BreakGlassDecision.ALLOWED)
      throw badInput(
        'caseId',
        CaseReason.BREAK_GLASS_NOT_NEEDED,
        'you are a member of the case: no break-the-glass is needed',
      );
    if (!Object.values(BreakGlassReason).includes(input.reasonCode))
      throw badInput('reasonCode', InputReason.UNKNOWN_VALUE, 'unknown reason');
    const reasonText = boundedText('reasonText', input.reasonText, 500);
    const minutes = input.minutes ?? MAX_BREAK_GLASS_MINUTES;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_BREAK_GLASS_MINUTES)
      throw badInput('minutes', InputReason.NUMBER_OUT_OF_RANGE, `must be 1 to ${MAX_BREAK_GLASS_MINUTES}`);
    // At most one active access per user and case: asking again neither renews nor extends it.
    const active = await this.repo.breakGlass.activeBreakGlass(manager, row.id, principal.userId);
    const access =
      active ??
      (await this.repo.breakGlass.insertBreakGlass(manager, {
        caseId: row.id,
        userId: principal.userId,
        organisationId: row.ownerOrganisationId,
        reasonCode: input.reasonCode,
        reasonText,
        minutes,
      }));
    if (!active)
      await this.repo.appendHistory(manager, row.id, [
        this.cases.entry(caller, 'CaseBreakGlass', access.id, 'CREATE', 'reasonCode', null, input.reasonCode),
      ]);
    caller.audit.addPurpose(`break-glass:${access.id}:${access.reasonCode}`, row.ownerOrganisationId);
    caller.audit.touch(AuditAction.BREAK_GLASS, 'Case', [{ id: row.id, organisationId: row.ownerOrganisationId }]);
    caller.audit.touch(AuditAction.BREAK_GLASS, 'CaseBreakGlass', [
      { id: access.id, organisationId: row.ownerOrganisationId },
    ]);
    return access;
  }

  /** The own organisation's break-the-glass accesses, oldest first, paged, filtered by reviewed and opening time. */
  async reviews(
    caller: Actor,
    filter: BreakGlassReviewFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<BreakGlassPage> {
    const scope = organisationScope(caller.principal, Capability.BREAK_GLASS_REVIEW);
    const size = first ?? DEFAULT_REVIEW_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_REVIEW_PAGE_SIZE)
      throw badInput('first', InputReason.PAGE_SIZE_OUT_OF_RANGE, `must be between 1 and ${MAX_REVIEW_PAGE_SIZE}`);
    const key =
      after === undefined || after === null ? null : decodeCursor(CURSOR_KIND, after, [isoInstantPart, uuidPart]);
    for (const field of ['openedAfter', 'openedBefore'] as const) {
      const value = filter[field];
      if (value !== undefined && value !== null && (!(value instanceof Date) || Number.isNaN(value.getTime())))
        throw badInput(`filter.${field}`, InputReason.INVALID_DATE, 'must be a date-time');
    }
    const organisationId = scope.organisationIds[0];
    const manager = this.dataSource.manager;
    const rows = await this.repo.breakGlass.reviewPage(
      manager,
      organisationId,
      filter,
      key && { openedAt: key[0], id: key[1] },
      size + 1,
    );
    const nodes = requireAccess(
      caller.principal,
      Capability.BREAK_GLASS_REVIEW,
      rows.slice(0, size),
      'Break-the-glass access',
    );
    caller.audit.touch(AuditAction.READ, 'CaseBreakGlass', nodes);
    return {
      nodes,
      cursors: nodes.map((n) => encodeCursor(CURSOR_KIND, [new Date(n.openedAt).toISOString(), n.id])),
      hasNextPage: rows.length > size,
      totalCount: () => this.repo.breakGlass.reviewCount(manager, organisationId, filter),
    };
  }

  /** Marks an access reviewed; `endAccess` ends it now if it is still active. Never by its opener. */
  async review(
    caller: Actor,
    manager: EntityManager,
    breakGlassId: string,
    comment: string,
    endAccess: boolean,
  ): Promise<BreakGlassRow> {
    requireCapability(caller.principal, Capability.BREAK_GLASS_REVIEW);
    const row =
      typeof breakGlassId === 'string' && UUID.test(breakGlassId)
        ? await this.repo.breakGlass.breakGlassById(manager, breakGlassId, true)
        : null;
    const [access] = requireAccess(caller.principal, Capability.BREAK_GLASS_REVIEW, [row], 'Break-the-glass access');
    if (!mayReviewBreakGlass(caller.principal.userId, access.userId))
      throw forbidden('Nobody reviews their own break-the-glass access (separation of duties)');
    if (access.reviewedAt !== null)
      throw badInput('id', CaseReason.BREAK_GLASS_ALREADY_REVIEWED, 'is already reviewed');
    await this.repo.breakGlass.review(
      manager,
      access.id,
      caller.principal.userId,
      boundedText('comment', comment, 1000, true),
    );
    if (endAccess) await this.repo.breakGlass.endBreakGlass(manager, access.id, caller.principal.userId);
    caller.audit.touch(AuditAction.UPDATE, 'CaseBreakGlass', [access]);
    return (await this.repo.breakGlass.breakGlassById(manager, access.id))!;
  }
}
