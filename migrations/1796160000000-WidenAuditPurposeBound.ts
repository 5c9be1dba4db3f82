import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The purpose of an audit event holds every legal basis of the records it names (one per shared case,
 * about 70 characters each): 8,000 characters instead of 200, room for a 100-case page. The application
 * cuts a longer purpose between parts and counts what it left out (audit.bounds.ts); this trigger is the
 * backstop against a direct INSERT. Only the purpose bound changes; older rows keep what they had.
 */
export class WidenAuditPurposeBound1796160000000 implements MigrationInterface {
  name = 'WidenAuditPurposeBound1796160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(boundsTrigger(8000));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(boundsTrigger(200));
  }
}

/** The key-and-bounds trigger function of HardenAuditLog1796133123472, with the given purpose bound. */
function boundsTrigger(purposeBound: number): string {
  return `CREATE OR REPLACE FUNCTION audit_event_set_tx_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key_id IS NULL THEN
          RAISE EXCEPTION 'audit events need a key id' USING ERRCODE = 'check_violation';
        END IF;
        IF char_length(NEW.operation_name) > 128 OR char_length(NEW.error_code) > 64
           OR char_length(NEW.client_address) > 64 OR char_length(NEW.purpose) > ${purposeBound}
           OR char_length(NEW.entity_type) > 100 OR char_length(NEW.operation_type) > 16
           OR cardinality(NEW.fields) > 200 OR cardinality(NEW.entity_ids) > 1000
           OR cardinality(NEW.entity_organisation_ids) > 1000 OR cardinality(NEW.actor_roles) > 16
           OR EXISTS (SELECT 1 FROM unnest(NEW.fields) AS f WHERE char_length(f) > 100)
           OR EXISTS (SELECT 1 FROM unnest(NEW.entity_ids) AS i WHERE char_length(i) > 100) THEN
          RAISE EXCEPTION 'audit event exceeds its field bounds' USING ERRCODE = 'check_violation';
        END IF;
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`;
}
