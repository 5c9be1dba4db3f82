import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Multi-agency meetings (issue #22): a meeting of a partnership with attendees, an agenda of cases,
 * a decision and actions per agenda item. Texts are bounded here as well as in the service.
 */
export class CreateCoordinationMeetings1796143481553 implements MigrationInterface {
  name = 'CreateCoordinationMeetings1796143481553';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "coordination_meeting" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "partnership_id" uuid NOT NULL REFERENCES "partnership"("id") ON DELETE RESTRICT,
      "meeting_on" date NOT NULL,
      "place" text NOT NULL CHECK (char_length("place") BETWEEN 1 AND 200),
      "organiser_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "created_by" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE RESTRICT,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE INDEX "coordination_meeting_partnership" ON "coordination_meeting" ("partnership_id", "meeting_on", "created_at")`);
    await queryRunner.query(`CREATE TABLE "coordination_meeting_attendee" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "meeting_id" uuid NOT NULL REFERENCES "coordination_meeting"("id") ON DELETE CASCADE,
      "organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "user_id" uuid REFERENCES "app_user"("id") ON DELETE RESTRICT)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "coordination_meeting_attendee_unique" ON "coordination_meeting_attendee" ("meeting_id", "organisation_id", COALESCE("user_id", '00000000-0000-0000-0000-000000000000'::uuid))`);
    await queryRunner.query(`CREATE TABLE "coordination_agenda_item" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "meeting_id" uuid NOT NULL REFERENCES "coordination_meeting"("id") ON DELETE CASCADE,
      "case_id" uuid NOT NULL REFERENCES "case_file"("id") ON DELETE RESTRICT,
      "position" integer NOT NULL CHECK ("position" >= 1),
      "carried_over" boolean NOT NULL DEFAULT false,
      "decision" text CHECK ("decision" IS NULL OR char_length("decision") <= 4000),
      UNIQUE ("meeting_id", "case_id"))`);
    await queryRunner.query(`CREATE TABLE "coordination_action" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "agenda_item_id" uuid NOT NULL REFERENCES "coordination_agenda_item"("id") ON DELETE CASCADE,
      "title" text NOT NULL CHECK (char_length("title") BETWEEN 1 AND 500),
      "owner_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "owner_user_id" uuid REFERENCES "app_user"("id") ON DELETE RESTRICT,
      "due_on" date NOT NULL,
      "status" text NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      "created_by" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE RESTRICT,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE INDEX "coordination_action_owner" ON "coordination_action" ("owner_organisation_id", "owner_user_id", "due_on")`);
    await queryRunner.query(`CREATE INDEX "coordination_action_item" ON "coordination_action" ("agenda_item_id")`);
    // Meetings are records: never deleted by the application.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "coordination_meeting", "coordination_meeting_attendee", "coordination_agenda_item", "coordination_action" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "coordination_meeting", "coordination_meeting_attendee", "coordination_agenda_item", "coordination_action" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coordination_action"`);
    await queryRunner.query(`DROP TABLE "coordination_agenda_item"`);
    await queryRunner.query(`DROP TABLE "coordination_meeting_attendee"`);
    await queryRunner.query(`DROP TABLE "coordination_meeting"`);
  }
}
