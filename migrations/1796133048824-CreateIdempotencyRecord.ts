import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * idempotency_record: the first outcome of a mutation sent with an `Idempotency-Key` header, per
 * user and key, written in the mutation's own transaction (so it exists exactly when the mutation's
 * changes do): the key is claimed by the transaction's first statement and its response filled in
 * before COMMIT. A repeat of the key answers the stored response instead of writing again. The
 * primary key makes two concurrent requests with one key wait for each other: the second finds the
 * first's record once it commits. Records are kept for a day (removed by the application).
 */
export class CreateIdempotencyRecord1796133048824 implements MigrationInterface {
  name = 'CreateIdempotencyRecord1796133048824';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_record" (
      "user_id" uuid NOT NULL,
      "key" text NOT NULL,
      "request_hash" text NOT NULL,
      "response" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_idempotency_record" PRIMARY KEY ("user_id", "key"),
      CONSTRAINT "FK_idempotency_record_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "idempotency_record_created_at" ON "idempotency_record" ("created_at")`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "idempotency_record" TO samverkan_app`);
    await queryRunner.query(`REVOKE TRUNCATE ON "idempotency_record" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
  }
}
