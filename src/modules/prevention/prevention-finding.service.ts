import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { organisationScope, requireAccess, requireCapability, visibilityScope } from '../../access/access';
import { findingOwnerAllowed, findingReadable, findingWritable } from '../../access/finding-access';
import { Capability } from '../../access/policy';
import { checkDueOn, swedishDate } from '../../shared/date-rules';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { PreventionReason } from './prevention.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { boundedText } from '../cases/case.service';
import { PreventionActivityRepository } from './prevention-activity.repository';
import type { PreventionActivityService } from './prevention-activity.service';
import { PreventionFindingRepository, type FindingRow } from './prevention-finding.repository';
import { refuseIdentityNumber } from '../../shared/identity-number';
import { UUID } from '../../shared/ids';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const FINDING_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;

export interface RaiseFindingInput {
  activityId: string;
  placeId?: string | null;
  description: string;
  suggestedMeasure?: string | null;
  ownerOrganisationId: string;
  dueOn: string | Date;
}

export interface FindingView extends FindingRow {
  /** Raised in the activity asked about (false: an open finding at its place, to follow up). */
  raisedHere: boolean;
}

function dateArg(field: string, value: Date | string | null | undefined): string {
  const text =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
  if (typeof text !== 'string' || !DATE.test(text))
    throw badInput(field, InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
  return text;
}

/**
 * Findings of safety walks and patrols: place, description, suggested measure, made an action with an
 * owner organisation, a due date and a status; followed up in a later activity at the place and
 * counted in the commitment's yearly follow-up. Decisions: src/access/finding-access.ts.
 */
export class PreventionFindingService {
  private readonly repo = new PreventionFindingRepository();
  private readonly activityRepo = new PreventionActivityRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: PreventionActivityService,
    private readonly today: () => string = () => swedishDate(),
  ) {}

  async raise(caller: Actor, manager: EntityManager, input: RaiseFindingInput): Promise<FindingRow> {
    const scope = organisationScope(caller.principal, Capability.ACTIVITY_WRITE);
    const principal = caller.principal;
    const activity =
      typeof input.activityId === 'string' && UUID.test(input.activityId)
        ? await this.activityRepo.findOwnForUpdate(manager, scope, input.activityId)
        : null;
    const [own] = requireAccess(caller.principal, Capability.ACTIVITY_WRITE, [activity], 'Prevention activity');
    const description = refuseIdentityNumber('description', boundedText('description', input.description, 2000, true));
    const suggestedMeasure =
      input.suggestedMeasure === undefined || input.suggestedMeasure === null
        ? null
        : refuseIdentityNumber('suggestedMeasure', boundedText('suggestedMeasure', input.suggestedMeasure, 2000, true));
    let placeId = own.placeId ?? null;
    if (input.placeId !== undefined && input.placeId !== null) {
      const [place] = UUID.test(input.placeId) ? await this.activityRepo.placesByIds(manager, [input.placeId]) : [];
      if (!place || place.areaId !== own.areaId)
        throw badInput('placeId', PreventionReason.UNKNOWN_PLACE_IN_AREA, "unknown place in the activity's area");
      placeId = place.id;
    }
    const ownerOrganisationId =
      typeof input.ownerOrganisationId === 'string' ? input.ownerOrganisationId.toLowerCase() : '';
    if (!UUID.test(ownerOrganisationId) || !findingOwnerAllowed(principal, ownerOrganisationId))
      throw badInput(
        'ownerOrganisationId',
        PreventionReason.ORGANISATION_OUTSIDE_PARTNERSHIPS,
        'not an organisation of your partnerships',
      );
    const dueOn = dateArg('dueOn', input.dueOn);
    checkDueOn('dueOn', dueOn, this.today());
    const id = await this.repo.insert(manager, {
      activityId: own.id,
      placeId,
      description,
      suggestedMeasure,
      ownerOrganisationId,
      dueOn,
      createdBy: principal.userId,
    });
    caller.audit.touch(AuditAction.CREATE, 'PreventionFinding', [{ id, organisationId: own.organisationId }]);
    return (await this.repo.byId(manager, id))!;
  }

  /** Findings raised in the activity, and open findings at its place from other activities, as far as the caller may read them. */
  async forActivity(caller: Actor, activityId: string): Promise<FindingView[]> {
    const activity = await this.activities.get(caller, activityId); // NOT_FOUND unless the caller may read it
    const manager = this.dataSource.manager;
    const rows = await this.repo.byActivitiesOrOpenAtPlaces(
      manager,
      [activity.id],
      activity.placeId ? [activity.placeId] : [],
    );
    const scope = visibilityScope(caller.principal, Capability.ACTIVITY_READ, await caller.topology());
    const otherIds = [...new Set(rows.map((r) => r.activityId).filter((id) => id !== activity.id))];
    const visible = new Set([
      activity.id,
      ...(await this.activityRepo.findVisible(manager, scope, otherIds)).map((a) => a.id),
    ]);
    const result = rows
      .filter((r) => findingReadable(caller.principal, r, visible.has(r.activityId)))
      .map((r) => ({ ...r, raisedHere: r.activityId === activity.id }));
    for (const r of result)
      caller.audit.touch(AuditAction.READ, 'PreventionFinding', [
        { id: r.id, organisationId: r.activityOrganisationId },
      ]);
    return result;
  }

  /** Changes the status of a finding's action and records the activity it was followed up in. */
  async update(
    caller: Actor,
    manager: EntityManager,
    id: string,
    input: { status: string; followedUpInActivityId?: string | null },
  ): Promise<FindingRow> {
    requireCapability(caller.principal, Capability.ACTIVITY_WRITE);
    const finding = typeof id === 'string' && UUID.test(id) ? await this.repo.byId(manager, id, true) : null;
    if (!finding || !findingWritable(caller.principal, finding)) {
      caller.audit.refused(
        'PreventionFinding',
        typeof id === 'string' ? id : '',
        finding?.activityOrganisationId ?? null,
      );
      throw notFound('Finding');
    }
    if (!(FINDING_STATUSES as readonly string[]).includes(input.status))
      throw badInput('status', InputReason.UNKNOWN_VALUE, 'unknown status');
    let followedUp = finding.followedUpInActivityId;
    if (input.followedUpInActivityId !== undefined && input.followedUpInActivityId !== null) {
      const later = await this.activities.get(caller, input.followedUpInActivityId).catch(() => null);
      if (!later || later.id === finding.activityId)
        throw badInput('followedUpInActivityId', PreventionReason.UNKNOWN_FOLLOW_UP_ACTIVITY, 'unknown activity');
      followedUp = later.id;
    }
    await this.repo.update(manager, finding.id, input.status, followedUp);
    caller.audit.touch(AuditAction.UPDATE, 'PreventionFinding', [
      { id: finding.id, organisationId: finding.activityOrganisationId },
    ]);
    return (await this.repo.byId(manager, finding.id))!;
  }
}
