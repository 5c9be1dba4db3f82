import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Need-to-know inside shared cases: an audience on every note, task, meeting and assessment (the
 * content that existed was visible to every partner, so it stays SHARED; new content always states
 * its audience), the author organisation of tasks and meetings, who took a share, break-the-glass
 * accesses ended by a reviewer, and temporary passwords set by an administrator.
 */
export class ShareNeedToKnow1796133238475 implements MigrationInterface {
  name = 'ShareNeedToKnow1796133238475';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD "contact_function" text`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD "accepted_by" uuid`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    // A share whose organisation already has members was taken by the first of them.
    await queryRunner.query(
      `UPDATE "case_share" s SET "accepted_by" = m.user_id, "accepted_at" = m.added_at
         FROM (SELECT DISTINCT ON (case_id, organisation_id) case_id, organisation_id, user_id, added_at FROM "case_member" ORDER BY case_id, organisation_id, added_at, id) m
        WHERE m.case_id = s.case_id AND m.organisation_id = s.organisation_id`,
    );
    await queryRunner.query(`CREATE TYPE "public"."case_content_audience" AS ENUM('OWN_ORGANISATION', 'SHARED')`);
    for (const table of ['case_task', 'case_meeting', 'case_note', 'risk_assessment']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "audience" "public"."case_content_audience" NOT NULL DEFAULT 'SHARED'`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "audience" DROP DEFAULT`);
    }
    for (const table of ['case_task', 'case_meeting']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "author_organisation_id" uuid`);
      await queryRunner.query(`UPDATE "${table}" t SET "author_organisation_id" = u.organisation_id FROM "app_user" u WHERE u.id = t.created_by`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "author_organisation_id" SET NOT NULL`);
    }
    await queryRunner.query(`ALTER TABLE "case_break_glass" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" ADD "ended_by" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_break_glass" DROP COLUMN "ended_by"`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" DROP COLUMN "ended_at"`);
    for (const table of ['case_task', 'case_meeting']) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "author_organisation_id"`);
    for (const table of ['case_task', 'case_meeting', 'case_note', 'risk_assessment']) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "audience"`);
    await queryRunner.query(`DROP TYPE "public"."case_content_audience"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP COLUMN "accepted_at"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP COLUMN "accepted_by"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP COLUMN "contact_function"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "password_change_required"`);
  }
}
