import type { EntityManager } from 'typeorm';
import { CaseShare, ConsentScope, LegalBasisKind, StatutoryGround } from './case.entities';
import { activeShareSql, IncomingShareRow, SHARE_COLUMNS } from './case-repository.support';

/** Shares of cases with partner organisations and their legal bases. */
export class CaseSharingRepository {
  // --- sharing ----------------------------------------------------------------------------------

  sharesOf(manager: EntityManager, caseIds: readonly string[]): Promise<(CaseShare & { active: boolean })[]> {
    return manager.query(
      `SELECT ${SHARE_COLUMNS} FROM case_share s WHERE s.case_id = ANY($1::uuid[]) ORDER BY s.case_id, s.created_at, s.id`,
      [[...caseIds]],
    );
  }

  async shareById(manager: EntityManager, id: string, lock = false): Promise<(CaseShare & { active: boolean }) | null> {
    const rows: (CaseShare & { active: boolean })[] = await manager.query(
      `SELECT ${SHARE_COLUMNS} FROM case_share s WHERE s.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertShare(
    manager: EntityManager,
    share: {
      caseId: string;
      organisationId: string;
      basisKind: LegalBasisKind;
      statutoryGround: StatutoryGround | null;
      consentScope: ConsentScope | null;
      consentGivenOn: string | null;
      consentExpiresAt: Date | null;
      contactFunction: string | null;
      createdBy: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_share (case_id, organisation_id, basis_kind, statutory_ground, consent_scope, consent_given_on, consent_expires_at, contact_function, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        share.caseId,
        share.organisationId,
        share.basisKind,
        share.statutoryGround,
        share.consentScope,
        share.consentGivenOn,
        share.consentExpiresAt,
        share.contactFunction,
        share.createdBy,
      ],
    );
    return rows[0].id;
  }

  /** Records who took the share (its organisation's first member). */
  async acceptShare(manager: EntityManager, id: string, userId: string): Promise<void> {
    await manager.query(`UPDATE case_share SET accepted_by = $2, accepted_at = now() WHERE id = $1`, [id, userId]);
  }

  /** The partner's inbox: active shares with the organisation, with what it needs to decide (risk level, sender), newest first. */
  incomingShares(manager: EntityManager, organisationId: string): Promise<IncomingShareRow[]> {
    return manager.query(
      `SELECT ${SHARE_COLUMNS}, c.risk_level AS "riskLevel", c.owner_organisation_id AS "senderOrganisationId"
         FROM case_share s JOIN case_file c ON c.id = s.case_id
        WHERE s.organisation_id = $1 AND c.status = 'OPEN' AND ${activeShareSql('s')} ORDER BY s.created_at DESC, s.id LIMIT 500`,
      [organisationId],
    );
  }

  async endShare(manager: EntityManager, id: string, how: 'withdraw' | 'revoke'): Promise<void> {
    const column = how === 'withdraw' ? 'consent_withdrawn_at' : 'revoked_at';
    await manager.query(`UPDATE case_share SET ${column} = now() WHERE id = $1 AND ${column} IS NULL`, [id]);
  }
}
