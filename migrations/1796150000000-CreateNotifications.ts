import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (docs/notifications.md): who is told what kind of thing is waiting, and the
 * id of that thing; never case content. One notification per recipient, kind and record, so that a
 * scan that runs again (or in two processes at once) adds nothing twice.
 */
export class CreateNotifications1796150000000 implements MigrationInterface {
  name = 'CreateNotifications1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "recipient_user_id" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
      "recipient_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "kind" text NOT NULL CHECK ("kind" IN ('TASK_ASSIGNED', 'SHARE_RECEIVED', 'ACTION_DUE_SOON', 'BREAK_GLASS_REVIEW')),
      "subject_type" text NOT NULL CHECK ("subject_type" IN ('CaseTask', 'CaseShare', 'MeetingAction', 'PreventionFinding', 'BreakGlassAccess')),
      "subject_id" uuid NOT NULL,
      "case_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "read_at" timestamptz,
      "emailed_at" timestamptz,
      CONSTRAINT "notification_once" UNIQUE ("recipient_user_id", "kind", "subject_id"))`);
    await queryRunner.query(
      `CREATE INDEX "notification_recipient" ON "notification" ("recipient_user_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_unmailed" ON "notification" ("recipient_user_id") WHERE "emailed_at" IS NULL`,
    );
    // The application adds notifications and marks them read or e-mailed; it changes nothing else.
    await queryRunner.query(`GRANT SELECT, INSERT ON "notification" TO samverkan_app`);
    await queryRunner.query(`GRANT UPDATE ("read_at", "emailed_at") ON "notification" TO samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
