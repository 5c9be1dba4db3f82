import { Pool } from 'pg';
import { PreventionActivityType } from '../src/modules/prevention/prevention-activity.entity';

/**
 * Synthetic prevention activities for the list benchmark, spread over the demo data's
 * organisations, areas, places and commitments so that the police liaison (a partner of both
 * municipalities) sees nearly all of them: the police's own, and the municipalities' shared ones in
 * their partnership's area. One in forty municipal activities stays private to its owner, so the
 * visibility predicate has something to filter.
 */
export const POLICE_LIAISON_EMAIL = 'kommunpolis@polisen.example';

export interface DemoIds {
  police: string;
  /** Per area: the municipality that shares it with the police, its places and commitments. */
  areas: { areaId: string; municipalityId: string; placeIds: string[]; commitmentIds: string[] }[];
  /** A creating user per organisation. */
  creators: Map<string, string>;
}

export async function demoIds(pool: Pool): Promise<DemoIds> {
  const police = (
    await pool.query<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [
      POLICE_LIAISON_EMAIL,
    ])
  ).rows[0];
  if (!police) throw new Error(`the demo data has no ${POLICE_LIAISON_EMAIL}`);
  // Each partnership of the police: its one other organisation and its areas.
  const partnerships = await pool.query<{ partnership_id: string; area_id: string; municipality_id: string }>(
    `SELECT pa.partnership_id, pa.area_id, po.organisation_id AS municipality_id
       FROM partnership_area pa
       JOIN partnership_organisation me ON me.partnership_id = pa.partnership_id AND me.organisation_id = $1
       JOIN partnership_organisation po ON po.partnership_id = pa.partnership_id AND po.organisation_id <> $1
      ORDER BY pa.area_id`,
    [police.organisation_id],
  );
  const places = await pool.query<{ id: string; area_id: string }>('SELECT id, area_id FROM place ORDER BY name');
  const commitments = await pool.query<{ id: string; partnership_id: string }>(
    'SELECT id, partnership_id FROM commitment ORDER BY title',
  );
  const creators = await pool.query<{ organisation_id: string; id: string }>(
    'SELECT DISTINCT ON (organisation_id) organisation_id, id FROM app_user ORDER BY organisation_id, email',
  );
  if (partnerships.rows.length === 0) throw new Error('the police liaison is in no partnership');
  return {
    police: police.organisation_id,
    areas: partnerships.rows.map((p) => ({
      areaId: p.area_id,
      municipalityId: p.municipality_id,
      placeIds: places.rows.filter((x) => x.area_id === p.area_id).map((x) => x.id),
      commitmentIds: commitments.rows.filter((c) => c.partnership_id === p.partnership_id).map((c) => c.id),
    })),
    creators: new Map(creators.rows.map((c) => [c.organisation_id, c.id])),
  };
}

const TYPES = Object.values(PreventionActivityType);
/** Starts 3 h 30 min 7.123 s apart from 2023-01-02: 10 000 distinct instants (with milliseconds) over 2023–2026. */
const FIRST_START_MS = Date.UTC(2023, 0, 2, 6, 0, 0);
const STEP_MS = ((3 * 60 + 30) * 60 + 7) * 1000 + 123;

const COLUMNS = `organisation_id, commitment_id, type, title, area_id, place_id, starts_at, ends_at, status, participating_actors,
  people_reached, visibility, created_by`;
const RECORD = `organisation_id uuid, commitment_id uuid, type prevention_activity_type, title text, area_id uuid, place_id uuid,
  starts_at timestamptz, ends_at timestamptz, status prevention_activity_status, participating_actors text[], people_reached int,
  visibility visibility, created_by uuid`;

/**
 * Inserts `count` activities in one statement (as the superuser), then ANALYZE. Returns how many
 * activities (of all in the table, the demo's own included) the police liaison may see.
 */
