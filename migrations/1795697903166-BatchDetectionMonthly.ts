import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * detection_monthly kept by statement-level triggers with transition tables instead of one upsert
 * per record: a bulk insert (recordDetections, imports) adds each (indicator, year, owner, area,
 * month) once per statement, and a void subtracts once per key. A per-row upsert rewrote the same
 * few hundred pre-aggregate rows once per record, leaving a dead tuple behind each time (1,000,000
 * records: over 4 minutes, and table reads crawled through the dead versions until vacuum).
 * The row-level checks (never deleted; only voiding is a change, and it is final) stay a BEFORE
 * row trigger. Still in the same statement, hence exact in every transaction that sees the records.
 */
export class BatchDetectionMonthly1795697903166 implements MigrationInterface {
  name = 'BatchDetectionMonthly1795697903166';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER detection_record_monthly ON "detection_record"`);
    await queryRunner.query(`DROP FUNCTION detection_monthly_apply()`);
    await queryRunner.query(`CREATE FUNCTION detection_record_guard() RETURNS trigger LANGUAGE plpgsql
      SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'detection records are never deleted; void them instead';
        END IF;
        -- UPDATE: only voiding is a change; what was counted never changes, and a void is final.
        IF (NEW.id, NEW.indicator_code, NEW.area_id, NEW.occurred_on, NEW.count, NEW.organisation_id, NEW.recorded_by, NEW.recorded_at)
           IS DISTINCT FROM (OLD.id, OLD.indicator_code, OLD.area_id, OLD.occurred_on, OLD.count, OLD.organisation_id, OLD.recorded_by, OLD.recorded_at) THEN
          RAISE EXCEPTION 'detection records cannot be changed, only voided';
        END IF;
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided detection record cannot be changed';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION detection_record_guard() FROM PUBLIC`);
    await queryRunner.query(`CREATE TRIGGER detection_record_guard BEFORE UPDATE OR DELETE ON "detection_record"
      FOR EACH ROW EXECUTE FUNCTION detection_record_guard()`);
    // SECURITY DEFINER: they write detection_monthly, which the application role cannot. Keys in
    // primary-key order, so that concurrent statements lock pre-aggregate rows in the same order.
    await queryRunner.query(`CREATE FUNCTION detection_monthly_insert() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO detection_monthly AS m (indicator_code, year, organisation_id, area_id, month, total)
        SELECT indicator_code, extract(year FROM occurred_on)::int, organisation_id, area_id, extract(month FROM occurred_on)::int, sum(count)
          FROM new_records WHERE voided_at IS NULL
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (indicator_code, year, organisation_id, area_id, month) DO UPDATE SET total = m.total + EXCLUDED.total;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION detection_monthly_void() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE detection_monthly m SET total = m.total - v.total
          FROM (SELECT o.indicator_code, extract(year FROM o.occurred_on)::int AS year, o.organisation_id, o.area_id,
                       extract(month FROM o.occurred_on)::int AS month, sum(o.count) AS total
                  FROM old_records o JOIN new_records n ON n.id = o.id
                 WHERE o.voided_at IS NULL AND n.voided_at IS NOT NULL
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5) v
         WHERE m.indicator_code = v.indicator_code AND m.year = v.year AND m.organisation_id = v.organisation_id
           AND m.area_id = v.area_id AND m.month = v.month;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION detection_monthly_insert(), detection_monthly_void() FROM PUBLIC`);
    await queryRunner.query(`CREATE TRIGGER detection_record_monthly_insert AFTER INSERT ON "detection_record"
      REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION detection_monthly_insert()`);
    await queryRunner.query(`CREATE TRIGGER detection_record_monthly_void AFTER UPDATE ON "detection_record"
      REFERENCING OLD TABLE AS old_records NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION detection_monthly_void()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER detection_record_monthly_void ON "detection_record"`);
    await queryRunner.query(`DROP TRIGGER detection_record_monthly_insert ON "detection_record"`);
    await queryRunner.query(`DROP TRIGGER detection_record_guard ON "detection_record"`);
    await queryRunner.query(`DROP FUNCTION detection_monthly_void()`);
    await queryRunner.query(`DROP FUNCTION detection_monthly_insert()`);
    await queryRunner.query(`DROP FUNCTION detection_record_guard()`);
    // The per-row trigger of CreateIndicators, as it was.
    await queryRunner.query(`CREATE FUNCTION detection_monthly_apply() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'detection records are never deleted; void them instead';
        END IF;
        IF TG_OP = 'INSERT' THEN
          IF NEW.voided_at IS NULL THEN
            INSERT INTO detection_monthly AS m (indicator_code, year, organisation_id, area_id, month, total)
            VALUES (NEW.indicator_code, extract(year FROM NEW.occurred_on)::int, NEW.organisation_id, NEW.area_id,
                    extract(month FROM NEW.occurred_on)::int, NEW.count)
            ON CONFLICT (indicator_code, year, organisation_id, area_id, month) DO UPDATE SET total = m.total + EXCLUDED.total;
          END IF;
          RETURN NEW;
        END IF;
        -- UPDATE: only voiding is a change; what was counted never changes, and a void is final.
        IF (NEW.id, NEW.indicator_code, NEW.area_id, NEW.occurred_on, NEW.count, NEW.organisation_id, NEW.recorded_by, NEW.recorded_at)
           IS DISTINCT FROM (OLD.id, OLD.indicator_code, OLD.area_id, OLD.occurred_on, OLD.count, OLD.organisation_id, OLD.recorded_by, OLD.recorded_at) THEN
          RAISE EXCEPTION 'detection records cannot be changed, only voided';
        END IF;
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided detection record cannot be changed';
        END IF;
        IF NEW.voided_at IS NOT NULL THEN
          UPDATE detection_monthly SET total = total - OLD.count
           WHERE indicator_code = OLD.indicator_code AND year = extract(year FROM OLD.occurred_on)::int
             AND organisation_id = OLD.organisation_id AND area_id = OLD.area_id AND month = extract(month FROM OLD.occurred_on)::int;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION detection_monthly_apply() FROM PUBLIC`);
    await queryRunner.query(`CREATE TRIGGER detection_record_monthly BEFORE INSERT OR UPDATE OR DELETE ON "detection_record"
      FOR EACH ROW EXECUTE FUNCTION detection_monthly_apply()`);
  }
}
