import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityAndAudit1795692018510 implements MigrationInterface {
  name = 'CreateIdentityAndAudit1795692018510';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "request_id" uuid NOT NULL, "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_roles" text array NOT NULL, "session_hash" text, "client_address" text, "operation_type" text NOT NULL, "operation_name" text, "fields" text array NOT NULL, "action" text NOT NULL, "outcome" text NOT NULL, "error_code" text, "entity_type" text, "entity_ids" text array NOT NULL, "entity_organisation_ids" uuid array NOT NULL, "purpose" text, "tx_id" bigint, "hash" text NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_806add0204f192a9f867d0515c" ON "audit_event"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_7a2d6b21c108b71bb75a793a2f" ON "audit_event"  ("actor_user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5b0e99bf802ba24b674bb7819e" ON "audit_event"  ("actor_organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b3ea47a6d9d24ddfbe54de2dcc" ON "audit_event"  ("tx_id") `);
    await queryRunner.query(`CREATE TABLE "audit_checkpoint" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_horizon" bigint NOT NULL, "event_count" integer NOT NULL, "event_ids" bigint array NOT NULL, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_9720e45bb755b61bb1ab7d43839" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_245edaa1fa5941ca32f8ca9f64" ON "audit_checkpoint"  ("previous_hash") `);
    await queryRunner.query(`CREATE TYPE "public"."organisation_kind" AS ENUM('POLICE', 'SOCIAL_SERVICES')`);
    await queryRunner.query(`CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d9428f9c8e3052d6617e3aab0ed" UNIQUE ("name"), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "partnership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b00c101c386322ecde5ee3ea45e" UNIQUE ("name"), CONSTRAINT "PK_f1bf1be9f475497d8b396d4cc56" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "partnership_organisation" ("partnership_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_ca2c888269dd0082a60b874fb8a" PRIMARY KEY ("partnership_id", "organisation_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c39df9a8a0888da53d682358f7" ON "partnership_organisation"  ("organisation_id") `);
    await queryRunner.query(`CREATE TABLE "area" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_644ffaf8fbde4db798cb47712fe" UNIQUE ("name"), CONSTRAINT "PK_39d5e4de490139d6535d75f42ff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "partnership_area" ("partnership_id" uuid NOT NULL, "area_id" uuid NOT NULL, CONSTRAINT "PK_22f6f4060f7dd32d204c7e64d38" PRIMARY KEY ("partnership_id", "area_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6c7249b9b92ac9540da922c7c0" ON "partnership_area"  ("area_id") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3fa909d0e37c531ebc237703391" UNIQUE ("email"), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6fa42e978fa7d7adc32736e26f" ON "app_user"  ("organisation_id") `);
    await queryRunner.query(`CREATE TYPE "public"."role" AS ENUM('SOCIAL_WORKER', 'POLICE_LIAISON', 'TRAINING_COORDINATOR', 'AUDITOR', 'ADMIN')`);
    await queryRunner.query(`CREATE TABLE "user_role" ("user_id" uuid NOT NULL, "role" "public"."role" NOT NULL, CONSTRAINT "PK_9b74a030fe54fdef40e7a2194bc" PRIMARY KEY ("user_id", "role"))`);
    await queryRunner.query(`CREATE TABLE "user_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, CONSTRAINT "UQ_9ccf6d901cef4067214284f327e" UNIQUE ("token_hash"), CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "place" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "area_id" uuid NOT NULL, "name" text NOT NULL, "felt_unsafe" boolean NOT NULL DEFAULT false, "camera_monitored" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a3f044afc691157649aa9086c4d" UNIQUE ("area_id", "name"), CONSTRAINT "PK_96ab91d43aa89c5de1b59ee7cca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_dccab1c8fc4a7d7a4c93fc379e" ON "place"  ("area_id") `);
    await queryRunner.query(`CREATE TYPE "public"."commitment_status" AS ENUM('ACTIVE', 'COMPLETED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "commitment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partnership_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "responsible_organisation_ids" uuid array NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "status" "public"."commitment_status" NOT NULL DEFAULT 'ACTIVE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_45853ec6948860471e50cb07148" UNIQUE ("partnership_id", "title"), CONSTRAINT "PK_7a0899978d100f72269b3045d7e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5fce04a39f77f66523593dc542" ON "commitment"  ("partnership_id") `);
    await queryRunner.query(`ALTER TABLE "partnership_organisation" ADD CONSTRAINT "FK_a0fde7ccf464ff1acaf33a75938" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "partnership_organisation" ADD CONSTRAINT "FK_c39df9a8a0888da53d682358f73" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "partnership_area" ADD CONSTRAINT "FK_b7f6e7e75e341c082105fb799d7" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "partnership_area" ADD CONSTRAINT "FK_6c7249b9b92ac9540da922c7c08" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_role" ADD CONSTRAINT "FK_d0e5815877f7395a198a4cb0a46" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_session" ADD CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "place" ADD CONSTRAINT "FK_dccab1c8fc4a7d7a4c93fc379e2" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commitment" ADD CONSTRAINT "FK_5fce04a39f77f66523593dc542f" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // --- The application's role. Cluster-wide, so created only when missing (tests create many databases).
    await queryRunner.query(`DO $$ BEGIN
      CREATE ROLE samverkan_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samverkan_app`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO samverkan_app`);
    // Tables of later migrations get the same rights; audit tables revoke them again below.
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samverkan_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO samverkan_app`);
    await queryRunner.query(`REVOKE ALL ON "migrations" FROM samverkan_app`);

    // --- Audit: append-only for the application (privileges), and for everyone (triggers).
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_event", "audit_checkpoint" FROM samverkan_app`);
    await queryRunner.query(`CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit tables are append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_event', 'audit_checkpoint']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    }
    // The inserting transaction's id, for sealing in commit-safe order; never taken from the client.
    await queryRunner.query(`CREATE FUNCTION audit_event_set_tx_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_tx_id BEFORE INSERT ON "audit_event"
      FOR EACH ROW EXECUTE FUNCTION audit_event_set_tx_id()`);
    // "Who touched record X" is one indexed lookup: entity_ids @> ARRAY[X].
    await queryRunner.query(`CREATE INDEX "audit_event_entity_ids_gin" ON "audit_event" USING gin ("entity_ids")`);
    await queryRunner.query(`CREATE INDEX "audit_event_entity_org_gin" ON "audit_event" USING gin ("entity_organisation_ids")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "audit_event_entity_org_gin"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "audit_event_entity_ids_gin"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_event_tx_id ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_event_set_tx_id()`);
    for (const table of ['audit_event', 'audit_checkpoint']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_no_update_delete ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_refuse_change()`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM samverkan_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM samverkan_app`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM samverkan_app`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM samverkan_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM samverkan_app`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_5fce04a39f77f66523593dc542f"`);
    await queryRunner.query(`ALTER TABLE "place" DROP CONSTRAINT "FK_dccab1c8fc4a7d7a4c93fc379e2"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_13275383dcdf095ee29f2b3455a"`);
    await queryRunner.query(`ALTER TABLE "user_role" DROP CONSTRAINT "FK_d0e5815877f7395a198a4cb0a46"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd"`);
    await queryRunner.query(`ALTER TABLE "partnership_area" DROP CONSTRAINT "FK_6c7249b9b92ac9540da922c7c08"`);
    await queryRunner.query(`ALTER TABLE "partnership_area" DROP CONSTRAINT "FK_b7f6e7e75e341c082105fb799d7"`);
    await queryRunner.query(`ALTER TABLE "partnership_organisation" DROP CONSTRAINT "FK_c39df9a8a0888da53d682358f73"`);
    await queryRunner.query(`ALTER TABLE "partnership_organisation" DROP CONSTRAINT "FK_a0fde7ccf464ff1acaf33a75938"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5fce04a39f77f66523593dc542"`);
    await queryRunner.query(`DROP TABLE "commitment"`);
    await queryRunner.query(`DROP TYPE "public"."commitment_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dccab1c8fc4a7d7a4c93fc379e"`);
    await queryRunner.query(`DROP TABLE "place"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP TABLE "user_role"`);
    await queryRunner.query(`DROP TYPE "public"."role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6fa42e978fa7d7adc32736e26f"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6c7249b9b92ac9540da922c7c0"`);
    await queryRunner.query(`DROP TABLE "partnership_area"`);
    await queryRunner.query(`DROP TABLE "area"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c39df9a8a0888da53d682358f7"`);
    await queryRunner.query(`DROP TABLE "partnership_organisation"`);
    await queryRunner.query(`DROP TABLE "partnership"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_245edaa1fa5941ca32f8ca9f64"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b3ea47a6d9d24ddfbe54de2dcc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5b0e99bf802ba24b674bb7819e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7a2d6b21c108b71bb75a793a2f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_806add0204f192a9f867d0515c"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
