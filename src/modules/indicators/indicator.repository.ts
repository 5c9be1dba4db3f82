import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import type { OrganisationKind } from '../../access/roles';
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

export interface NewDetection {
  indicatorCode: string;
  areaId: string;
  occurredOn: string;
  count: number;
  organisationId: string;
  recordedBy: string;
}

const RECORD_COLUMNS = `id, indicator_code AS "indicatorCode", area_id AS "areaId", occurred_on::text AS "occurredOn", count,
  organisation_id AS "organisationId", recorded_by AS "recordedBy", recorded_at AS "recordedAt", voided_at AS "voidedAt",
  voided_by AS "voidedBy", void_reason AS "voidReason"`;

const DEFINITION_COLUMNS = `code, name_sv AS "nameSv", name_en AS "nameEn", description, reported_by AS "reportedBy", active, created_at AS "createdAt"`;

/**
 * The only place indicator definitions, detection records and their monthly pre-aggregate are
 * queried. Detection records are read and changed only within the caller's organisation scope;
 * table reads take the (owner, area) pairs the access layer allowed and nothing else.
 */
export class IndicatorRepository {
  /** Definitions are not organisation data: every reader of indicator tables may list them. */
  async definitions(manager: EntityManager): Promise<IndicatorDefinition[]> {
    const rows: IndicatorDefinition[] = await manager.query(`SELECT ${DEFINITION_COLUMNS} FROM indicator_definition ORDER BY code`);
    return rows.map((r) => Object.assign(new IndicatorDefinition(), r));
  }

  async definitionsByCodes(manager: EntityManager, codes: readonly string[]): Promise<IndicatorDefinition[]> {
    if (codes.length === 0) return [];
    const rows: IndicatorDefinition[] = await manager.query(`SELECT ${DEFINITION_COLUMNS} FROM indicator_definition WHERE code = ANY($1::text[])`, [[...codes]]);
    return rows.map((r) => Object.assign(new IndicatorDefinition(), r));
  }

  /** One definition with every rule version of it (oldest first), in one query; null when unknown. */
  async definitionWithRules(manager: EntityManager, code: string): Promise<{ definition: IndicatorDefinition; versions: RuleVersion[] } | null> {
    const rows: (IndicatorDefinition & { versions: RuleVersion[] })[] = await manager.query(
      `SELECT ${DEFINITION_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('validFrom', r.valid_from::text, 'threshold', r.threshold, 'roundingBase', r.rounding_base) ORDER BY r.valid_from)
                          FROM indicator_rule_version r WHERE r.indicator_code = d.code), '[]'::json) AS versions
         FROM indicator_definition d WHERE d.code = $1`,
      [code],
    );
    if (!rows[0]) return null;
    const { versions, ...definition } = rows[0];
    return { definition: Object.assign(new IndicatorDefinition(), definition), versions };
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

  /** The kinds of the given organisations (partner organisations of the caller's partnerships). */
  async organisationKinds(manager: EntityManager, ids: readonly string[]): Promise<Map<string, OrganisationKind>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; kind: OrganisationKind }[] = await manager.query(`SELECT id, kind FROM organisation WHERE id = ANY($1::uuid[])`, [[...ids]]);
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  /** Names of areas (reference data; the caller's areas come from the access layer). */
  async areas(manager: EntityManager, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return manager.query(`SELECT id, name FROM area WHERE id = ANY($1::uuid[])`, [[...ids]]);
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
  async findOwnForUpdate(manager: EntityManager, scope: OrganisationScope, id: string): Promise<DetectionRecord | null> {
    assertScope(scope);
    const rows: DetectionRecord[] = await manager.query(
      `SELECT ${RECORD_COLUMNS} FROM detection_record WHERE id = $1 AND organisation_id = ANY($2::uuid[]) FOR UPDATE`,
      [id, [...scope.organisationIds]],
    );
    return rows[0] ? Object.assign(new DetectionRecord(), rows[0]) : null;
  }

  /** Voids a record (the trigger takes it out of the pre-aggregate in the same transaction). */
  async void(manager: EntityManager, scope: OrganisationScope, id: string, userId: string, reason: string): Promise<DetectionRecord> {
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
   * True monthly totals of one indicator for the given years, restricted to exactly the (owner,
   * area) pairs given. Reads the trigger-maintained pre-aggregate, one index range per year.
   */
  async monthly(manager: EntityManager, indicatorCode: string, fromYear: number, toYear: number, pairs: readonly OwnerArea[]): Promise<MonthlyTotal[]> {
    if (pairs.length === 0) return [];
    const rows: { organisationId: string; areaId: string; year: number; month: number; total: string }[] = await manager.query(
      `SELECT m.organisation_id AS "organisationId", m.area_id AS "areaId", m.year, m.month, m.total
         FROM detection_monthly m
        WHERE m.indicator_code = $1 AND m.year BETWEEN $2 AND $3
          AND (m.organisation_id, m.area_id) IN (SELECT * FROM unnest($4::uuid[], $5::uuid[]))`,
      [indicatorCode, fromYear, toYear, pairs.map((p) => p.organisationId), pairs.map((p) => p.areaId)],
    );
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  }

  /**
   * Counts `reads` protected-table reads of a user on a day, atomically and only while the total
   * stays within `cap`. Returns false (and counts nothing) when the reads would exceed the cap.
   */
  async countReads(manager: EntityManager, userId: string, day: string, reads: number, cap: number): Promise<boolean> {
    if (reads > cap) return false;
    const rows: unknown[] = await manager.query(
      `INSERT INTO indicator_read_count AS c (user_id, day, reads) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, day) DO UPDATE SET reads = c.reads + EXCLUDED.reads WHERE c.reads + EXCLUDED.reads <= $4
       RETURNING c.reads`,
      [userId, day, reads, cap],
    );
    return rows.length > 0;
  }
}
