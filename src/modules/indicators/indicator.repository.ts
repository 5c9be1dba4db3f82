import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import type { OrganisationKind } from '../../access/roles';
import { preparedStatement, queryPrepared } from '../../db/prepared';
import { assertScope } from '../../db/scoped-repository';
import { DetectionRecord, IndicatorDefinition } from './indicator.entities';
import type { RuleVersion } from './indicator-rule';

/** One (data owner, area) pair whose figures go into a table. */
export interface OwnerArea {
  organisationId: string;
  areaId: string;
}

export interface MonthlyTotal extends OwnerArea {
  year: number;
  month: number;
  total: number;
}

/** A month of one owner in one area as published at a publication point (frozen). */
export interface PublishedMonth extends MonthlyTotal {
  /** The sum of the record keys of the month's records, mod 2^32. */
  keySum: number;
}

/** A month whose version at `publishedOn` a table needs. */
export interface WantedMonth {
  year: number;
  month: number;
  /** YYYY-MM-DD: the publication point. */
  publishedOn: string;
}

/** What IndicatorRepository.tableData reads for one table request. */
export interface TableData {
  definition: IndicatorDefinition;
  versions: RuleVersion[];
  areas: { id: string; name: string }[];
  totals: MonthlyTotal[];
  /** The kind of every organisation of the pairs asked for. */
  organisationKinds: Map<string, OrganisationKind>;
}

export interface NewDetection {
  indicatorCode: string;
  areaId: string;
  occurredOn: string;
  count: number;
  organisationId: string;
  recordedBy: string;
}

/** A record with its page key (see `recordPage`). */
export type KeyedDetectionRecord = DetectionRecord & { recordedMicros: string };

const RECORD_COLUMNS = `id, indicator_code AS "indicatorCode", area_id AS "areaId", occurred_on::text AS "occurredOn", count,
  organisation_id AS "organisationId", recorded_by AS "recordedBy", recorded_at AS "recordedAt", voided_at AS "voidedAt",
  voided_by AS "voidedBy", void_reason AS "voidReason"`;

const DEFINITION_COLUMNS = `code, name_sv AS "nameSv", name_en AS "nameEn", description, reported_by AS "reportedBy", active, created_at AS "createdAt"`;

/**
 * A table read's data ($1 indicator code, $2..$3 years, $4/$5 the (owner, area) pairs as two
 * arrays, $6 the areas to name); see `IndicatorRepository.tableData`.
 */
const TABLE_DATA = preparedStatement(`SELECT ${DEFINITION_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('validFrom', r.valid_from::text, 'threshold', r.threshold, 'roundingBase', r.rounding_base) ORDER BY r.valid_from)
                          FROM indicator_rule_version r WHERE r.indicator_code = d.code), '[]'::json) AS versions,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name)) FROM area a WHERE a.id = ANY($6::uuid[])), '[]'::json) AS areas,
              COALESCE((SELECT json_object_agg(o.id, o.kind) FROM organisation o WHERE o.id = ANY($4::uuid[])), '{}'::json) AS kinds,
              COALESCE((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'areaId', m.area_id, 'year', m.year, 'month', m.month, 'total', m.total))
                          FROM detection_monthly m
                         WHERE m.indicator_code = d.code AND m.year BETWEEN $2 AND $3
                           AND (m.organisation_id, m.area_id) IN (SELECT * FROM unnest($4::uuid[], $5::uuid[]))), '[]'::json) AS totals
         FROM indicator_definition d WHERE d.code = $1`);

/** Adds $3 reads to user $1's count of day $2 unless the total would pass $4; a row back when counted. */
const COUNT_READS = preparedStatement(`INSERT INTO indicator_read_count AS c (user_id, day, reads) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, day) DO UPDATE SET reads = c.reads + EXCLUDED.reads WHERE c.reads + EXCLUDED.reads <= $4
       RETURNING c.reads`);