export async function insertBenchActivities(
  superUrl: string,
  count: number,
): Promise<{ seconds: number; visibleToPolice: number; total: number }> {
  const pool = new Pool({ connectionString: superUrl, max: 1, application_name: 'samverkan-bench-activities' });
  const started = Date.now();
  try {
    const ids = await demoIds(pool);
    const now = Date.now();
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const area = ids.areas[i % 3 === 2 ? ids.areas.length - 1 : 0];
      const ownedByPolice = i % 2 === 0;
      const organisationId = ownedByPolice ? ids.police : area.municipalityId;
      const startsAt = FIRST_START_MS + i * STEP_MS;
      const type = TYPES[i % TYPES.length];
      const past = startsAt < now;
      rows.push({
        organisation_id: organisationId,
        commitment_id:
          area.commitmentIds.length > 0 && i % 5 !== 0 ? area.commitmentIds[i % area.commitmentIds.length] : null,
        type,
        title: `Benchmark ${type.toLowerCase().replace(/_/g, ' ')} ${i + 1}`,
        area_id: area.areaId,
        place_id: area.placeIds.length > 0 && i % 7 !== 0 ? area.placeIds[i % area.placeIds.length] : null,
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(startsAt + 2 * 3_600_000).toISOString(),
        status: past ? (i % 13 === 0 ? 'CANCELLED' : 'DONE') : 'PLANNED',
        participating_actors: ownedByPolice ? ['Polisen LPO Södra Roslagen'] : ['Socialtjänsten', 'Föräldravandrare'],
        people_reached: past ? i % 60 : null,
        // The police's own: both visibilities; the municipalities': shared, except one in forty.
        visibility: ownedByPolice
          ? i % 4 === 0
            ? 'PARTNERSHIP'
            : 'ORGANISATION'
          : i % 40 === 1
            ? 'ORGANISATION'
            : 'PARTNERSHIP',
        created_by: ids.creators.get(organisationId),
      });
    }
    await pool.query(
      `INSERT INTO prevention_activity (${COLUMNS}) SELECT ${COLUMNS} FROM json_to_recordset($1::json) AS x(${RECORD})`,
      [JSON.stringify(rows)],
    );
    await pool.query('ANALYZE prevention_activity');
    const pairs = ids.areas.map((a) => [a.municipalityId, a.areaId]);
    const counts = (
      await pool.query<{ visible: number; total: number }>(
        `SELECT count(*) FILTER (WHERE a.organisation_id = $1 OR (a.visibility = 'PARTNERSHIP' AND (a.organisation_id, a.area_id) IN
                  (SELECT * FROM unnest($2::uuid[], $3::uuid[]))))::int AS visible,
                count(*)::int AS total
           FROM prevention_activity a`,
        [ids.police, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      )
    ).rows[0];
    return { seconds: (Date.now() - started) / 1000, visibleToPolice: counts.visible, total: counts.total };
  } finally {
    await pool.end();
  }
}

/** The benchmark's list query: one page with its four relations (no totalCount: the page is measured). */
export const ACTIVITIES_QUERY = `query Activities($after: String) {
  preventionActivities(first: 20, after: $after) {
    edges { cursor node { id title type status startsAt owner { id name kind } area { id name } place { id name } commitment { id title } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface ActivitiesPage {
  preventionActivities: {
    edges: { cursor: string; node: { id: string; startsAt: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const WALK_QUERY =
  'query Walk($after: String) { preventionActivities(first: 20, after: $after) { pageInfo { hasNextPage endCursor } } }';

/**
 * The cursor that opens page `page` (1-based), found by walking the API page by page from the
 * start; throws when the list ends first.
 */
interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export async function cursorOfPage(
  page: number,
  fetchPage: (query: string, after: string | null) => Promise<{ preventionActivities: { pageInfo: PageInfo } }>,
): Promise<string> {
  let after: string | null = null;
  for (let p = 1; p < page; p++) {
    const result: { preventionActivities: { pageInfo: PageInfo } } = await fetchPage(WALK_QUERY, after);
    const pageInfo = result.preventionActivities.pageInfo;
    if (!pageInfo.hasNextPage || !pageInfo.endCursor)
      throw new Error(`the activity list ends at page ${p}, before page ${page}`);
    after = pageInfo.endCursor;
  }
  if (after === null) throw new Error('page 1 has no cursor');
  return after;
}

/** The key inside an activity cursor, for the baseline's query parameters. */
export function cursorKey(cursor: string): { startsAt: string; id: string } {
  const [, , startsAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];
  return { startsAt, id };
}
