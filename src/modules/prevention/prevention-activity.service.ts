import { checkActivityDates } from '../../shared/date-rules';
import type { DataSource, EntityManager } from 'typeorm';
import {
  allowedSubset,
  Capability,
  organisationScope,
  requireAccess,
  sharedWithOrganisations,
  visibilityScope,
  type PartnershipTopology,
} from '../../access/access';
import type { Actor } from '../../access/actor';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { PreventionReason } from './prevention.reasons';
import { refuseIdentityNumbers } from '../../shared/identity-number';
import { decodeCursor, encodeCursor, isoInstantPart, uuidPart } from '../../shared/cursor';
import { AuditAction } from '../audit/audit.recorder';
import {
  PreventionActivity,
  PreventionActivityStatus,
  Visibility,
  type PreventionActivityType,
} from './prevention-activity.entity';
import { PreventionActivityRepository, type ActivityFilter } from './prevention-activity.repository';
import type { Commitment, Place } from './prevention.entities';
import { followUpPeriods, type FollowUpPeriod } from './commitment-follow-up.report';
import { UUID } from '../../shared/ids';

export const MAX_TITLE_LENGTH = 200;
const CURSOR_KIND = 'prevention-activity';
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ActivityInput {
  title?: string;
  type?: PreventionActivityType;
  description?: string | null;
  areaId?: string;
  placeId?: string | null;
  commitmentId?: string | null;
  startsAt?: Date;
  endsAt?: Date | null;
  status?: PreventionActivityStatus;
  participatingActors?: string[];
  peopleReached?: number | null;
  outcomeNotes?: string | null;
  visibility?: Visibility;
}

/** `totalCount` counts at most this many activities; beyond it the count is this limit, marked as not exact. */
export const TOTAL_COUNT_LIMIT = 1_000;

/** A connection's total: exact up to TOTAL_COUNT_LIMIT, else the limit with `exact: false`. */
export interface TotalCount {
  count: number;
  exact: boolean;
}

export interface ActivityPage {
  nodes: PreventionActivity[];
  /** The cursor of `nodes[i]`, made only for the edges a query asks for. */
  cursor(i: number): string;
  hasNextPage: boolean;
  /** Counted on first call (only when the query asks for it), then remembered. */
  totalCount: () => Promise<TotalCount>;
}

/** Callers' view of one request: its topology is loaded once and reused. */
const cursorOf = (a: PreventionActivity): string =>
  encodeCursor(CURSOR_KIND, [new Date(a.startsAt).toISOString(), a.id]);

/** Drops absent filter values: an undefined in a query's where would silently widen it. */
function cleanFilter(filter: ActivityFilter): ActivityFilter {
  const out: ActivityFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof ActivityFilter, unknown][]) {
    if (value !== undefined && value !== null) (out as Record<string, unknown>)[key] = value;
  }
  for (const key of ['areaId', 'placeId', 'commitmentId', 'organisationId'] as const) {
    const value = out[key];
    if (value !== undefined && !UUID.test(value))
      throw badInput(`filter.${key}`, InputReason.INVALID_ID, 'must be an id');
  }
  if (out.from && out.to && out.from > out.to)
    throw badInput('filter.to', InputReason.RANGE_END_BEFORE_START, 'must not be before filter.from');
  return out;
}

export class PreventionActivityService {
  private readonly repo = new PreventionActivityRepository();

  constructor(private readonly dataSource: DataSource) {}

  placesByIds(ids: readonly string[]): Promise<Place[]> {
    return this.repo.placesByIds(this.dataSource.manager, ids);
  }

  commitmentsByIds(ids: readonly string[]): Promise<Commitment[]> {
    return this.repo.commitmentsByIds(this.dataSource.manager, ids);
  }

  private withSharing(
    activities: PreventionActivity[],
    topology: PartnershipTopology[],
  ): (PreventionActivity & { sharedWithOrganisationIds: string[] })[] {
    return activities.map((a) =>
      Object.assign(a, {
        sharedWithOrganisationIds:
          a.visibility === Visibility.PARTNERSHIP ? sharedWithOrganisations(topology, a.organisationId, a.areaId) : [],
      }),
    );
  }

