import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The owners' list of their detection records, newest first (detectionRecords), reads this index in order. */
export class IndexDetectionRecordsByRecordedAt1796155000000 implements MigrationInterface {
  name = 'IndexDetectionRecordsByRecordedAt1796155000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_detection_record_recorded" ON "detection_record" ("organisation_id", "recorded_at", "id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_detection_record_recorded"`);
  }
}