/**
 * The frozen publications of the wanted (pair × month × point): $1 indicator code, $2/$3 the
 * (owner, area) pairs, $4/$5/$6 the wanted months and their points. Rows that do not exist yet are
 * frozen from detection_monthly as it stands (zeros too) and returned by the same statement; a row
 * frozen by a concurrent read in the meantime is kept (ON CONFLICT DO NOTHING) and read again.
 */
const PUBLISHED_MONTHS = preparedStatement(`WITH wanted AS (
         SELECT p.organisation_id, p.area_id, w.year, w.month, w.published_on
           FROM unnest($2::uuid[], $3::uuid[]) AS p(organisation_id, area_id)
          CROSS JOIN unnest($4::int[], $5::int[], $6::date[]) AS w(year, month, published_on)),
       existing AS (
         SELECT x.organisation_id, x.area_id, x.year, x.month, x.total, x.key_sum
           FROM indicator_publication x JOIN wanted w
             ON (x.organisation_id, x.area_id, x.year, x.month, x.published_on) = (w.organisation_id, w.area_id, w.year, w.month, w.published_on)
          WHERE x.indicator_code = $1),
       frozen AS (
         INSERT INTO indicator_publication (indicator_code, organisation_id, area_id, year, month, published_on, total, key_sum)
         SELECT $1, w.organisation_id, w.area_id, w.year, w.month, w.published_on, COALESCE(m.total, 0), COALESCE(m.key_sum, 0)
           FROM wanted w
           LEFT JOIN detection_monthly m
             ON (m.indicator_code, m.organisation_id, m.area_id, m.year, m.month) = ($1, w.organisation_id, w.area_id, w.year, w.month)
          WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE (e.organisation_id, e.area_id, e.year, e.month) = (w.organisation_id, w.area_id, w.year, w.month))
          ORDER BY w.organisation_id, w.area_id, w.year, w.month
         ON CONFLICT DO NOTHING
         RETURNING organisation_id, area_id, year, month, total, key_sum)
SELECT organisation_id AS "organisationId", area_id AS "areaId", year, month, total, key_sum AS "keySum" FROM existing
UNION ALL
SELECT organisation_id, area_id, year, month, total, key_sum FROM frozen`);

/** The frozen publications only (the common case: every wanted month has been read before). */
const PUBLISHED_MONTHS_FROZEN =
  preparedStatement(`SELECT x.organisation_id AS "organisationId", x.area_id AS "areaId", x.year, x.month, x.total, x.key_sum AS "keySum"
   FROM unnest($2::uuid[], $3::uuid[]) AS p(organisation_id, area_id)
  CROSS JOIN unnest($4::int[], $5::int[], $6::date[]) AS w(year, month, published_on)
   JOIN indicator_publication x
     ON (x.indicator_code, x.organisation_id, x.area_id, x.year, x.month, x.published_on) = ($1, p.organisation_id, p.area_id, w.year, w.month, w.published_on)`);

/**
 * The only place indicator definitions, detection records and their monthly pre-aggregate are
 * queried. Detection records are read and changed only within the caller's organisation scope;
 * table reads take the (owner, area) pairs the access layer allowed and nothing else.
 */
export class IndicatorRepository {
  /** Definitions are not organisation data: every reader of indicator tables may list them. */
  async definitions(manager: EntityManager): Promise<IndicatorDefinition[]> {
    const rows: IndicatorDefinition[] = await manager.query(
      `SELECT ${DEFINITION_COLUMNS} FROM indicator_definition ORDER BY code`,
    );
    return rows.map((r) => Object.assign(new IndicatorDefinition(), r));
  }

  async definitionsByCodes(manager: EntityManager, codes: readonly string[]): Promise<IndicatorDefinition[]> {
    if (codes.length === 0) return [];
    const rows: IndicatorDefinition[] = await manager.query(
      `SELECT ${DEFINITION_COLUMNS} FROM indicator_definition WHERE code = ANY($1::text[])`,
      [[...codes]],
    );
    return rows.map((r) => Object.assign(new IndicatorDefinition(), r));
  }

