import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1795702814053 implements MigrationInterface {
  name = 'CreateCases1795702814053';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."case_risk_level" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'SEVERE')`);
    await queryRunner.query(`CREATE TYPE "public"."case_status" AS ENUM('OPEN', 'CLOSED')`);
    await queryRunner.query(`CREATE TABLE "case_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_organisation_id" uuid NOT NULL, "risk_level" "public"."case_risk_level" NOT NULL, "status" "public"."case_status" NOT NULL DEFAULT 'OPEN', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_911fb1b39fb664d0e88843036b9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bfa36bda41ff790d7fcac7ac58" ON "case_file"  ("owner_organisation_id", "opened_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "case_opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "added_by" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e64cc3d251bc826e6d879b58d94" UNIQUE ("case_id", "user_id"), CONSTRAINT "PK_7845d5fdeb06a9fad11f157ee55" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_12b5bdb0e62cdfe10aa8a9c671" ON "case_member"  ("user_id", "case_opened_at", "case_id") `);
    await queryRunner.query(`CREATE TABLE "case_external_reference" ("case_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "reference" text NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df159e779bf1758435025097a8c" PRIMARY KEY ("case_id", "organisation_id"))`);
    await queryRunner.query(`CREATE TYPE "public"."case_legal_basis_kind" AS ENUM('CONSENT', 'STATUTORY')`);
    await queryRunner.query(`CREATE TYPE "public"."case_statutory_ground" AS ENUM('OSL_10_18C', 'OSL_10_2', 'OSL_10_21', 'DUTY_TO_REPORT_CHILD_CONCERN')`);
    await queryRunner.query(`CREATE TYPE "public"."case_consent_scope" AS ENUM('COORDINATION', 'RISK_AND_SAFETY_PLANNING', 'WHOLE_CASE')`);
    await queryRunner.query(`CREATE TABLE "case_share" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "basis_kind" "public"."case_legal_basis_kind" NOT NULL, "statutory_ground" "public"."case_statutory_ground", "consent_scope" "public"."case_consent_scope", "consent_given_on" date, "consent_expires_at" TIMESTAMP WITH TIME ZONE, "consent_withdrawn_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4a181b04f83283dad01c78bf9f1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_96e2d774e5b08af34116d7bad9" ON "case_share"  ("organisation_id", "case_id") WHERE "revoked_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_548ddd41bf4dfe000022661e26" ON "case_share"  ("case_id", "organisation_id") `);
    await queryRunner.query(`CREATE TYPE "public"."case_task_status" AS ENUM('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "case_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "title" text NOT NULL, "assigned_organisation_id" uuid NOT NULL, "assigned_user_id" uuid, "due_on" date NOT NULL, "status" "public"."case_task_status" NOT NULL DEFAULT 'OPEN', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_06ca77cf52ae5e6d862daf4ec23" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_289ebb345162fc12ab66b1f745" ON "case_task"  ("assigned_user_id", "due_on") WHERE "status" IN ('OPEN', 'IN_PROGRESS')`);
    await queryRunner.query(`CREATE INDEX "IDX_32c0d040e1d7fbd5af230c25de" ON "case_task"  ("case_id", "due_on", "id") `);
    await queryRunner.query(`CREATE TABLE "case_meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "held_on" date NOT NULL, "participant_organisation_ids" uuid array NOT NULL, "decisions" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cbf031a1c388c17ef7bab00867b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9057b8fefc187e8c770bb243e2" ON "case_meeting"  ("case_id", "held_on", "id") `);
    await queryRunner.query(`CREATE TABLE "case_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "text" text NOT NULL, "author_id" uuid NOT NULL, "author_organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b0442af3f3d9273fb63d2799a2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d28f0d7c3416454d36e932b462" ON "case_note"  ("case_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."risk_assessment_method" AS ENUM('FREDA_DANGER_ASSESSMENT', 'SARA_SV', 'PATRIARK', 'OTHER')`);
    await queryRunner.query(`CREATE TABLE "risk_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "method" "public"."risk_assessment_method" NOT NULL, "assessed_on" date NOT NULL, "level" "public"."case_risk_level" NOT NULL, "assessor_id" uuid NOT NULL, "assessor_organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_864a35a16fcb683df546ac6134e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3d50fed742fbe011e559c1d30c" ON "risk_assessment"  ("case_id", "assessed_on", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."break_glass_reason" AS ENUM('IMMEDIATE_DANGER', 'MEMBERS_UNAVAILABLE', 'URGENT_PROTECTIVE_MEASURE', 'OTHER')`);
    await queryRunner.query(`CREATE TABLE "case_break_glass" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "reason_code" "public"."break_glass_reason" NOT NULL, "reason_text" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_comment" text, CONSTRAINT "PK_3ba6d652a8e85eba8147e07d81b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_20def0a751b280f4bc81c6e340" ON "case_break_glass"  ("organisation_id", "opened_at") WHERE "reviewed_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_b89485cef7368a4c4a2bb44bc1" ON "case_break_glass"  ("case_id", "user_id", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_c8f20df8bf32db062908fc542e" ON "case_break_glass"  ("user_id", "expires_at") `);
    await queryRunner.query(`CREATE TABLE "case_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid NOT NULL, "actor_organisation_id" uuid NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "action" text NOT NULL, "field" text, "old_value" text, "new_value" text, CONSTRAINT "PK_c3afb6b822ee2a4b1602b33d595" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_39a753b46cb98b9c09b7a0e1fc" ON "case_history"  ("case_id", "id") `);
    await queryRunner.query(`ALTER TABLE "case_file" ADD CONSTRAINT "FK_eb85538010776ca2e59c0d6d3a3" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_member" ADD CONSTRAINT "FK_e4c26097a0e5f78bb3d9a8b7d2b" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_member" ADD CONSTRAINT "FK_f925be2bae95e3638871b72aa3a" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_member" ADD CONSTRAINT "FK_a734fc641db36b135733be1e3e5" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_external_reference" ADD CONSTRAINT "FK_5c94730f859e4224132204b742b" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_external_reference" ADD CONSTRAINT "FK_8e1d1daf29efa7bbf508b3d09ec" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD CONSTRAINT "FK_2c20b68cf72170136ff45729192" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD CONSTRAINT "FK_f8acef2ca9c4dad384a15af7eb4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_task" ADD CONSTRAINT "FK_8dbe360f490d27733f9a2e6032d" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_task" ADD CONSTRAINT "FK_f0c2b7bb9de90ec06b99943380a" FOREIGN KEY ("assigned_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_task" ADD CONSTRAINT "FK_94fa26aedab5e7cb24d005892bb" FOREIGN KEY ("assigned_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_meeting" ADD CONSTRAINT "FK_4144d793374c7036d80d92a4d30" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "FK_e9997cf60eeebccc538b273d76e" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_assessment" ADD CONSTRAINT "FK_0dd393f81f13df6d619bbe51a35" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_assessment" ADD CONSTRAINT "FK_69af6101981f86e740d3d859592" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" ADD CONSTRAINT "FK_89433c5369842adfaa8ead7be31" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" ADD CONSTRAINT "FK_19b9167d66182e3f365047dec12" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" ADD CONSTRAINT "FK_bdc73a8f5aa696dd434fb5f5bdd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_history" ADD CONSTRAINT "FK_1937794dfd1e529ffff95f16630" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_file" ADD CONSTRAINT "case_file_closed_when_closed" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD CONSTRAINT "case_share_legal_basis" CHECK (("basis_kind" = 'STATUTORY' AND "statutory_ground" IS NOT NULL AND "consent_scope" IS NULL AND "consent_given_on" IS NULL AND "consent_expires_at" IS NULL AND "consent_withdrawn_at" IS NULL)
   OR ("basis_kind" = 'CONSENT' AND "statutory_ground" IS NULL AND "consent_scope" IS NOT NULL AND "consent_given_on" IS NOT NULL AND "consent_expires_at" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" ADD CONSTRAINT "case_break_glass_at_most_four_hours" CHECK ("expires_at" > "opened_at" AND "expires_at" <= "opened_at" + interval '4 hours')`);
    // Explicit, in case this migration runs as another role than the one whose default privileges apply.
    // Cases are never deleted by the application (closed instead); the timeline is append-only.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "case_file", "case_external_reference", "case_share", "case_task", "case_meeting", "case_note", "risk_assessment", "case_break_glass" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "case_file", "case_share", "case_task", "case_meeting", "case_note", "risk_assessment", "case_break_glass" FROM samverkan_app`);
    await queryRunner.query(`GRANT DELETE ON "case_external_reference" TO samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "case_member" TO samverkan_app`);
    await queryRunner.query(`REVOKE UPDATE, TRUNCATE ON "case_member" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "case_history" TO samverkan_app`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "case_history" FROM samverkan_app`);
    await queryRunner.query(`GRANT USAGE, SELECT ON SEQUENCE "case_history_id_seq" TO samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_break_glass" DROP CONSTRAINT "case_break_glass_at_most_four_hours"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP CONSTRAINT "case_share_legal_basis"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP CONSTRAINT "case_file_closed_when_closed"`);
    await queryRunner.query(`ALTER TABLE "case_history" DROP CONSTRAINT "FK_1937794dfd1e529ffff95f16630"`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" DROP CONSTRAINT "FK_bdc73a8f5aa696dd434fb5f5bdd"`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" DROP CONSTRAINT "FK_19b9167d66182e3f365047dec12"`);
    await queryRunner.query(`ALTER TABLE "case_break_glass" DROP CONSTRAINT "FK_89433c5369842adfaa8ead7be31"`);
    await queryRunner.query(`ALTER TABLE "risk_assessment" DROP CONSTRAINT "FK_69af6101981f86e740d3d859592"`);
    await queryRunner.query(`ALTER TABLE "risk_assessment" DROP CONSTRAINT "FK_0dd393f81f13df6d619bbe51a35"`);
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "FK_e9997cf60eeebccc538b273d76e"`);
    await queryRunner.query(`ALTER TABLE "case_meeting" DROP CONSTRAINT "FK_4144d793374c7036d80d92a4d30"`);
    await queryRunner.query(`ALTER TABLE "case_task" DROP CONSTRAINT "FK_94fa26aedab5e7cb24d005892bb"`);
    await queryRunner.query(`ALTER TABLE "case_task" DROP CONSTRAINT "FK_f0c2b7bb9de90ec06b99943380a"`);
    await queryRunner.query(`ALTER TABLE "case_task" DROP CONSTRAINT "FK_8dbe360f490d27733f9a2e6032d"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP CONSTRAINT "FK_f8acef2ca9c4dad384a15af7eb4"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP CONSTRAINT "FK_2c20b68cf72170136ff45729192"`);
    await queryRunner.query(`ALTER TABLE "case_external_reference" DROP CONSTRAINT "FK_8e1d1daf29efa7bbf508b3d09ec"`);
    await queryRunner.query(`ALTER TABLE "case_external_reference" DROP CONSTRAINT "FK_5c94730f859e4224132204b742b"`);
    await queryRunner.query(`ALTER TABLE "case_member" DROP CONSTRAINT "FK_a734fc641db36b135733be1e3e5"`);
    await queryRunner.query(`ALTER TABLE "case_member" DROP CONSTRAINT "FK_f925be2bae95e3638871b72aa3a"`);
    await queryRunner.query(`ALTER TABLE "case_member" DROP CONSTRAINT "FK_e4c26097a0e5f78bb3d9a8b7d2b"`);
    await queryRunner.query(`ALTER TABLE "case_file" DROP CONSTRAINT "FK_eb85538010776ca2e59c0d6d3a3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_39a753b46cb98b9c09b7a0e1fc"`);
    await queryRunner.query(`DROP TABLE "case_history"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8f20df8bf32db062908fc542e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b89485cef7368a4c4a2bb44bc1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_20def0a751b280f4bc81c6e340"`);
    await queryRunner.query(`DROP TABLE "case_break_glass"`);
    await queryRunner.query(`DROP TYPE "public"."break_glass_reason"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3d50fed742fbe011e559c1d30c"`);
    await queryRunner.query(`DROP TABLE "risk_assessment"`);
    await queryRunner.query(`DROP TYPE "public"."risk_assessment_method"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d28f0d7c3416454d36e932b462"`);
    await queryRunner.query(`DROP TABLE "case_note"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9057b8fefc187e8c770bb243e2"`);
    await queryRunner.query(`DROP TABLE "case_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_32c0d040e1d7fbd5af230c25de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_289ebb345162fc12ab66b1f745"`);
    await queryRunner.query(`DROP TABLE "case_task"`);
    await queryRunner.query(`DROP TYPE "public"."case_task_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_548ddd41bf4dfe000022661e26"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_96e2d774e5b08af34116d7bad9"`);
    await queryRunner.query(`DROP TABLE "case_share"`);
    await queryRunner.query(`DROP TYPE "public"."case_consent_scope"`);
    await queryRunner.query(`DROP TYPE "public"."case_statutory_ground"`);
    await queryRunner.query(`DROP TYPE "public"."case_legal_basis_kind"`);
    await queryRunner.query(`DROP TABLE "case_external_reference"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_12b5bdb0e62cdfe10aa8a9c671"`);
    await queryRunner.query(`DROP TABLE "case_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bfa36bda41ff790d7fcac7ac58"`);
    await queryRunner.query(`DROP TABLE "case_file"`);
    await queryRunner.query(`DROP TYPE "public"."case_status"`);
    await queryRunner.query(`DROP TYPE "public"."case_risk_level"`);
  }
}
