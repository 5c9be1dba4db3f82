import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the coverage report is computed from. */
const SOURCES = ['staff_member', 'course', 'training_requirement', 'training_completion'] as const;

/**
 * training_report_version: one counter, raised once at the commit of every transaction that changed
 * a table the coverage report reads (staff, courses, requirements, completions). A report computed
 * after reading version v is exact for as long as the version is v, so the service may serve it
 * again without recomputing (issue #5's benchmark).
 * The raise runs in deferred constraint triggers, i.e. at commit, after every other statement of the
 * transaction: the counter's row lock is then the last lock a transaction takes, so waiting for it
 * can never close a cycle with the locks of the transaction's own statements (no deadlock), and a
 * transaction-local flag makes it one UPDATE per transaction however many rows changed. TRUNCATE has
 * no row triggers: it raises the counter at once.
 * The application role may only read the table; the SECURITY DEFINER function writes it.
 */
export class TrainingReportVersion1795713129792 implements MigrationInterface {
  name = 'TrainingReportVersion1795713129792';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "training_report_version" ("id" smallint NOT NULL, "version" bigint NOT NULL, CONSTRAINT "PK_f5c9b5514731cb3def99b819359" PRIMARY KEY ("id"))`);
    await queryRunner.query(`INSERT INTO "training_report_version" (id, version) VALUES (1, 1)`);
    await queryRunner.query(`CREATE FUNCTION training_report_changed() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF current_setting('samverkan.training_report_changed', true) IS DISTINCT FROM 'on' THEN
          PERFORM set_config('samverkan.training_report_changed', 'on', true);
          UPDATE training_report_version SET version = version + 1 WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION training_report_changed() FROM PUBLIC`);
    for (const table of SOURCES) {
      await queryRunner.query(`CREATE CONSTRAINT TRIGGER training_report_changed AFTER INSERT OR UPDATE OR DELETE ON "${table}"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION training_report_changed()`);
      await queryRunner.query(`CREATE TRIGGER training_report_truncated AFTER TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION training_report_changed()`);
    }
    await queryRunner.query(`GRANT SELECT ON "training_report_version" TO samverkan_app`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "training_report_version" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of SOURCES) {
      await queryRunner.query(`DROP TRIGGER training_report_truncated ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER training_report_changed ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION training_report_changed()`);
    await queryRunner.query(`DROP TABLE "training_report_version"`);
  }
}
