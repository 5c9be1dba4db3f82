import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * training_latest_completion: the latest completion date per (staff member, course), kept exact by
 * statement-level triggers on training_completion, for the coverage report (issue #5's benchmark:
 * one hash join instead of one index probe per staff member and requirement).
 * Insert: an upsert that keeps the greater date. Update and delete: the touched pairs are locked
 * and recomputed from training_completion in a later statement (a fresh snapshot under READ
 * COMMITTED), so that concurrent changes of one pair cannot leave a stale date behind.
 * The application role may only read the table; the SECURITY DEFINER functions write it.
 */
export class TrainingLatestCompletion1795702879079 implements MigrationInterface {
  name = 'TrainingLatestCompletion1795702879079';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "training_latest_completion" ("staff_member_id" uuid NOT NULL, "course_id" uuid NOT NULL, "completed_on" date NOT NULL, CONSTRAINT "PK_9e6c1ba0468473f8884470314c2" PRIMARY KEY ("staff_member_id", "course_id"))`);
    await queryRunner.query(`INSERT INTO "training_latest_completion" (staff_member_id, course_id, completed_on)
      SELECT staff_member_id, course_id, max(completed_on) FROM "training_completion" GROUP BY 1, 2`);
    await queryRunner.query(`CREATE FUNCTION training_latest_completion_insert() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO training_latest_completion AS l (staff_member_id, course_id, completed_on)
        SELECT staff_member_id, course_id, max(completed_on) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (staff_member_id, course_id) DO UPDATE SET completed_on = GREATEST(l.completed_on, EXCLUDED.completed_on)
         WHERE l.completed_on < EXCLUDED.completed_on;
        RETURN NULL;
      END $$`);
    // UPDATE and DELETE: the pairs a statement touched (before and after) are locked in key order,
    // then recomputed by later statements, which see what a concurrent transaction on the same pair
    // committed while this one waited for the lock.
    await queryRunner.query(`CREATE FUNCTION training_latest_completion_refresh(staff_ids uuid[], course_ids uuid[]) RETURNS void LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM 1 FROM training_latest_completion l JOIN unnest(staff_ids, course_ids) AS p(staff_member_id, course_id) USING (staff_member_id, course_id)
          ORDER BY l.staff_member_id, l.course_id FOR UPDATE OF l;
        DELETE FROM training_latest_completion l USING unnest(staff_ids, course_ids) AS p(staff_member_id, course_id)
         WHERE l.staff_member_id = p.staff_member_id AND l.course_id = p.course_id
           AND NOT EXISTS (SELECT 1 FROM training_completion c WHERE c.staff_member_id = p.staff_member_id AND c.course_id = p.course_id);
        INSERT INTO training_latest_completion AS l (staff_member_id, course_id, completed_on)
        SELECT c.staff_member_id, c.course_id, max(c.completed_on)
          FROM training_completion c JOIN unnest(staff_ids, course_ids) AS p(staff_member_id, course_id) USING (staff_member_id, course_id)
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (staff_member_id, course_id) DO UPDATE SET completed_on = EXCLUDED.completed_on
         WHERE l.completed_on IS DISTINCT FROM EXCLUDED.completed_on;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION training_latest_completion_update() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE staff_ids uuid[]; course_ids uuid[];
      BEGIN
        SELECT array_agg(staff_member_id), array_agg(course_id) INTO staff_ids, course_ids
          FROM (SELECT staff_member_id, course_id FROM old_rows UNION SELECT staff_member_id, course_id FROM new_rows) p;
        PERFORM training_latest_completion_refresh(staff_ids, course_ids);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION training_latest_completion_delete() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE staff_ids uuid[]; course_ids uuid[];
      BEGIN
        SELECT array_agg(staff_member_id), array_agg(course_id) INTO staff_ids, course_ids
          FROM (SELECT DISTINCT staff_member_id, course_id FROM old_rows) p;
        PERFORM training_latest_completion_refresh(staff_ids, course_ids);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION training_latest_completion_insert(), training_latest_completion_update(), training_latest_completion_delete(),
      training_latest_completion_refresh(uuid[], uuid[]) FROM PUBLIC`);
    await queryRunner.query(`CREATE TRIGGER training_completion_latest_insert AFTER INSERT ON "training_completion"
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training_latest_completion_insert()`);
    await queryRunner.query(`CREATE TRIGGER training_completion_latest_update AFTER UPDATE ON "training_completion"
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training_latest_completion_update()`);
    await queryRunner.query(`CREATE TRIGGER training_completion_latest_delete AFTER DELETE ON "training_completion"
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION training_latest_completion_delete()`);
    await queryRunner.query(`GRANT SELECT ON "training_latest_completion" TO samverkan_app`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "training_latest_completion" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER training_completion_latest_delete ON "training_completion"`);
    await queryRunner.query(`DROP TRIGGER training_completion_latest_update ON "training_completion"`);
    await queryRunner.query(`DROP TRIGGER training_completion_latest_insert ON "training_completion"`);
    await queryRunner.query(`DROP FUNCTION training_latest_completion_delete()`);
    await queryRunner.query(`DROP FUNCTION training_latest_completion_update()`);
    await queryRunner.query(`DROP FUNCTION training_latest_completion_refresh(uuid[], uuid[])`);
    await queryRunner.query(`DROP FUNCTION training_latest_completion_insert()`);
    await queryRunner.query(`DROP TABLE "training_latest_completion"`);
  }
}
