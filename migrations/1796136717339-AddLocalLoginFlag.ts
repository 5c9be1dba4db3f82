import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts that may log in with a password when LOCAL_LOGIN=flagged (the named emergency administrator). */
export class AddLocalLoginFlag1796136717339 implements MigrationInterface {
  name = 'AddLocalLoginFlag1796136717339';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "local_login_allowed" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "local_login_allowed"`);
  }
}
