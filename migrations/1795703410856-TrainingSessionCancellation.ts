import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A session can be cancelled (issue #5): when, null while it stands. */

export class TrainingSessionCancellation1795703410856 implements MigrationInterface {
  name = 'TrainingSessionCancellation1795703410856';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "training_session" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "cancelled_at"`);
  }
}
