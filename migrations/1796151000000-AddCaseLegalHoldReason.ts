import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A legal hold with its reason, since when and by whom (docs/records.md#legal-hold): the owner's members
 * place and lift it through `setCaseLegalHold`. A hold set by hand before this migration keeps its place
 * with the reason OTHER, dated by the case's last update.
 */
export class AddCaseLegalHoldReason1796151000000 implements MigrationInterface {
  name = 'AddCaseLegalHoldReason1796151000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."legal_hold_reason" AS ENUM('LITIGATION', 'PUBLIC_ACCESS_REQUEST', 'SUPERVISORY_REVIEW', 'CRIMINAL_INVESTIGATION', 'OTHER')`);
    await queryRunner.query(`ALTER TABLE "case_file" ADD "legal_hold_reason" "public"."legal_hold_reason"`);
    await queryRunner.query(`ALTER TABLE "case_file" ADD "legal_hold_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_file" ADD "legal_hold_by" uuid`);
    await queryRunner.query(`UPDATE "case_file" SET "legal_hold_reason" = 'OTHER', "legal_hold_since" = "updated_at" WHERE "legal_hold"`);
    await queryRunner.query(`ALTER TABLE "case_file" ADD CONSTRAINT "case_file_legal_hold_reason" CHECK ("legal_hold" = ("legal_hold_reason" IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_file" DROP CONSTRAINT "case_file_legal_hold_reason"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "legal_hold_by"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "legal_hold_since"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP COLUMN "legal_hold_reason"`);
    await queryRunner.query(`DROP TYPE "public"."legal_hold_reason"`);
  }
}
