import type { EntityManager } from 'typeorm';
import type { OrganisationScope, VisibilityScope } from '../../access/access';
import { assertNoUndefined, assertScope } from '../../db/scoped-repository';
import {
  PreventionActivity,
  PreventionActivityStatus,
  Visibility,
  type PreventionActivityType,
} from './prevention-activity.entity';
import { Commitment, Place } from './prevention.entities';

export interface ActivityFilter {
  types?: PreventionActivityType[];
  statuses?: PreventionActivityStatus[];
  areaId?: string;
  placeId?: string;
  commitmentId?: string;
  organisationId?: string;
  from?: Date;
  to?: Date;
}

export interface FollowUpRow {
  quarter: number;
  type: PreventionActivityType;
  status: PreventionActivityStatus;
  activities: number;
  peopleReached: number;
  placeIds: string[];
}

export interface ActivityKey {
  startsAt: string;
  id: string;
}

const COLUMNS = `a.id, a.organisation_id AS "organisationId", a.commitment_id AS "commitmentId", a.type, a.title,
  a.description, a.area_id AS "areaId", a.place_id AS "placeId", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
  a.status, a.participating_actors AS "participatingActors", a.people_reached AS "peopleReached",
  a.outcome_notes AS "outcomeNotes", a.visibility, a.created_by AS "createdBy", a.created_at AS "createdAt",
  a.updated_at AS "updatedAt"`;

/** Builds the parameterised WHERE of a read: the caller's visibility first, then the filters. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: (p: (value: unknown) => string) => string): void {
    this.parts.push(
      sql((value) => {
        this.params.push(value);
        return `$${this.params.length}`;
      }),
    );
  }
  toString(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.map((p) => `(${p})`).join(' AND ')}` : '';
  }
}

/** The only place prevention activities are queried. Reads always carry the caller's scope. */
export class PreventionActivityRepository {
  private visible(scope: VisibilityScope, filter: ActivityFilter): Where {
    assertScope(scope);
    assertNoUndefined(filter);
    const where = new Where();
    // Own organisation always; a partner's activity only when shared and in an area of a
    // partnership the caller shares with that partner (pairs computed by the access layer).
    where.add((p) => {
      const own = `a.organisation_id = ${p(scope.ownOrganisationId)}`;
      if (scope.sharedPairs.length === 0) return own;
      const orgs = p(scope.sharedPairs.map((x) => x.organisationId));
      const areas = p(scope.sharedPairs.map((x) => x.areaId));
      return `${own} OR (a.visibility = 'PARTNERSHIP' AND (a.organisation_id, a.area_id) IN
        (SELECT * FROM unnest(${orgs}::uuid[], ${areas}::uuid[])))`;
    });
    if (filter.types?.length) where.add((p) => `a.type = ANY(${p(filter.types)}::prevention_activity_type[])`);
    if (filter.statuses?.length)
      where.add((p) => `a.status = ANY(${p(filter.statuses)}::prevention_activity_status[])`);
    if (filter.areaId) where.add((p) => `a.area_id = ${p(filter.areaId)}`);
    if (filter.placeId) where.add((p) => `a.place_id = ${p(filter.placeId)}`);
    if (filter.commitmentId) where.add((p) => `a.commitment_id = ${p(filter.commitmentId)}`);
    if (filter.organisationId) where.add((p) => `a.organisation_id = ${p(filter.organisationId)}`);
    if (filter.from) where.add((p) => `a.starts_at >= ${p(filter.from)}`);
    if (filter.to) where.add((p) => `a.starts_at < ${p(filter.to)}`);
    return where;
  }

  /** One page, newest first, keyset on (starts_at, id); fetches one extra row to know if more follow. */
  async page(
    manager: EntityManager,
    scope: VisibilityScope,
    filter: ActivityFilter,
    first: number,
    after: ActivityKey | null,
  ): Promise<PreventionActivity[]> {
    const where = this.visible(scope, filter);
    if (after) where.add((p) => `(a.starts_at, a.id) < (${p(after.startsAt)}::timestamptz, ${p(after.id)}::uuid)`);
    return manager.query(
      `SELECT ${COLUMNS} FROM prevention_activity a ${where} ORDER BY a.starts_at DESC, a.id DESC LIMIT ${first + 1}`,
      where.params,
    );
  }