  async list(
    caller: Actor,
    filter: ActivityFilter,
    first: number | undefined,
    after: string | undefined,
  ): Promise<ActivityPage> {
    const topology = await caller.topology();
    const scope = visibilityScope(caller.principal, Capability.ACTIVITY_READ, topology);
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
      throw badInput('first', InputReason.PAGE_SIZE_OUT_OF_RANGE, `must be between 1 and ${MAX_PAGE_SIZE}`);
    let key = null;
    if (after !== undefined && after !== null) {
      const [startsAt, id] = decodeCursor(CURSOR_KIND, after, [isoInstantPart, uuidPart]);
      key = { startsAt, id };
    }
    const clean = cleanFilter(filter);
    const rows = await this.repo.page(this.dataSource.manager, scope, clean, size, key);
    const page = rows.slice(0, size);
    // The query is already scoped; the record check is the access layer's second word on each row.
    const allowed = allowedSubset(caller.principal, Capability.ACTIVITY_READ, this.withSharing(page, topology));
    caller.audit.touch(AuditAction.READ, 'PreventionActivity', allowed);
    let total: Promise<TotalCount> | undefined;
    return {
      nodes: allowed,
      cursor: (i) => cursorOf(allowed[i]),
      hasNextPage: rows.length > size,
      totalCount: () =>
        (total ??= this.repo
          .countUpTo(this.dataSource.manager, scope, clean, TOTAL_COUNT_LIMIT)
          .then((n) =>
            n > TOTAL_COUNT_LIMIT ? { count: TOTAL_COUNT_LIMIT, exact: false } : { count: n, exact: true },
          )),
    };
  }

  /** Follow-up of a commitment the caller may read, counting the activities the caller may see. */
  async followUp(caller: Actor, commitment: Commitment, year: number): Promise<FollowUpPeriod[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw badInput('year', InputReason.NUMBER_OUT_OF_RANGE, 'must be a year between 2000 and 2100');
    const topology = await caller.topology();
    const scope = visibilityScope(caller.principal, Capability.ACTIVITY_READ, topology);
    const rows = await this.repo.followUp(this.dataSource.manager, scope, commitment.id, year);
    const findings = await this.repo.findingCounts(this.dataSource.manager, scope, commitment.id, year);
    return followUpPeriods(year, rows, findings);
  }

  async get(caller: Actor, id: string): Promise<PreventionActivity> {
    const topology = await caller.topology();
    const scope = visibilityScope(caller.principal, Capability.ACTIVITY_READ, topology);
    if (!UUID.test(id)) throw notFound('Prevention activity');
    const [row] = await this.repo.findVisible(this.dataSource.manager, scope, [id]);
    const records = row ? this.withSharing([row], topology) : [null];
    const [activity] = requireAccess(caller.principal, Capability.ACTIVITY_READ, records, 'Prevention activity');
    caller.audit.touch(AuditAction.READ, 'PreventionActivity', [activity]);
    return activity;
  }

  async create(caller: Actor, manager: EntityManager, input: ActivityInput): Promise<PreventionActivity> {
    organisationScope(caller.principal, Capability.ACTIVITY_WRITE); // OWN: the activity belongs to the caller's organisation
    const principal = caller.principal;
    const merged = await this.validate(caller, manager, input, null);
    const activity = await this.repo.insert(manager, {
      ...merged,
      organisationId: principal.organisationId,
      createdBy: principal.userId,
    });
    caller.audit.touch(AuditAction.CREATE, 'PreventionActivity', [activity]);
    return activity;
  }

  async update(caller: Actor, manager: EntityManager, id: string, input: ActivityInput): Promise<PreventionActivity> {
    const existing = await this.ownForUpdate(caller, manager, id);
    const merged = await this.validate(caller, manager, input, existing);
    Object.assign(existing, merged);
    const saved = await this.repo.save(manager, existing);
    caller.audit.touch(AuditAction.UPDATE, 'PreventionActivity', [saved]);
    return saved;
  }

  async cancel(caller: Actor, manager: EntityManager, id: string): Promise<PreventionActivity> {
    const existing = await this.ownForUpdate(caller, manager, id);
    if (existing.status === PreventionActivityStatus.DONE)
      throw badInput(
        'id',
        PreventionReason.COMPLETED_ACTIVITY_NOT_CANCELLABLE,
        'a completed activity cannot be cancelled',
      );
    existing.status = PreventionActivityStatus.CANCELLED;
    const saved = await this.repo.save(manager, existing);
    caller.audit.touch(AuditAction.UPDATE, 'PreventionActivity', [saved]);
    return saved;
  }

  private async ownForUpdate(caller: Actor, manager: EntityManager, id: string): Promise<PreventionActivity> {
    const scope = organisationScope(caller.principal, Capability.ACTIVITY_WRITE);
    const row = UUID.test(id) ? await this.repo.findOwnForUpdate(manager, scope, id) : null;
    return requireAccess(caller.principal, Capability.ACTIVITY_WRITE, [row], 'Prevention activity')[0];
  }

