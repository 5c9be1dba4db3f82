import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log against insiders and floods: keyed digests record their key generation; the
 * application role no longer inserts checkpoints (the sealer's own role does); the previous-hash index
 * is no longer unique (a forged checkpoint must not block the genuine chain); every new event must
 * carry a key id and respect the field bounds; request counting for the rate limit of anonymous and
 * refused requests, and one counter row per hour of what the limit refused.
 */
export class HardenAuditLog1796133123472 implements MigrationInterface {
  name = 'HardenAuditLog1796133123472';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_245edaa1fa5941ca32f8ca9f64"`);
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "key_id" text`);
    await queryRunner.query(`ALTER TABLE "audit_checkpoint" ADD "key_id" text`);
    await queryRunner.query(`CREATE INDEX "IDX_245edaa1fa5941ca32f8ca9f64" ON "audit_checkpoint"  ("previous_hash") `);

    // Bounds and key id, for every new row whoever inserts it (older rows keep what they had). The
    // application truncates before this; the trigger is the backstop against a direct INSERT.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_set_tx_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key_id IS NULL THEN
          RAISE EXCEPTION 'audit events need a key id' USING ERRCODE = 'check_violation';
        END IF;
        IF char_length(NEW.operation_name) > 128 OR char_length(NEW.error_code) > 64
           OR char_length(NEW.client_address) > 64 OR char_length(NEW.purpose) > 200
           OR char_length(NEW.entity_type) > 100 OR char_length(NEW.operation_type) > 16
           OR cardinality(NEW.fields) > 200 OR cardinality(NEW.entity_ids) > 1000
           OR cardinality(NEW.entity_organisation_ids) > 1000 OR cardinality(NEW.actor_roles) > 16
           OR EXISTS (SELECT 1 FROM unnest(NEW.fields) AS f WHERE char_length(f) > 100)
           OR EXISTS (SELECT 1 FROM unnest(NEW.entity_ids) AS i WHERE char_length(i) > 100) THEN
          RAISE EXCEPTION 'audit event exceeds its field bounds' USING ERRCODE = 'check_violation';
        END IF;
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION audit_checkpoint_require_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key_id IS NULL THEN
          RAISE EXCEPTION 'audit checkpoints need a key id' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_checkpoint_key BEFORE INSERT ON "audit_checkpoint"
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_require_key()`);

    // Sealing under its own role; the application role keeps SELECT (verification) but not INSERT.
    // Created only when missing: PostgreSQL checks CREATEROLE before it notices that a role exists, and
    // in the least-privilege setup a superuser creates the role beforehand (docs/operations.md).
    await queryRunner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'samverkan_sealer') THEN
        CREATE ROLE samverkan_sealer NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO samverkan_sealer`);
    await queryRunner.query(`GRANT SELECT ON "audit_event" TO samverkan_sealer`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "audit_checkpoint" TO samverkan_sealer`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "audit_checkpoint_id_seq" TO samverkan_sealer`);
    await queryRunner.query(`REVOKE INSERT ON "audit_checkpoint" FROM samverkan_app`);

    // The rate limit of requests without a valid session, per client address and minute, shared by
    // every API process. Rows are overwritten in place; stale ones are removed as they are met.
    await queryRunner.query(`CREATE TABLE "request_rate_window" ("client_address" text NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requests" integer NOT NULL, CONSTRAINT "PK_request_rate_window" PRIMARY KEY ("client_address"))`);
    // What the limit refused, one row per hour: counted, never stored request by request.
    await queryRunner.query(`CREATE TABLE "request_refusal_count" ("hour" TIMESTAMP WITH TIME ZONE NOT NULL, "refused" bigint NOT NULL, "client_addresses" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_request_refusal_count" PRIMARY KEY ("hour"))`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "request_rate_window", "request_refusal_count" TO samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "request_refusal_count"`);
    await queryRunner.query(`DROP TABLE "request_rate_window"`);
    await queryRunner.query(`GRANT INSERT ON "audit_checkpoint" TO samverkan_app`);
    await queryRunner.query(`REVOKE ALL ON "audit_checkpoint", "audit_event" FROM samverkan_sealer`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE "audit_checkpoint_id_seq" FROM samverkan_sealer`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM samverkan_sealer`);
    await queryRunner.query(`DROP TRIGGER audit_checkpoint_key ON "audit_checkpoint"`);
    await queryRunner.query(`DROP FUNCTION audit_checkpoint_require_key()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_set_tx_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP INDEX "public"."IDX_245edaa1fa5941ca32f8ca9f64"`);
    await queryRunner.query(`ALTER TABLE "audit_checkpoint" DROP COLUMN "key_id"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "key_id"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_245edaa1fa5941ca32f8ca9f64" ON "audit_checkpoint"  ("previous_hash") `);
  }
}
