import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTraining1795695577118 implements MigrationInterface {
  name = 'CreateTraining1795695577118';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "staff_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "unit" text NOT NULL, "name" text NOT NULL, "title" text NOT NULL, "user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c85429c32a0be87e67198581c7b" UNIQUE ("user_id"), CONSTRAINT "PK_342343208cbc30b3c14a976b0a0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_78dca08ac477e19790b4db1910" ON "staff_member"  ("organisation_id", "name", "id") `);
    await queryRunner.query(`CREATE TABLE "course" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "title" text NOT NULL, "provider" text NOT NULL, "hours" integer NOT NULL, "validity_months" integer, "renewal_window_days" integer NOT NULL DEFAULT '90', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5cf4963ae12285cda6432d5a3a4" UNIQUE ("code"), CONSTRAINT "PK_bf95180dd756fd204fb01ce4916" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "training_requirement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "course_id" uuid NOT NULL, "role" text, "unit" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4678eef3ee2becc74053a7301c4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_66f9fc8fc26ce589d65aef9759" ON "training_requirement"  ("organisation_id", "course_id") `);
    await queryRunner.query(`CREATE TABLE "training_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "place" text NOT NULL, "capacity" integer NOT NULL, "instructor" text NOT NULL, "joint" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a17a9657ff5a6e048bfd82c4651" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ada43db21ec7bda784451b66d8" ON "training_session"  ("course_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_9bec9f54ff6886db8d2ac54470" ON "training_session"  ("organisation_id", "starts_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."enrolment_status" AS ENUM('ENROLLED', 'WAITLISTED', 'COMPLETED', 'NO_SHOW', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "enrolment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "staff_member_id" uuid NOT NULL, "status" "public"."enrolment_status" NOT NULL, "completed_on" date, "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "enrolled_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7bad116bac583d1213f4fdaf2a6" UNIQUE ("session_id", "staff_member_id"), CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a350aee5efad58dbfaaeb86d34" ON "enrolment"  ("staff_member_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_20c0e031898c574f2f2ae7a77a" ON "enrolment"  ("session_id", "status", "enrolled_at") `);
    await queryRunner.query(`CREATE TABLE "training_completion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_member_id" uuid NOT NULL, "course_id" uuid NOT NULL, "completed_on" date NOT NULL, "enrolment_id" uuid, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe9ab758e222e1635dd78d9e739" UNIQUE ("enrolment_id"), CONSTRAINT "PK_9e355423993cc04ac0a49161bcc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7c9f831ff0c9b25849e341998a" ON "training_completion"  ("course_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c530d39c8643f68db74e709b4a" ON "training_completion"  ("staff_member_id", "course_id", "completed_on") `);
    await queryRunner.query(`ALTER TABLE "staff_member" ADD CONSTRAINT "FK_31e10aafcda9f1d964f6278fe32" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff_member" ADD CONSTRAINT "FK_c85429c32a0be87e67198581c7b" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_requirement" ADD CONSTRAINT "FK_61aacb36e99aebd2ab37f0254ad" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_requirement" ADD CONSTRAINT "FK_1806596c2f844df5999fdcea786" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD CONSTRAINT "FK_ada43db21ec7bda784451b66d82" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD CONSTRAINT "FK_3ea8a4229e4ba2b98d6d2d5ceb2" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "enrolment" ADD CONSTRAINT "FK_1044fca171a6347474cdeb1ba08" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "enrolment" ADD CONSTRAINT "FK_a350aee5efad58dbfaaeb86d348" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_completion" ADD CONSTRAINT "FK_e0446e55ce67bf20810479376aa" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_completion" ADD CONSTRAINT "FK_7c9f831ff0c9b25849e341998a2" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "training_completion" ADD CONSTRAINT "FK_fe9ab758e222e1635dd78d9e739" FOREIGN KEY ("enrolment_id") REFERENCES "enrolment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Explicit, in case this migration runs as another role than the one whose default privileges apply.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "staff_member" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "course" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "training_requirement" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "training_session" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "enrolment" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "training_completion" TO samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "training_completion" DROP CONSTRAINT "FK_fe9ab758e222e1635dd78d9e739"`);
    await queryRunner.query(`ALTER TABLE "training_completion" DROP CONSTRAINT "FK_7c9f831ff0c9b25849e341998a2"`);
    await queryRunner.query(`ALTER TABLE "training_completion" DROP CONSTRAINT "FK_e0446e55ce67bf20810479376aa"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "FK_a350aee5efad58dbfaaeb86d348"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "FK_1044fca171a6347474cdeb1ba08"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP CONSTRAINT "FK_3ea8a4229e4ba2b98d6d2d5ceb2"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP CONSTRAINT "FK_ada43db21ec7bda784451b66d82"`);
    await queryRunner.query(`ALTER TABLE "training_requirement" DROP CONSTRAINT "FK_1806596c2f844df5999fdcea786"`);
    await queryRunner.query(`ALTER TABLE "training_requirement" DROP CONSTRAINT "FK_61aacb36e99aebd2ab37f0254ad"`);
    await queryRunner.query(`ALTER TABLE "staff_member" DROP CONSTRAINT "FK_c85429c32a0be87e67198581c7b"`);
    await queryRunner.query(`ALTER TABLE "staff_member" DROP CONSTRAINT "FK_31e10aafcda9f1d964f6278fe32"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c530d39c8643f68db74e709b4a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c9f831ff0c9b25849e341998a"`);
    await queryRunner.query(`DROP TABLE "training_completion"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_20c0e031898c574f2f2ae7a77a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a350aee5efad58dbfaaeb86d34"`);
    await queryRunner.query(`DROP TABLE "enrolment"`);
    await queryRunner.query(`DROP TYPE "public"."enrolment_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9bec9f54ff6886db8d2ac54470"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ada43db21ec7bda784451b66d8"`);
    await queryRunner.query(`DROP TABLE "training_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_66f9fc8fc26ce589d65aef9759"`);
    await queryRunner.query(`DROP TABLE "training_requirement"`);
    await queryRunner.query(`DROP TABLE "course"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_78dca08ac477e19790b4db1910"`);
    await queryRunner.query(`DROP TABLE "staff_member"`);
  }
}