  /** Checks an activity as it will be after the change; returns the fields to store. */
  private async validate(
    caller: Actor,
    manager: EntityManager,
    input: ActivityInput,
    existing: PreventionActivity | null,
  ): Promise<Omit<PreventionActivity, 'id' | 'organisationId' | 'createdBy' | 'createdAt' | 'updatedAt'>> {
    const pick = <K extends keyof ActivityInput>(key: K, fallback: ActivityInput[K]): ActivityInput[K] =>
      input[key] !== undefined ? input[key] : fallback;
    const title = (pick('title', existing?.title) ?? '').trim();
    if (title.length === 0) throw badInput('title', InputReason.TEXT_EMPTY, 'must not be empty');
    if (title.length > MAX_TITLE_LENGTH)
      throw badInput('title', InputReason.TEXT_TOO_LONG, `must be at most ${MAX_TITLE_LENGTH} characters`);
    const type = pick('type', existing?.type);
    if (!type) throw badInput('type', InputReason.REQUIRED, 'is required');
    const areaId = pick('areaId', existing?.areaId);
    if (!areaId) throw badInput('areaId', InputReason.REQUIRED, 'is required');
    const startsAt = pick('startsAt', existing?.startsAt);
    if (!startsAt || Number.isNaN(new Date(startsAt).getTime()))
      throw badInput('startsAt', InputReason.REQUIRED, 'is required');
    const endsAt = pick('endsAt', existing?.endsAt ?? null) ?? null;
    if (endsAt && new Date(endsAt) < new Date(startsAt))
      throw badInput('endsAt', InputReason.RANGE_END_BEFORE_START, 'must not be before startsAt');
    const peopleReached = pick('peopleReached', existing?.peopleReached ?? null) ?? null;
    if (peopleReached !== null && (!Number.isInteger(peopleReached) || peopleReached < 0))
      throw badInput('peopleReached', InputReason.NUMBER_OUT_OF_RANGE, 'must be zero or more');
    const status =
      pick('status', existing?.status ?? PreventionActivityStatus.PLANNED) ?? PreventionActivityStatus.PLANNED;
    checkActivityDates({
      startsAt: new Date(startsAt),
      done: status === PreventionActivityStatus.DONE,
      peopleReached,
    });
    const actors = (pick('participatingActors', existing?.participatingActors ?? []) ?? [])
      .map((a) => a.trim())
      .filter((a) => a.length > 0);
    if (actors.length > 50 || actors.some((a) => a.length > 200))
      throw badInput(
        'participatingActors',
        InputReason.LIST_SIZE_OUT_OF_RANGE,
        'at most 50 names of at most 200 characters',
      );
    const description = pick('description', existing?.description ?? null) ?? null;
    if (description !== null && description.length > 10_000)
      throw badInput('description', InputReason.TEXT_TOO_LONG, 'must be at most 10000 characters');
    const outcomeNotes = pick('outcomeNotes', existing?.outcomeNotes ?? null) ?? null;
    if (outcomeNotes !== null && outcomeNotes.length > 10_000)
      throw badInput('outcomeNotes', InputReason.TEXT_TOO_LONG, 'must be at most 10000 characters');

    // Area, place and commitment must belong to the caller's partnerships: anything else answers
    // as unknown, whether it exists elsewhere or not.
    const topology = await caller.topology();
    const myAreas = new Set(topology.flatMap((p) => p.areaIds));
    if (!UUID.test(areaId) || !myAreas.has(areaId))
      throw badInput('areaId', PreventionReason.UNKNOWN_AREA, 'unknown area');
    const placeId = pick('placeId', existing?.placeId ?? null) ?? null;
    if (placeId !== null) {
      const [place] = UUID.test(placeId) ? await this.repo.placesByIds(manager, [placeId]) : [];
      if (!place || place.areaId !== areaId)
        throw badInput('placeId', PreventionReason.UNKNOWN_PLACE_IN_AREA, 'unknown place in this area');
    }
    const commitmentId = pick('commitmentId', existing?.commitmentId ?? null) ?? null;
    if (commitmentId !== null) {
      const [commitment] = UUID.test(commitmentId) ? await this.repo.commitmentsByIds(manager, [commitmentId]) : [];
      const partnership = commitment && topology.find((p) => p.partnershipId === commitment.partnershipId);
      if (!commitment || !partnership || !partnership.areaIds.includes(areaId))
        throw badInput('commitmentId', PreventionReason.UNKNOWN_COMMITMENT_IN_AREA, 'unknown commitment for this area');
    }
    const visibility = pick('visibility', existing?.visibility ?? Visibility.ORGANISATION) ?? Visibility.ORGANISATION;
    // A PARTNERSHIP activity is read by the partner organisations: no identity numbers in its texts.
    if (visibility === Visibility.PARTNERSHIP)
      refuseIdentityNumbers({ title, description, outcomeNotes, participatingActors: actors.join('\n') });
    return {
      title,
      type,
      description,
      areaId,
      placeId,
      commitmentId,
      startsAt: new Date(startsAt),
      endsAt: endsAt ? new Date(endsAt) : null,
      status,
      participatingActors: actors,
      peopleReached,
      outcomeNotes,
      visibility,
    };
  }
}