  async count(manager: EntityManager, scope: VisibilityScope, filter: ActivityFilter): Promise<number> {
    const where = this.visible(scope, filter);
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*) AS n FROM prevention_activity a ${where}`,
      where.params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Follow-up of one commitment for one calendar year (quarters in Swedish local time): activities
   * and people reached per quarter, type and status, and the places covered per quarter.
   */
  async followUp(
    manager: EntityManager,
    scope: VisibilityScope,
    commitmentId: string,
    year: number,
  ): Promise<FollowUpRow[]> {
    const where = this.visible(scope, { commitmentId });
    where.add((p) => `a.starts_at >= make_timestamptz(${p(year)}, 1, 1, 0, 0, 0, 'Europe/Stockholm')`);
    where.add((p) => `a.starts_at < make_timestamptz(${p(year + 1)}, 1, 1, 0, 0, 0, 'Europe/Stockholm')`);
    const rows: {
      quarter: number;
      type: PreventionActivityType;
      status: PreventionActivityStatus;
      activities: string;
      people: string;
      places: string[] | null;
    }[] = await manager.query(
      `SELECT extract(quarter FROM a.starts_at AT TIME ZONE 'Europe/Stockholm')::int AS quarter, a.type, a.status,
                count(*) AS activities, coalesce(sum(a.people_reached), 0) AS people,
                array_agg(DISTINCT a.place_id) FILTER (WHERE a.place_id IS NOT NULL) AS places
           FROM prevention_activity a ${where}
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      where.params,
    );
    return rows.map((r) => ({
      quarter: r.quarter,
      type: r.type,
      status: r.status,
      activities: Number(r.activities),
      peopleReached: Number(r.people),
      placeIds: r.places ?? [],
    }));
  }

  /** Findings of the visible activities of a commitment in a year, per quarter of their activity and status. */
  async findingCounts(
    manager: EntityManager,
    scope: VisibilityScope,
    commitmentId: string,
    year: number,
  ): Promise<{ quarter: number; status: string; findings: number }[]> {
    const where = this.visible(scope, { commitmentId });
    where.add((p) => `a.starts_at >= make_timestamptz(${p(year)}, 1, 1, 0, 0, 0, 'Europe/Stockholm')`);
    where.add((p) => `a.starts_at < make_timestamptz(${p(year + 1)}, 1, 1, 0, 0, 0, 'Europe/Stockholm')`);
    const rows: { quarter: number; status: string; findings: string }[] = await manager.query(
      `SELECT extract(quarter FROM a.starts_at AT TIME ZONE 'Europe/Stockholm')::int AS quarter, f.status, count(*) AS findings
         FROM prevention_finding f JOIN prevention_activity a ON a.id = f.activity_id ${where}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      where.params,
    );
    return rows.map((r) => ({ quarter: r.quarter, status: r.status, findings: Number(r.findings) }));
  }

  async findVisible(
    manager: EntityManager,
    scope: VisibilityScope,
    ids: readonly string[],
  ): Promise<PreventionActivity[]> {
    if (ids.length === 0) return [];
    const where = this.visible(scope, {});
    where.add((p) => `a.id = ANY(${p([...ids])}::uuid[])`);
    return manager.query(`SELECT ${COLUMNS} FROM prevention_activity a ${where}`, where.params);
  }

  /** For changes: only the caller's own organisation's activities, locked for the update. */
  async findOwnForUpdate(
    manager: EntityManager,
    scope: OrganisationScope,
    id: string,
  ): Promise<PreventionActivity | null> {
    assertScope(scope);
    return manager
      .getRepository(PreventionActivity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id AND a.organisation_id IN (:...orgs)', { id, orgs: [...scope.organisationIds] })
      .getOne();
  }

  insert(
    manager: EntityManager,
    activity: Omit<
      PreventionActivity,
      'id' | 'createdAt' | 'updatedAt' | 'organisation' | 'area' | 'place' | 'commitment'
    >,
  ): Promise<PreventionActivity> {
    return manager.save(manager.create(PreventionActivity, activity));
  }

  save(manager: EntityManager, activity: PreventionActivity): Promise<PreventionActivity> {
    return manager.save(activity);
  }

  // By id, for the per-request DataLoaders and validation: one plain statement each (the query
  // builder behind `find` cost more CPU than the statement itself on the list's hot path).
  async placesByIds(manager: EntityManager, ids: readonly string[]): Promise<Place[]> {
    if (ids.length === 0) return [];
    const rows: Place[] = await manager.query(
      `SELECT id, area_id AS "areaId", name, felt_unsafe AS "feltUnsafe", camera_monitored AS "cameraMonitored", created_at AS "createdAt"
         FROM place WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return rows.map((row) => Object.assign(new Place(), row));
  }

  async commitmentsByIds(manager: EntityManager, ids: readonly string[]): Promise<Commitment[]> {
    if (ids.length === 0) return [];
    // Dates as text: TypeORM hands `date` columns out as 'YYYY-MM-DD' strings, not Date objects.
    const rows: Commitment[] = await manager.query(
      `SELECT id, partnership_id AS "partnershipId", title, description, responsible_organisation_ids AS "responsibleOrganisationIds",
              period_start::text AS "periodStart", period_end::text AS "periodEnd", status, created_at AS "createdAt"
         FROM commitment WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return rows.map((row) => Object.assign(new Commitment(), row));
  }
}

export { PreventionActivity, PreventionActivityStatus, Visibility };
