import type { EntityManager } from 'typeorm';
import type { LegalHoldReason } from '../cases/case.entities';

/** The legal hold columns of a case (case_file). */
export class LegalHoldRepository {
  /** Places (`hold` given) or lifts (null) the hold of one case. */
  async set(
    manager: EntityManager,
    caseId: string,
    hold: { reason: LegalHoldReason; by: string } | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE case_file
          SET legal_hold = $2, legal_hold_reason = $3, legal_hold_since = CASE WHEN $2 THEN now() END, legal_hold_by = $4
        WHERE id = $1`,
      [caseId, hold !== null, hold?.reason ?? null, hold?.by ?? null],
    );
  }
}
