import type { EntityManager } from 'typeorm';
import type { LegalGround } from './legal-ground.entity';

const COLUMNS = `g.id, g.code, g.version, g.kind, g.citation, g.title, g.categories, g.valid_from::text AS "validFrom",
  g.valid_to::text AS "validTo", g.superseded_by_id AS "supersededById"`;

/** The Swedish date of the statement's transaction: the day a ground must be in force on. */
const TODAY_SQL = `(now() AT TIME ZONE 'Europe/Stockholm')::date`;

/** The catalogue of legal grounds (read only for the application; versions come from migrations). */
export class LegalGroundRepository {
  /** The version of a ground in force today (Swedish date), or null. */
  async inForce(manager: EntityManager, code: string): Promise<LegalGround | null> {
    const rows: LegalGround[] = await manager.query(
      `SELECT ${COLUMNS} FROM legal_ground g
        WHERE g.code = $1 AND g.valid_from <= ${TODAY_SQL} AND (g.valid_to IS NULL OR g.valid_to > ${TODAY_SQL})
        ORDER BY g.version DESC LIMIT 1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** The version each share cites, by share id. */
  async ofShares(manager: EntityManager, shareIds: readonly string[]): Promise<Map<string, LegalGround>> {
    const rows: (LegalGround & { shareId: string })[] = await manager.query(
      `SELECT s.id AS "shareId", ${COLUMNS} FROM case_share s JOIN legal_ground g ON g.id = s.legal_ground_id
        WHERE s.id = ANY($1::uuid[])`,
      [[...shareIds]],
    );
    return new Map(rows.map(({ shareId, ...g }) => [shareId, g]));
  }

  /** The catalogue: versions in force today, or every version. */
  list(manager: EntityManager, includeSuperseded: boolean): Promise<LegalGround[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM legal_ground g
        ${includeSuperseded ? '' : `WHERE g.valid_from <= ${TODAY_SQL} AND (g.valid_to IS NULL OR g.valid_to > ${TODAY_SQL})`}
        ORDER BY g.code, g.version`,
    );
  }
}
