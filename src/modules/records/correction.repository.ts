import type { EntityManager } from 'typeorm';
import type { CorrectionReason, RecordCorrection } from './correction.entity';

/** A correctable record of a case as the correction needs it. */
export interface CaseItemRow {
  id: string;
  caseId: string;
  authorOrganisationId: string;
  audience: string;
  value: string;
}

/** Where each correctable case field lives (table, author column, value column). Fixed: never from input. */
export const CASE_ITEM_FIELDS = {
  CaseNote: { table: 'case_note', author: 'author_organisation_id', field: 'text', column: 'text' },
  CaseMeeting: { table: 'case_meeting', author: 'author_organisation_id', field: 'decisions', column: 'decisions' },
  RiskAssessment: { table: 'risk_assessment', author: 'assessor_organisation_id', field: 'level', column: 'level' },
} as const;
export type CaseItemType = keyof typeof CASE_ITEM_FIELDS;

/** Prevention activity fields that can be corrected (column names). */
export const ACTIVITY_FIELDS = { title: 'title', description: 'description', outcomeNotes: 'outcome_notes' } as const;
export type ActivityField = keyof typeof ACTIVITY_FIELDS;

const COLUMNS = `c.id, c.entity_type AS "entityType", c.entity_id AS "entityId", c.organisation_id AS "organisationId",
  c.case_id AS "caseId", c.field, c.previous_value AS "previousValue", c.reason_code AS "reasonCode",
  c.corrected_by AS "correctedBy", c.corrected_at AS "correctedAt"`;

export class CorrectionRepository {
  async caseItem(manager: EntityManager, type: CaseItemType, id: string): Promise<CaseItemRow | null> {
    const t = CASE_ITEM_FIELDS[type];
    const rows: CaseItemRow[] = await manager.query(
      `SELECT id, case_id AS "caseId", ${t.author} AS "authorOrganisationId", audience::text AS audience, ${t.column}::text AS value
         FROM ${t.table} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setCaseItem(manager: EntityManager, type: CaseItemType, id: string, value: string): Promise<void> {
    const t = CASE_ITEM_FIELDS[type];
    const cast = type === 'RiskAssessment' ? '::case_risk_level' : '';
    await manager.query(`UPDATE ${t.table} SET ${t.column} = $2${cast} WHERE id = $1`, [id, value]);
  }

  async setActivityField(
    manager: EntityManager,
    id: string,
    field: ActivityField,
    value: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE prevention_activity SET ${ACTIVITY_FIELDS[field]} = $2, updated_at = now() WHERE id = $1`,
      [id, value],
    );
  }

  async insert(
    manager: EntityManager,
    c: {
      entityType: string;
      entityId: string;
      organisationId: string;
      caseId: string | null;
      field: string;
      previousValue: string | null;
      reasonCode: CorrectionReason;
      correctedBy: string;
    },
  ): Promise<RecordCorrection> {
    const rows: RecordCorrection[] = await manager.query(
      `INSERT INTO record_correction AS c (entity_type, entity_id, organisation_id, case_id, field, previous_value, reason_code, corrected_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [c.entityType, c.entityId, c.organisationId, c.caseId, c.field, c.previousValue, c.reasonCode, c.correctedBy],
    );
    return rows[0];
  }

  /** The corrections of one record made by one organisation, oldest first. */
  of(
    manager: EntityManager,
    organisationId: string,
    entityType: string,
    entityId: string,
  ): Promise<RecordCorrection[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM record_correction c
        WHERE c.organisation_id = $1 AND c.entity_type = $2 AND c.entity_id = $3 ORDER BY c.corrected_at, c.id`,
      [organisationId, entityType, entityId],
    );
  }
}

export interface ActivityRow {
  id: string;
  organisationId: string;
  visibility: string;
  title: string;
  description: string | null;
  outcomeNotes: string | null;
}

export async function activityForCorrection(manager: EntityManager, id: string): Promise<ActivityRow | null> {
  const rows: ActivityRow[] = await manager.query(
    `SELECT id, organisation_id AS "organisationId", visibility::text AS visibility, title, description, outcome_notes AS "outcomeNotes"
       FROM prevention_activity WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}
