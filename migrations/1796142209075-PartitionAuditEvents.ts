import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `"id", "occurred_at", "request_id", "actor_user_id", "actor_organisation_id", "actor_roles", "session_hash",
  "client_address", "operation_type", "operation_name", "fields", "action", "outcome", "error_code", "entity_type",
  "entity_ids", "entity_organisation_ids", "purpose", "tx_id", "hash", "key_id"`;

/**
 * Retention: `audit_event` becomes a table partitioned by month of `occurred_at`, so that months older
 * than the retention period can be archived and dropped whole (`npm run audit:archive`). Every row is
 * copied with its id, transaction id and digest unchanged (the digests cover neither); the identity
 * continues after the highest id. The append-only triggers, the key-and-bounds trigger, the rights of
 * the application and sealer roles and the indexes are the same as before, on the parent and on every
 * partition. Partitions exist from the oldest event's month to twelve months ahead, and a default
 * partition takes anything outside them, so an insert never fails for want of a partition.
 * `audit_event_create_partition(month)` (the owner's; the archive command calls it for months ahead)
 * makes one more month with the same protection. `audit_archive` records what was archived and dropped,
 * signed with the audit key, so that verification starts where the archive ends.
 */
export class PartitionAuditEvents1796142209075 implements MigrationInterface {
  name = 'PartitionAuditEvents1796142209075';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" RENAME TO "audit_event_unpartitioned"`);
    await queryRunner.query(
      `ALTER TABLE "audit_event_unpartitioned" RENAME CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" TO "audit_event_unpartitioned_pkey"`,
    );
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "request_id" uuid NOT NULL, "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_roles" text array NOT NULL, "session_hash" text, "client_address" text, "operation_type" text NOT NULL, "operation_name" text, "fields" text array NOT NULL, "action" text NOT NULL, "outcome" text NOT NULL, "error_code" text, "entity_type" text, "entity_ids" text array NOT NULL, "entity_organisation_ids" uuid array NOT NULL, "purpose" text, "tx_id" bigint, "hash" text NOT NULL, "key_id" text, CONSTRAINT "PK_audit_event_id_occurred_at" PRIMARY KEY ("id", "occurred_at")) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(`REVOKE ALL ON "audit_event" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "audit_event" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT ON "audit_event" TO samverkan_sealer`);

    // One month: reachable through the parent only (the roles have no rights on the partition itself),
    // and its own TRUNCATE trigger (statement triggers are not inherited by partitions).
    await queryRunner.query(`CREATE FUNCTION audit_event_create_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE
        first date := date_trunc('month', month)::date;
        name text := 'audit_event_' || to_char(first, 'YYYY_MM');
      BEGIN
        IF to_regclass(name) IS NOT NULL THEN RETURN name; END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
          name, first::timestamp AT TIME ZONE 'UTC', (first + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, samverkan_app, samverkan_sealer', name);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()',
          name || '_no_truncate', name);
        RETURN name;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION audit_event_create_partition(date) FROM PUBLIC`);
    await queryRunner.query(`CREATE TABLE "audit_event_default" PARTITION OF "audit_event" DEFAULT`);
    await queryRunner.query(`REVOKE ALL ON "audit_event_default" FROM PUBLIC, samverkan_app, samverkan_sealer`);
    await queryRunner.query(`CREATE TRIGGER audit_event_default_no_truncate BEFORE TRUNCATE ON "audit_event_default"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    await queryRunner.query(`SELECT audit_event_create_partition(m::date)
      FROM generate_series(
        date_trunc('month', LEAST(now(), COALESCE((SELECT min(occurred_at) FROM "audit_event_unpartitioned"), now())) AT TIME ZONE 'UTC'),
        date_trunc('month', (now() + interval '12 months') AT TIME ZONE 'UTC'), interval '1 month') AS m`);

    // The rows, unchanged (no trigger yet: they keep their transaction ids and their key ids or none).
    await queryRunner.query(`INSERT INTO "audit_event" (${COLUMNS}) OVERRIDING SYSTEM VALUE
      SELECT ${COLUMNS} FROM "audit_event_unpartitioned"`);
    await queryRunner.query(`DO $$ DECLARE copied bigint; kept bigint; BEGIN
      SELECT count(*) INTO copied FROM audit_event;
      SELECT count(*) INTO kept FROM audit_event_unpartitioned;
      IF copied <> kept THEN RAISE EXCEPTION 'audit_event: % rows copied of %', copied, kept; END IF;
    END $$`);
    await queryRunner.query(`SELECT setval(pg_get_serial_sequence('audit_event', 'id'),
      COALESCE((SELECT max(id) FROM "audit_event_unpartitioned"), 0) + 1, false)`);
    await queryRunner.query(`DROP TABLE "audit_event_unpartitioned"`);
    await queryRunner.query(`ALTER SEQUENCE "audit_event_id_seq1" RENAME TO "audit_event_id_seq"`);

    await queryRunner.query(`CREATE INDEX "IDX_806add0204f192a9f867d0515c" ON "audit_event"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_7a2d6b21c108b71bb75a793a2f" ON "audit_event"  ("actor_user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5b0e99bf802ba24b674bb7819e" ON "audit_event"  ("actor_organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b3ea47a6d9d24ddfbe54de2dcc" ON "audit_event"  ("tx_id") `);
    await queryRunner.query(`CREATE INDEX "audit_event_entity_ids_gin" ON "audit_event" USING gin ("entity_ids")`);
    await queryRunner.query(`CREATE INDEX "audit_event_entity_org_gin" ON "audit_event" USING gin ("entity_organisation_ids")`);
    await queryRunner.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event"
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_event_tx_id BEFORE INSERT ON "audit_event"
      FOR EACH ROW EXECUTE FUNCTION audit_event_set_tx_id()`);

    // What was archived and dropped: the last archived checkpoint (where verification starts), the
    // archive file's digest, and an HMAC over the row under the audit key (the owner cannot forge one).
    await queryRunner.query(`CREATE TABLE "audit_archive" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "archived_at" TIMESTAMP WITH TIME ZONE NOT NULL, "file_name" text NOT NULL, "file_sha256" text NOT NULL, "partitions" text array NOT NULL, "before_month" date NOT NULL, "first_checkpoint_id" bigint, "last_checkpoint_id" bigint NOT NULL, "last_checkpoint_hash" text NOT NULL, "tx_horizon" bigint NOT NULL, "event_count" bigint NOT NULL, "key_id" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_audit_archive_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`REVOKE ALL ON "audit_archive" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT ON "audit_archive" TO samverkan_app, samverkan_sealer`);
    await queryRunner.query(`CREATE TRIGGER audit_archive_no_update_delete BEFORE UPDATE OR DELETE ON "audit_archive"
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_archive_no_truncate BEFORE TRUNCATE ON "audit_archive"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
  }

  async down(): Promise<void> {
    // Partitions may already have been archived and dropped; going back would pretend they were not.
    throw new Error('PartitionAuditEvents cannot be reverted: restore the database from a backup');
  }
}
