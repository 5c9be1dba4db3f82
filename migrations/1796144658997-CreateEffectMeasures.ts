import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Effect measures of the partnership report (issue #23): safety survey results per area and year, and
 * the expected effect (target) of each commitment. Recorded and replaced, never deleted by the application.
 */
export class CreateEffectMeasures1796144658997 implements MigrationInterface {
  name = 'CreateEffectMeasures1796144658997';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "safety_survey" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partnership_id" uuid NOT NULL, "area_id" uuid NOT NULL, "year" integer NOT NULL, "respondents" integer NOT NULL, "questions" jsonb NOT NULL, "recorded_by_organisation_id" uuid NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a6852024986c451a169ff301b41" UNIQUE ("partnership_id", "area_id", "year"), CONSTRAINT "CHK_5f2ff7f7e38f92999254285f85" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "CHK_e3c57d41d6d6bd9e9b32d2f186" CHECK ("respondents" >= 0), CONSTRAINT "PK_d7f6ccf9ae6176b6466b9200654" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6f980b6fd4de8e6f4f38da201d" ON "safety_survey"  ("partnership_id") `);
    await queryRunner.query(`CREATE TYPE "public"."effect_measure" AS ENUM('SURVEY_SHARE', 'ACTIVITIES', 'PEOPLE_REACHED')`);
    await queryRunner.query(`CREATE TYPE "public"."target_direction" AS ENUM('AT_LEAST', 'AT_MOST')`);
    await queryRunner.query(`CREATE TABLE "commitment_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commitment_id" uuid NOT NULL, "partnership_id" uuid NOT NULL, "description" text NOT NULL, "measure" "public"."effect_measure" NOT NULL, "survey_question" text, "survey_answer" text, "target_value" double precision NOT NULL, "direction" "public"."target_direction" NOT NULL, "recorded_by_organisation_id" uuid NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_44151c59cc1c1120b763c4d0ba2" UNIQUE ("commitment_id", "description"), CONSTRAINT "PK_f187c61d24ba584e82bb6aca46a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b076c202110c4f7332d009e173" ON "commitment_target"  ("commitment_id") `);
    // Explicit, in case this migration runs as another role than the one whose default privileges apply.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "safety_survey", "commitment_target" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "safety_survey", "commitment_target" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_b076c202110c4f7332d009e173"`);
    await queryRunner.query(`DROP TABLE "commitment_target"`);
    await queryRunner.query(`DROP TYPE "public"."target_direction"`);
    await queryRunner.query(`DROP TYPE "public"."effect_measure"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6f980b6fd4de8e6f4f38da201d"`);
    await queryRunner.query(`DROP TABLE "safety_survey"`);
  }
}
