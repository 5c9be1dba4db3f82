import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk-assessment gates name their course by id, per organisation, and a course belongs to the
 * organisation whose staff it gates. An installation that has cases keeps today's behaviour: each
 * of its organisations gets the gates it had by course code, on the shared courses, which then no
 * coordinator can change through the API until an organisation takes ownership of its own course.
 */
export class GateTrainingByCourse1796134289341 implements MigrationInterface {
  name = 'GateTrainingByCourse1796134289341';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "risk_assessment_gate" ("organisation_id" uuid NOT NULL, "method" "public"."risk_assessment_method" NOT NULL, "course_id" uuid NOT NULL, CONSTRAINT "PK_e93b435e56a33840b4f3536b4a6" PRIMARY KEY ("organisation_id", "method"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a3ba9b86605b02b6b199e42051" ON "risk_assessment_gate"  ("course_id") `);
    await queryRunner.query(`ALTER TABLE "course" ADD "owner_organisation_id" uuid`);
    await queryRunner.query(`ALTER TABLE "course" ADD CONSTRAINT "FK_e3896aafa32262a742e2cb2a562" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_assessment_gate" ADD CONSTRAINT "FK_712a8bf2dfc5b7cdbffbc0609d7" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_assessment_gate" ADD CONSTRAINT "FK_a3ba9b86605b02b6b199e420514" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "risk_assessment_gate" TO samverkan_app`);
    await queryRunner.query(
      `INSERT INTO "risk_assessment_gate" (organisation_id, method, course_id)
       SELECT o.id, g.method::risk_assessment_method, c.id FROM organisation o
         CROSS JOIN (VALUES ('FREDA_DANGER_ASSESSMENT', 'FREDA-FARLIG'), ('SARA_SV', 'SARA:SV'), ('PATRIARK', 'PATRIARK')) AS g(method, code)
         JOIN course c ON c.code = g.code`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "risk_assessment_gate" DROP CONSTRAINT "FK_a3ba9b86605b02b6b199e420514"`);
    await queryRunner.query(`ALTER TABLE "risk_assessment_gate" DROP CONSTRAINT "FK_712a8bf2dfc5b7cdbffbc0609d7"`);
    await queryRunner.query(`ALTER TABLE "course" DROP CONSTRAINT "FK_e3896aafa32262a742e2cb2a562"`);
    await queryRunner.query(`ALTER TABLE "course" DROP COLUMN "owner_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a3ba9b86605b02b6b199e42051"`);
    await queryRunner.query(`DROP TABLE "risk_assessment_gate"`);
  }
}
