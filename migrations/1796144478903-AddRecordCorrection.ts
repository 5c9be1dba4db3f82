import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Corrections (rättelse): the previous value of a corrected field, kept for the author organisation's auditors. */
export class AddRecordCorrection1796144478903 implements MigrationInterface {
  name = 'AddRecordCorrection1796144478903';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."correction_reason" AS ENUM('FACTUAL_ERROR', 'WRONG_RECORD', 'INCOMPLETE', 'PERSONAL_DATA_REMOVED', 'DATA_SUBJECT_REQUEST')`);
    await queryRunner.query(`CREATE TABLE "record_correction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "case_id" uuid, "field" text NOT NULL, "previous_value" text, "reason_code" "public"."correction_reason" NOT NULL, "corrected_by" uuid NOT NULL, "corrected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1375dfee552766dabb1e3463a7d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6bacf9085d5603e61e537ec2fd" ON "record_correction"  ("organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e0217a0aeb4b716d78ca918c78" ON "record_correction"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_646068ee62d43cf17106709c0c" ON "record_correction"  ("entity_type", "entity_id", "corrected_at") `);
    await queryRunner.query(`ALTER TABLE "record_correction" ADD CONSTRAINT "FK_e0217a0aeb4b716d78ca918c788" FOREIGN KEY ("case_id") REFERENCES "case_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "record_correction" DROP CONSTRAINT "FK_e0217a0aeb4b716d78ca918c788"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_646068ee62d43cf17106709c0c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e0217a0aeb4b716d78ca918c78"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6bacf9085d5603e61e537ec2fd"`);
    await queryRunner.query(`DROP TABLE "record_correction"`);
    await queryRunner.query(`DROP TYPE "public"."correction_reason"`);
  }
}
