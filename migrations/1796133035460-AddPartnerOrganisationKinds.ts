import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The municipality's safety/security function and general partners as organisation kinds, their
 * roles, and the date a partnership was closed. Enum values are only added here; `down` rebuilds the
 * types without them and fails while any row still uses them.
 */
export class AddPartnerOrganisationKinds1796133035460 implements MigrationInterface {
  name = 'AddPartnerOrganisationKinds1796133035460';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."organisation_kind" ADD VALUE IF NOT EXISTS 'SAFETY_FUNCTION'`);
    await queryRunner.query(`ALTER TYPE "public"."organisation_kind" ADD VALUE IF NOT EXISTS 'PARTNER'`);
    await queryRunner.query(`ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'SAFETY_COORDINATOR'`);
    await queryRunner.query(`ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'PARTNER_CONTACT'`);
    await queryRunner.query(`ALTER TABLE "partnership" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partnership" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TYPE "public"."role" RENAME TO "role_old"`);
    await queryRunner.query(`CREATE TYPE "public"."role" AS ENUM('SOCIAL_WORKER', 'POLICE_LIAISON', 'TRAINING_COORDINATOR', 'AUDITOR', 'ADMIN')`);
    await queryRunner.query(`ALTER TABLE "user_role" ALTER COLUMN "role" TYPE "public"."role" USING "role"::text::"public"."role"`);
    await queryRunner.query(`DROP TYPE "public"."role_old"`);
    await queryRunner.query(`ALTER TYPE "public"."organisation_kind" RENAME TO "organisation_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."organisation_kind" AS ENUM('POLICE', 'SOCIAL_SERVICES')`);
    await queryRunner.query(`ALTER TABLE "organisation" ALTER COLUMN "kind" TYPE "public"."organisation_kind" USING "kind"::text::"public"."organisation_kind"`);
    await queryRunner.query(`ALTER TABLE "indicator_definition" ALTER COLUMN "reported_by" TYPE "public"."organisation_kind" USING "reported_by"::text::"public"."organisation_kind"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind_old"`);
  }
}
