import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIndicators1795696784791 implements MigrationInterface {
  name = 'CreateIndicators1795696784791';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "indicator_definition" ("code" text NOT NULL, "name_sv" text NOT NULL, "name_en" text NOT NULL, "description" text NOT NULL, "reported_by" "public"."organisation_kind" NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70bda8c544fe37e6e97c0783d62" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "indicator_rule_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_code" text NOT NULL, "valid_from" date NOT NULL, "threshold" integer NOT NULL, "rounding_base" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6849229aba8ebe7ce4cd987904c" UNIQUE ("indicator_code", "valid_from"), CONSTRAINT "CHK_indicator_rule_version_rounding_base" CHECK ("rounding_base" >= 1 AND "rounding_base" <= 1000), CONSTRAINT "CHK_indicator_rule_version_threshold" CHECK ("threshold" >= 3), CONSTRAINT "PK_a1b5dab1b1770f3b20323172957" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "detection_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator_code" text NOT NULL, "area_id" uuid NOT NULL, "occurred_on" date NOT NULL, "count" integer NOT NULL, "organisation_id" uuid NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" text, CONSTRAINT "CHK_detection_record_void" CHECK (("voided_at" IS NULL) = ("voided_by" IS NULL) AND ("voided_at" IS NULL) = ("void_reason" IS NULL)), CONSTRAINT "CHK_detection_record_count" CHECK ("count" >= 1 AND "count" <= 10000), CONSTRAINT "PK_9f6a2813bfc80bfc96ba47de351" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_92211edae439b40650b120a826" ON "detection_record"  ("area_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0a9171ed85513e7f3f2437723e" ON "detection_record"  ("organisation_id", "indicator_code", "occurred_on") `);
    await queryRunner.query(`CREATE TABLE "detection_monthly" ("indicator_code" text NOT NULL, "year" smallint NOT NULL, "organisation_id" uuid NOT NULL, "area_id" uuid NOT NULL, "month" smallint NOT NULL, "total" bigint NOT NULL, CONSTRAINT "CHK_detection_monthly_month" CHECK ("month" >= 1 AND "month" <= 12), CONSTRAINT "CHK_detection_monthly_total" CHECK ("total" >= 0), CONSTRAINT "PK_0c533ec0e9cf1e4871fd3a53c16" PRIMARY KEY ("indicator_code", "year", "organisation_id", "area_id", "month"))`);
    await queryRunner.query(`CREATE TABLE "indicator_read_count" ("user_id" uuid NOT NULL, "day" date NOT NULL, "reads" integer NOT NULL, CONSTRAINT "PK_c433355e8daed7d151ad913aca4" PRIMARY KEY ("user_id", "day"))`);
    await queryRunner.query(`ALTER TABLE "indicator_rule_version" ADD CONSTRAINT "FK_2c96f6534abb8f598de1f8bf0ac" FOREIGN KEY ("indicator_code") REFERENCES "indicator_definition"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "detection_record" ADD CONSTRAINT "FK_26a3556cad24868eaa9313d146b" FOREIGN KEY ("indicator_code") REFERENCES "indicator_definition"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "detection_record" ADD CONSTRAINT "FK_92211edae439b40650b120a8267" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "detection_record" ADD CONSTRAINT "FK_d3d40168f42d5e0451a3dc31840" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Explicit, in case this migration runs as another role than the one whose default privileges apply.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "indicator_definition", "indicator_rule_version", "indicator_read_count" TO samverkan_app`);
    // Detection records are never deleted (a correction voids them); the pre-aggregate is written
    // only by the trigger below, so the application may only read it.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "detection_record" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "detection_record" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT ON "detection_monthly" TO samverkan_app`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "detection_monthly" FROM samverkan_app`);
    // The pre-aggregate, kept exact in the same transaction as every insert and void. SECURITY
    // DEFINER: it writes detection_monthly, which the application role cannot.
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

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS detection_record_monthly ON "detection_record"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS detection_monthly_apply()`);
    await queryRunner.query(`ALTER TABLE "detection_record" DROP CONSTRAINT "FK_d3d40168f42d5e0451a3dc31840"`);
    await queryRunner.query(`ALTER TABLE "detection_record" DROP CONSTRAINT "FK_92211edae439b40650b120a8267"`);
    await queryRunner.query(`ALTER TABLE "detection_record" DROP CONSTRAINT "FK_26a3556cad24868eaa9313d146b"`);
    await queryRunner.query(`ALTER TABLE "indicator_rule_version" DROP CONSTRAINT "FK_2c96f6534abb8f598de1f8bf0ac"`);
    await queryRunner.query(`DROP TABLE "indicator_read_count"`);
    await queryRunner.query(`DROP TABLE "detection_monthly"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0a9171ed85513e7f3f2437723e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_92211edae439b40650b120a826"`);
    await queryRunner.query(`DROP TABLE "detection_record"`);
    await queryRunner.query(`DROP TABLE "indicator_rule_version"`);
    await queryRunner.query(`DROP TABLE "indicator_definition"`);
  }
}
