import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Camera surveillance as a measure of its own (docs/cameras.md): cameras at places with their
 * permit, outages, and footage requests with their history. The application role never deletes
 * them, and a request's history is append-only.
 */
export class CreateCameras1796142871185 implements MigrationInterface {
  name = 'CreateCameras1796142871185';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "camera" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "place_id" uuid NOT NULL, "commitment_id" uuid, "name" text NOT NULL, "coverage" text NOT NULL, "permit_reference" text NOT NULL, "permit_decided_on" date NOT NULL, "permit_valid_until" date NOT NULL, "permit_conditions" text NOT NULL, "retention_days" integer NOT NULL, "operating_since" date NOT NULL, "decommissioned_on" date, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3e6992bc5e67b9f9a6f95a5fe6f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_66209f154734a18841cdf5369c" ON "camera"  ("organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0e2c599e61faedb3faad201c08" ON "camera"  ("place_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0a0c6e3a05e142fb11e033b095" ON "camera"  ("commitment_id") `);
    await queryRunner.query(`CREATE TABLE "camera_outage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "camera_id" uuid NOT NULL, "started_on" date NOT NULL, "ended_on" date, "note" text NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3ac31c408b764beb9fadc98d071" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bda811e82e9b5b1b697f19640d" ON "camera_outage"  ("camera_id") `);
    await queryRunner.query(`CREATE TYPE "public"."footage_request_status" AS ENUM('REQUESTED', 'HANDED_OVER', 'PARTLY_HANDED_OVER', 'REFUSED', 'WITHDRAWN')`);
    await queryRunner.query(`CREATE TABLE "footage_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "camera_id" uuid NOT NULL, "owner_organisation_id" uuid NOT NULL, "requesting_organisation_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "case_id" uuid, "incident_number" text, "status" "public"."footage_request_status" NOT NULL DEFAULT 'REQUESTED', "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decision_note" text, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d7f0cf2999b3c15f7b1a7c95783" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ac3b8736739be2a14e1bb14fd4" ON "footage_request"  ("camera_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7bbfc7c8e4764e1b517de82cb0" ON "footage_request"  ("owner_organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7ce6f73ea1d50c4b178c98ed5f" ON "footage_request"  ("requesting_organisation_id") `);
    await queryRunner.query(`CREATE TYPE "public"."footage_request_step" AS ENUM('REQUESTED', 'DECIDED', 'WITHDRAWN')`);
    await queryRunner.query(`CREATE TABLE "footage_request_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "step" "public"."footage_request_step" NOT NULL, "status" "public"."footage_request_status" NOT NULL, "actor_user_id" uuid NOT NULL, "actor_organisation_id" uuid NOT NULL, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e53d01ebfefe5a339d92ba1b4ee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3d743a1d5a1e0601ab43e13138" ON "footage_request_event"  ("request_id") `);
    await queryRunner.query(`ALTER TABLE "camera" ADD CONSTRAINT "FK_66209f154734a18841cdf5369c1" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "camera" ADD CONSTRAINT "FK_0e2c599e61faedb3faad201c08a" FOREIGN KEY ("place_id") REFERENCES "place"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "camera" ADD CONSTRAINT "FK_0a0c6e3a05e142fb11e033b0952" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "camera_outage" ADD CONSTRAINT "FK_bda811e82e9b5b1b697f19640d7" FOREIGN KEY ("camera_id") REFERENCES "camera"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "footage_request" ADD CONSTRAINT "FK_ac3b8736739be2a14e1bb14fd4e" FOREIGN KEY ("camera_id") REFERENCES "camera"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "footage_request_event" ADD CONSTRAINT "FK_3d743a1d5a1e0601ab43e13138a" FOREIGN KEY ("request_id") REFERENCES "footage_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "camera", "camera_outage", "footage_request" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "camera", "camera_outage", "footage_request" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "footage_request_event" TO samverkan_app`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "footage_request_event" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "footage_request_event" DROP CONSTRAINT "FK_3d743a1d5a1e0601ab43e13138a"`);
    await queryRunner.query(`ALTER TABLE "footage_request" DROP CONSTRAINT "FK_ac3b8736739be2a14e1bb14fd4e"`);
    await queryRunner.query(`ALTER TABLE "camera_outage" DROP CONSTRAINT "FK_bda811e82e9b5b1b697f19640d7"`);
    await queryRunner.query(`ALTER TABLE "camera" DROP CONSTRAINT "FK_0a0c6e3a05e142fb11e033b0952"`);
    await queryRunner.query(`ALTER TABLE "camera" DROP CONSTRAINT "FK_0e2c599e61faedb3faad201c08a"`);
    await queryRunner.query(`ALTER TABLE "camera" DROP CONSTRAINT "FK_66209f154734a18841cdf5369c1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3d743a1d5a1e0601ab43e13138"`);
    await queryRunner.query(`DROP TABLE "footage_request_event"`);
    await queryRunner.query(`DROP TYPE "public"."footage_request_step"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7ce6f73ea1d50c4b178c98ed5f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7bbfc7c8e4764e1b517de82cb0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ac3b8736739be2a14e1bb14fd4"`);
    await queryRunner.query(`DROP TABLE "footage_request"`);
    await queryRunner.query(`DROP TYPE "public"."footage_request_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bda811e82e9b5b1b697f19640d"`);
    await queryRunner.query(`DROP TABLE "camera_outage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0a0c6e3a05e142fb11e033b095"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0e2c599e61faedb3faad201c08"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_66209f154734a18841cdf5369c"`);
    await queryRunner.query(`DROP TABLE "camera"`);
  }
}
