import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePreventionActivity1795692592338 implements MigrationInterface {
  name = 'CreatePreventionActivity1795692592338';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."prevention_activity_type" AS ENUM('SAFETY_PATROL', 'SAFETY_WALK', 'GUARD_PATROL', 'PARENT_WALK', 'YOUTH_OUTREACH', 'NEIGHBOURHOOD_WATCH', 'CAMERA_SURVEILLANCE', 'INFORMATION_CAMPAIGN', 'SCHOOL_PROGRAMME', 'STAFF_CONSULTATION', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."prevention_activity_status" AS ENUM('PLANNED', 'DONE', 'CANCELLED')`);
    await queryRunner.query(`CREATE TYPE "public"."visibility" AS ENUM('ORGANISATION', 'PARTNERSHIP')`);
    await queryRunner.query(`CREATE TABLE "prevention_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "commitment_id" uuid, "type" "public"."prevention_activity_type" NOT NULL, "title" text NOT NULL, "description" text, "area_id" uuid NOT NULL, "place_id" uuid, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "status" "public"."prevention_activity_status" NOT NULL DEFAULT 'PLANNED', "participating_actors" text array NOT NULL DEFAULT '{}', "people_reached" integer, "outcome_notes" text, "visibility" "public"."visibility" NOT NULL DEFAULT 'ORGANISATION', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8681c88a96174580e0899f58365" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9731957c5878418059077fbd11" ON "prevention_activity"  ("commitment_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c0ef8c299fee68f9d19dfc485d" ON "prevention_activity"  ("place_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e9f0ced1596796cbb4b88bd043" ON "prevention_activity"  ("area_id", "starts_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fcd654aea04d43dda0ce0761d2" ON "prevention_activity"  ("starts_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b56abaef3d44d64e246006a9ce" ON "prevention_activity"  ("organisation_id", "starts_at", "id") `);
    await queryRunner.query(`ALTER TABLE "prevention_activity" ADD CONSTRAINT "FK_129c878960241f53072b27b9d9c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "prevention_activity" ADD CONSTRAINT "FK_9731957c5878418059077fbd11c" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "prevention_activity" ADD CONSTRAINT "FK_c963207fe7db5169d8645f68d4a" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "prevention_activity" ADD CONSTRAINT "FK_c0ef8c299fee68f9d19dfc485d1" FOREIGN KEY ("place_id") REFERENCES "place"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Explicit, in case this migration runs as another role than the one whose default privileges apply.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "prevention_activity" TO samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prevention_activity" DROP CONSTRAINT "FK_c0ef8c299fee68f9d19dfc485d1"`);
    await queryRunner.query(`ALTER TABLE "prevention_activity" DROP CONSTRAINT "FK_c963207fe7db5169d8645f68d4a"`);
    await queryRunner.query(`ALTER TABLE "prevention_activity" DROP CONSTRAINT "FK_9731957c5878418059077fbd11c"`);
    await queryRunner.query(`ALTER TABLE "prevention_activity" DROP CONSTRAINT "FK_129c878960241f53072b27b9d9c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b56abaef3d44d64e246006a9ce"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fcd654aea04d43dda0ce0761d2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e9f0ced1596796cbb4b88bd043"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c0ef8c299fee68f9d19dfc485d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9731957c5878418059077fbd11"`);
    await queryRunner.query(`DROP TABLE "prevention_activity"`);
    await queryRunner.query(`DROP TYPE "public"."visibility"`);
    await queryRunner.query(`DROP TYPE "public"."prevention_activity_status"`);
    await queryRunner.query(`DROP TYPE "public"."prevention_activity_type"`);
  }
}
