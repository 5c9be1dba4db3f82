import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings of safety walks and patrols (issue #22): place, description and suggested measure, made an
 * action with an owner organisation, a due date and a status, followed up in a later activity.
 */
export class CreatePreventionFindings1796145187390 implements MigrationInterface {
  name = 'CreatePreventionFindings1796145187390';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "prevention_finding" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "activity_id" uuid NOT NULL REFERENCES "prevention_activity"("id") ON DELETE RESTRICT,
      "place_id" uuid REFERENCES "place"("id") ON DELETE RESTRICT,
      "description" text NOT NULL CHECK (char_length("description") BETWEEN 1 AND 2000),
      "suggested_measure" text CHECK ("suggested_measure" IS NULL OR char_length("suggested_measure") BETWEEN 1 AND 2000),
      "owner_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "due_on" date NOT NULL,
      "status" text NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      "followed_up_in_activity_id" uuid REFERENCES "prevention_activity"("id") ON DELETE RESTRICT,
      "created_by" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE RESTRICT,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE INDEX "prevention_finding_activity" ON "prevention_finding" ("activity_id")`);
    await queryRunner.query(`CREATE INDEX "prevention_finding_place" ON "prevention_finding" ("place_id", "status")`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "prevention_finding" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "prevention_finding" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "prevention_finding"`);
  }
}
