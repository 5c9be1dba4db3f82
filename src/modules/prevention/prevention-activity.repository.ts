import type { EntityManager } from 'typeorm';
import type { OrganisationScope, VisibilityScope } from '../../access/access';
import { preparedStatement, queryPrepared, type PreparedStatement } from '../../db/prepared';
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

/** Places by id ($1 uuid[]): the per-request loader's statement, on the activity list's hot path. */
const PLACES_BY_IDS = preparedStatement(
  `SELECT id, area_id AS "areaId", name, felt_unsafe AS "feltUnsafe", camera_monitored AS "cameraMonitored", created_at AS "createdAt"
     FROM place WHERE id = ANY($1::uuid[])`,
);

/** Commitments by id ($1 uuid[]). Dates as text: TypeORM hands `date` columns out as 'YYYY-MM-DD' strings, not Date objects. */
const COMMITMENTS_BY_IDS = preparedStatement(
  `SELECT id, partnership_id AS "partnershipId", title, description, responsible_organisation_ids AS "responsibleOrganisationIds",
          period_start::text AS "periodStart", period_end::text AS "periodEnd", status, created_at AS "createdAt"
     FROM commitment WHERE id = ANY($1::uuid[])`,
);

/**
 * The unfiltered page, the list's hot path, as one of four fixed texts (with or without shared
 * pairs, with or without a keyset position; the page size a parameter), each a named prepared
 * statement. A filtered page's text depends on the filter and stays unnamed.
 */
const pageStatements = new Map<string, PreparedStatement>();
function unfilteredPageStatement(shared: boolean, keyset: boolean): PreparedStatement {
  const key = `${shared}:${keyset}`;
  let statement = pageStatements.get(key);
  if (!statement) {
    const own = 'a.organisation_id = $1';
    const visible = shared
      ? `${own} OR (a.visibility = 'PARTNERSHIP' AND (a.organisation_id, a.area_id) IN
        (SELECT * FROM unnest($2::uuid[], $3::uuid[])))`
      : own;
    const next = shared ? 4 : 2;
    const after = keyset ? ` AND ((a.starts_at, a.id) < ($${next}::timestamptz, $${next + 1}::uuid))` : '';
    const limit = `$${next + (keyset ? 2 : 0)}::int`;
    statement = preparedStatement(
      `SELECT ${COLUMNS} FROM prevention_activity a WHERE (${visible})${after} ORDER BY a.starts_at DESC, a.id DESC LIMIT ${limit}`,
    );
    pageStatements.set(key, statement);
  }
  return statement;
}

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
    if (Object.keys(filter).length === 0) {
      // The same parameters in the same order as `where` builds them, and the page size last.
      const params = [...where.params];
      if (after) params.push(after.startsAt, after.id);
      params.push(first + 1);
      return queryPrepared(manager, unfilteredPageStatement(scope.sharedPairs.length > 0, after !== null), params);
    }
    if (after) where.add((p) => `(a.starts_at, a.id) < (${p(after.startsAt)}::timestamptz, ${p(after.id)}::uuid)`);
    return manager.query(
      `SELECT ${COLUMNS} FROM prevention_activity a ${where} ORDER BY a.starts_at DESC, a.id DESC LIMIT ${first + 1}`,
      where.params,
    );
  }

  /**
   * The visible activities matching the filter, counted up to `limit + 1` rows at most: the cost is
   * bounded by the limit, not by the size of the table (an exact count read every visible row).
   */
  async countUpTo(
    manager: EntityManager,
    scope: VisibilityScope,
    filter: ActivityFilter,
    limit: number,
  ): Promise<number> {
    const where = this.visible(scope, filter);
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM prevention_activity a ${where} LIMIT ${Math.trunc(limit) + 1}) x`,
      where.params,
    );
    return rows[0]?.n ?? 0;
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
    const rows: Place[] = await queryPrepared(manager, PLACES_BY_IDS, [[...ids]]);
    return rows.map((row) => Object.assign(new Place(), row));
  }

  async commitmentsByIds(manager: EntityManager, ids: readonly string[]): Promise<Commitment[]> {
    if (ids.length === 0) return [];
    const rows: Commitment[] = await queryPrepared(manager, COMMITMENTS_BY_IDS, [[...ids]]);
    return rows.map((row) => Object.assign(new Commitment(), row));
  }
}

export { PreventionActivity, PreventionActivityStatus, Visibility };
