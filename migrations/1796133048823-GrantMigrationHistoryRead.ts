import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application role may read which migrations are applied: an API started without the owner's
 * credentials (MIGRATE_ON_START off, the production default) compares them with its own list and
 * refuses to start on a database the migration job has not brought up to date. Reading the list
 * reveals nothing that the code does not; writing it stays with the owner.
 */
export class GrantMigrationHistoryRead1796133048823 implements MigrationInterface {
  name = 'GrantMigrationHistoryRead1796133048823';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT SELECT ON "migrations" TO samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE SELECT ON "migrations" FROM samverkan_app`);
  }
}
