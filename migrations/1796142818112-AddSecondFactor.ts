import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP second factors of local accounts (secret encrypted), their recovery codes (hashed), login
 * challenges between the password and the code, known devices (hashed tokens), and, on OIDC sessions,
 * the provider and ID token that logout hands to the provider's end-session endpoint.
 */
export class AddSecondFactor1796142818112 implements MigrationInterface {
  name = 'AddSecondFactor1796142818112';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "user_second_factor" ("user_id" uuid NOT NULL, "secret_encrypted" text NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_used_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91cd5b3ef4496820f0ee584aac0" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "recovery_code" ("user_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a0a5d0531fcd8f15f45cf088e88" PRIMARY KEY ("user_id", "code_hash"))`);
    await queryRunner.query(`CREATE TABLE "login_challenge" ("token_hash" text NOT NULL, "user_id" uuid NOT NULL, "purpose" text NOT NULL, "attempts_left" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_00b5c9df84ded1853aa50c96265" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "IDX_83b66da81686473851fc0c2b33" ON "login_challenge"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c4906094c95e75805c63400c4e" ON "login_challenge"  ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "known_device" ("token_hash" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_756f3160aee14f3ad3b326b7a81" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8723eca0f2f2bbb7abd88df8f7" ON "known_device"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "user_session" ADD "provider_id" uuid`);
    await queryRunner.query(`ALTER TABLE "user_session" ADD "id_token_hint" text`);
    await queryRunner.query(`ALTER TABLE "user_second_factor" ADD CONSTRAINT "FK_91cd5b3ef4496820f0ee584aac0" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recovery_code" ADD CONSTRAINT "FK_f5c95d9ca2047afa670093e2028" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "login_challenge" ADD CONSTRAINT "FK_83b66da81686473851fc0c2b335" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "known_device" ADD CONSTRAINT "FK_8723eca0f2f2bbb7abd88df8f76" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "user_second_factor", "recovery_code", "login_challenge", "known_device" TO samverkan_app`,
    );
    await queryRunner.query(
      `REVOKE TRUNCATE ON "user_second_factor", "recovery_code", "login_challenge", "known_device" FROM samverkan_app`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "known_device" DROP CONSTRAINT "FK_8723eca0f2f2bbb7abd88df8f76"`);
    await queryRunner.query(`ALTER TABLE "login_challenge" DROP CONSTRAINT "FK_83b66da81686473851fc0c2b335"`);
    await queryRunner.query(`ALTER TABLE "recovery_code" DROP CONSTRAINT "FK_f5c95d9ca2047afa670093e2028"`);
    await queryRunner.query(`ALTER TABLE "user_second_factor" DROP CONSTRAINT "FK_91cd5b3ef4496820f0ee584aac0"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP COLUMN "id_token_hint"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP COLUMN "provider_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8723eca0f2f2bbb7abd88df8f7"`);
    await queryRunner.query(`DROP TABLE "known_device"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c4906094c95e75805c63400c4e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_83b66da81686473851fc0c2b33"`);
    await queryRunner.query(`DROP TABLE "login_challenge"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP TABLE "user_second_factor"`);
  }
}