  /** Every rule version of the given indicators, oldest first. */
  async ruleVersions(manager: EntityManager, codes: readonly string[]): Promise<Map<string, RuleVersion[]>> {
    const result = new Map<string, RuleVersion[]>();
    if (codes.length === 0) return result;
    const rows: { code: string; validFrom: string; threshold: number; roundingBase: number }[] = await manager.query(
      `SELECT indicator_code AS code, valid_from::text AS "validFrom", threshold, rounding_base AS "roundingBase"
         FROM indicator_rule_version WHERE indicator_code = ANY($1::text[]) ORDER BY indicator_code, valid_from`,
      [[...codes]],
    );
    for (const r of rows) {
      const list = result.get(r.code) ?? [];
      list.push({ validFrom: r.validFrom, threshold: r.threshold, roundingBase: r.roundingBase });
      result.set(r.code, list);
    }
    return result;
  }

  /** All-or-nothing: one statement, inside the caller's transaction. */
  async insertRecords(manager: EntityManager, records: readonly NewDetection[]): Promise<DetectionRecord[]> {
    if (records.length === 0) return [];
    const rows: DetectionRecord[] = await manager.query(
      `INSERT INTO detection_record (indicator_code, area_id, occurred_on, count, organisation_id, recorded_by)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::date[], $4::int[], $5::uuid[], $6::uuid[])
       RETURNING ${RECORD_COLUMNS}`,
      [
        records.map((r) => r.indicatorCode),
        records.map((r) => r.areaId),
        records.map((r) => r.occurredOn),
        records.map((r) => r.count),
        records.map((r) => r.organisationId),
        records.map((r) => r.recordedBy),
      ],
    );
    return rows.map((r) => Object.assign(new DetectionRecord(), r));
  }

  /** For a void: only the caller's own organisation's records, locked for the update. */
  async findOwnForUpdate(
    manager: EntityManager,
    scope: OrganisationScope,
    id: string,
  ): Promise<DetectionRecord | null> {
    assertScope(scope);
    const rows: DetectionRecord[] = await manager.query(
      `SELECT ${RECORD_COLUMNS} FROM detection_record WHERE id = $1 AND organisation_id = ANY($2::uuid[]) FOR UPDATE`,
      [id, [...scope.organisationIds]],
    );
    return rows[0] ? Object.assign(new DetectionRecord(), rows[0]) : null;
  }

  /**
   * A page of the caller's organisation's records, newest first (recorded_at, id descending), one
   * more than `first` to tell whether another page follows; voided records too. The key is
   * recorded_at in whole microseconds since the epoch (exact: records of one bulk call share it).
   */
  async recordPage(
    manager: EntityManager,
    scope: OrganisationScope,
    first: number,
    before: { recordedMicros: string; id: string } | null,
  ): Promise<KeyedDetectionRecord[]> {
    assertScope(scope);
    const params: unknown[] = [[...scope.organisationIds]];
    let keyset = '';
    if (before) {
      params.push(before.recordedMicros, before.id);
      keyset = `AND (recorded_at, id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid)`;
    }
    const rows: KeyedDetectionRecord[] = await manager.query(
      `SELECT ${RECORD_COLUMNS}, (extract(epoch FROM recorded_at) * 1000000)::bigint::text AS "recordedMicros"
         FROM detection_record WHERE organisation_id = ANY($1::uuid[]) ${keyset}
        ORDER BY recorded_at DESC, id DESC LIMIT ${first + 1}`,
      params,
    );
    return rows.map((r) => Object.assign(new DetectionRecord(), r));
  }

