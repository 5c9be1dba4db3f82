import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cell-key method of indicator tables (docs/indicator-protection.md):
 * - every detection record gets a random record key in [0, 2^32): 32 bits of the MD5 of a
 *   gen_random_uuid() (PostgreSQL's strong random source), drawn by the database per row (existing
 *   rows too) and never changed (the guard trigger now compares it too);
 * - detection_monthly keeps, beside the exact total, the sum of the record keys of its records
 *   mod 2^32, so a table still reads one aggregated row per cell;
 * - indicator_publication freezes what partners read of a month at a publication point: written
 *   once by the first read at or after the point (INSERT only for the application), never changed.
 */
export class CellKeyPublication1796133967709 implements MigrationInterface {
  name = 'CellKeyPublication1796133967709';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION detection_record_key() RETURNS bigint LANGUAGE sql VOLATILE PARALLEL SAFE
      AS $$ SELECT ('x' || substr(md5(gen_random_uuid()::text), 1, 8))::bit(32)::bigint $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION detection_record_key() TO samverkan_app`);
    await queryRunner.query(`ALTER TABLE "detection_record" ADD "record_key" bigint NOT NULL DEFAULT detection_record_key()`);
    await queryRunner.query(`ALTER TABLE "detection_record" ADD CONSTRAINT "CHK_detection_record_key" CHECK ("record_key" >= 0 AND "record_key" < 4294967296)`);
    await queryRunner.query(`ALTER TABLE "detection_monthly" ADD "key_sum" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "detection_monthly" ADD CONSTRAINT "CHK_detection_monthly_key_sum" CHECK ("key_sum" >= 0 AND "key_sum" < 4294967296)`);
    await queryRunner.query(`UPDATE detection_monthly m SET key_sum = s.key_sum
      FROM (SELECT indicator_code, extract(year FROM occurred_on)::int AS year, organisation_id, area_id, extract(month FROM occurred_on)::int AS month,
                   sum(record_key) % 4294967296 AS key_sum
              FROM detection_record WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5) s
     WHERE (m.indicator_code, m.year, m.organisation_id, m.area_id, m.month) = (s.indicator_code, s.year, s.organisation_id, s.area_id, s.month)`);
    await queryRunner.query(`CREATE TABLE "indicator_publication" ("indicator_code" text NOT NULL, "organisation_id" uuid NOT NULL, "area_id" uuid NOT NULL, "year" smallint NOT NULL, "month" smallint NOT NULL, "published_on" date NOT NULL, "total" bigint NOT NULL, "key_sum" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_indicator_publication_month" CHECK ("month" >= 1 AND "month" <= 12), CONSTRAINT "CHK_indicator_publication_total" CHECK ("total" >= 0), CONSTRAINT "CHK_indicator_publication_key_sum" CHECK ("key_sum" >= 0 AND "key_sum" < 4294967296), CONSTRAINT "PK_indicator_publication" PRIMARY KEY ("indicator_code", "organisation_id", "area_id", "year", "month", "published_on"))`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "indicator_publication" TO samverkan_app`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "indicator_publication" FROM samverkan_app`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION detection_record_guard() RETURNS trigger LANGUAGE plpgsql
      SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'detection records are never deleted; void them instead';
        END IF;
        -- UPDATE: only voiding is a change; what was counted never changes, and a void is final.
        IF (NEW.id, NEW.indicator_code, NEW.area_id, NEW.occurred_on, NEW.count, NEW.organisation_id, NEW.recorded_by, NEW.recorded_at, NEW.record_key)
           IS DISTINCT FROM (OLD.id, OLD.indicator_code, OLD.area_id, OLD.occurred_on, OLD.count, OLD.organisation_id, OLD.recorded_by, OLD.recorded_at, OLD.record_key) THEN
          RAISE EXCEPTION 'detection records cannot be changed, only voided';
        END IF;
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided detection record cannot be changed';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION detection_monthly_insert() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO detection_monthly AS m (indicator_code, year, organisation_id, area_id, month, total, key_sum)
        SELECT indicator_code, extract(year FROM occurred_on)::int, organisation_id, area_id, extract(month FROM occurred_on)::int, sum(count),
               sum(record_key) % 4294967296
          FROM new_records WHERE voided_at IS NULL
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (indicator_code, year, organisation_id, area_id, month)
        DO UPDATE SET total = m.total + EXCLUDED.total, key_sum = (m.key_sum + EXCLUDED.key_sum) % 4294967296;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION detection_monthly_void() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE detection_monthly m SET total = m.total - v.total, key_sum = ((m.key_sum - v.key_sum) % 4294967296 + 4294967296) % 4294967296
          FROM (SELECT o.indicator_code, extract(year FROM o.occurred_on)::int AS year, o.organisation_id, o.area_id,
                       extract(month FROM o.occurred_on)::int AS month, sum(o.count) AS total, sum(o.record_key) % 4294967296 AS key_sum
                  FROM old_records o JOIN new_records n ON n.id = o.id
                 WHERE o.voided_at IS NULL AND n.voided_at IS NOT NULL
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5) v
         WHERE m.indicator_code = v.indicator_code AND m.year = v.year AND m.organisation_id = v.organisation_id
           AND m.area_id = v.area_id AND m.month = v.month;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION detection_monthly_void() RETURNS trigger LANGUAGE plpgsql
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
    await queryRunner.query(`CREATE OR REPLACE FUNCTION detection_monthly_insert() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO detection_monthly AS m (indicator_code, year, organisation_id, area_id, month, total)
        SELECT indicator_code, extract(year FROM occurred_on)::int, organisation_id, area_id, extract(month FROM occurred_on)::int, sum(count)
          FROM new_records WHERE voided_at IS NULL
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (indicator_code, year, organisation_id, area_id, month) DO UPDATE SET total = m.total + EXCLUDED.total;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION detection_record_guard() RETURNS trigger LANGUAGE plpgsql
      SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'detection records are never deleted; void them instead';
        END IF;
        IF (NEW.id, NEW.indicator_code, NEW.area_id, NEW.occurred_on, NEW.count, NEW.organisation_id, NEW.recorded_by, NEW.recorded_at)
           IS DISTINCT FROM (OLD.id, OLD.indicator_code, OLD.area_id, OLD.occurred_on, OLD.count, OLD.organisation_id, OLD.recorded_by, OLD.recorded_at) THEN
          RAISE EXCEPTION 'detection records cannot be changed, only voided';
        END IF;
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided detection record cannot be changed';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TABLE "indicator_publication"`);
    await queryRunner.query(`ALTER TABLE "detection_monthly" DROP CONSTRAINT "CHK_detection_monthly_key_sum"`);
    await queryRunner.query(`ALTER TABLE "detection_monthly" DROP COLUMN "key_sum"`);
    await queryRunner.query(`ALTER TABLE "detection_record" DROP CONSTRAINT "CHK_detection_record_key"`);
    await queryRunner.query(`ALTER TABLE "detection_record" DROP COLUMN "record_key"`);
    await queryRunner.query(`DROP FUNCTION detection_record_key()`);
  }
}
