import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A legal hold on a case: retention never deletes it (docs/records.md). */
export class AddCaseLegalHold1796145617870 implements MigrationInterface {
  name = 'AddCaseLegalHold1796145617870';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_file" ADD "legal_hold" boolean NOT NULL DEFAULT false`);
    // The application role deletes no case or share directly; retention deletes through these two
    // functions, which delete only what retention may: closed cases and ended shares, never under a legal hold.
    await queryRunner.query(`
      CREATE FUNCTION retention_delete_cases(p_ids uuid[]) RETURNS SETOF uuid
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        DELETE FROM case_file WHERE id = ANY(p_ids) AND status = 'CLOSED' AND NOT legal_hold RETURNING id
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION retention_delete_shares(p_ids uuid[]) RETURNS SETOF uuid
      LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
        DELETE FROM case_share s USING case_file c
         WHERE s.id = ANY(p_ids) AND c.id = s.case_id AND NOT c.legal_hold
           AND (s.revoked_at IS NOT NULL OR (s.basis_kind = 'CONSENT' AND (s.consent_withdrawn_at IS NOT NULL OR s.consent_expires_at < now())))
        RETURNING s.id
      $$`);
    for (const fn of ['retention_delete_cases(uuid[])', 'retention_delete_shares(uuid[])']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO samverkan_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION retention_delete_shares(uuid[])`);
    await queryRunner.query(`DROP FUNCTION retention_delete_cases(uuid[])`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "legal_hold"`);
  }
}