  async recordCount(manager: EntityManager, scope: OrganisationScope): Promise<number> {
    assertScope(scope);
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM detection_record WHERE organisation_id = ANY($1::uuid[])`,
      [[...scope.organisationIds]],
    );
    return rows[0]?.n ?? 0;
  }

  /** Voids a record (the trigger takes it out of the pre-aggregate in the same transaction). */
  async void(
    manager: EntityManager,
    scope: OrganisationScope,
    id: string,
    userId: string,
    reason: string,
  ): Promise<DetectionRecord> {
    assertScope(scope);
    // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, affected count].
    const [rows]: [DetectionRecord[], number] = await manager.query(
      `UPDATE detection_record SET voided_at = now(), voided_by = $3, void_reason = $4
        WHERE id = $1 AND organisation_id = ANY($2::uuid[]) AND voided_at IS NULL RETURNING ${RECORD_COLUMNS}`,
      [id, [...scope.organisationIds], userId, reason],
    );
    if (!rows[0]) throw new Error('detection record to void vanished inside its transaction');
    return Object.assign(new DetectionRecord(), rows[0]);
  }

  /**
   * Everything a table read needs, in one statement: the definition with its rule versions, the
   * names of the given areas, the monthly totals of `fromYear`..`toYear` for the given (owner,
   * area) pairs, and the kinds of those owners. The pairs come from the access layer; the
   * service picks which of them a table may use once it knows whether the indicator is the caller's
   * own. Null when no such indicator exists.
   */
  async tableData(
    manager: EntityManager,
    indicatorCode: string,
    fromYear: number,
    toYear: number,
    pairs: readonly OwnerArea[],
    areaIds: readonly string[],
  ): Promise<TableData | null> {
    const rows: (IndicatorDefinition & {
      versions: RuleVersion[];
      areas: TableData['areas'];
      totals: MonthlyTotal[];
      kinds: Record<string, OrganisationKind>;
    })[] = await queryPrepared(manager, TABLE_DATA, [
      indicatorCode,
      fromYear,
      toYear,
      pairs.map((p) => p.organisationId),
      pairs.map((p) => p.areaId),
      [...areaIds],
    ]);
    if (!rows[0]) return null;
    const { versions, areas, totals, kinds, ...definition } = rows[0];
    return {
      definition: Object.assign(new IndicatorDefinition(), definition),
      versions,
      areas,
      totals: totals.map((t) => ({ ...t, total: Number(t.total) })),
      organisationKinds: new Map(Object.entries(kinds)),
    };
  }

  /**
   * The published (frozen) months of the given pairs, freezing the ones first asked for now. Every
   * wanted (pair, month) is answered once.
   */
  async publishedMonths(
    manager: EntityManager,
    indicatorCode: string,
    pairs: readonly OwnerArea[],
    wanted: readonly WantedMonth[],
  ): Promise<PublishedMonth[]> {
    if (pairs.length === 0 || wanted.length === 0) return [];
    const parameters = [
      indicatorCode,
      pairs.map((p) => p.organisationId),
      pairs.map((p) => p.areaId),
      wanted.map((w) => w.year),
      wanted.map((w) => w.month),
      wanted.map((w) => w.publishedOn),
    ];
    const expected = pairs.length * wanted.length;
    type Row = Omit<PublishedMonth, 'total' | 'keySum'> & { total: string; keySum: string };
    // Reading first, and freezing only when something is missing, keeps the common read a plain SELECT.
    const frozen: Row[] = await queryPrepared(manager, PUBLISHED_MONTHS_FROZEN, parameters);
    if (frozen.length >= expected)
      return frozen.map((r) => ({ ...r, total: Number(r.total), keySum: Number(r.keySum) }));
    for (let attempt = 0; ; attempt++) {
      const rows: Row[] = await queryPrepared(manager, PUBLISHED_MONTHS, parameters);
      // Fewer rows: a concurrent read froze some of them after this statement's snapshot was taken.
      if (rows.length >= expected || attempt >= 2)
        return rows.map((r) => ({ ...r, total: Number(r.total), keySum: Number(r.keySum) }));
    }
  }

  /**
   * Counts `reads` protected-table reads of a user on a day, atomically and only while the total
   * stays within `cap`. Returns false (and counts nothing) when the reads would exceed the cap.
   */
  async countReads(manager: EntityManager, userId: string, day: string, reads: number, cap: number): Promise<boolean> {
    if (reads > cap) return false;
    const rows: unknown[] = await queryPrepared(manager, COUNT_READS, [userId, day, reads, cap]);
    return rows.length > 0;
  }
}
