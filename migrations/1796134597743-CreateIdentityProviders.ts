import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect sign-in: each organisation's identity providers (configuration as data, applied
 * from OIDC_PROVIDERS_FILE), the external identities (issuer + sub) of users, and the sign-ins
 * under way between the redirect to a provider and its callback.
 * The application role applies the providers file at start (no DELETE: a provider left out of the
 * file is disabled, its users' identities stay), links identities (no DELETE: they go with their
 * user) and consumes pending sign-ins (no UPDATE).
 */
export class CreateIdentityProviders1796134597743 implements MigrationInterface {
  name = 'CreateIdentityProviders1796134597743';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "identity_provider" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "organisation_id" uuid NOT NULL, "display_name" text NOT NULL, "issuer" text NOT NULL, "client_id" text NOT NULL, "client_secret_file" text, "scopes" text array NOT NULL, "roles_claim" text NOT NULL, "role_mapping" jsonb NOT NULL, "required_acr" text array NOT NULL, "required_amr" text array NOT NULL, "enabled" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ad5d7359bf93843fb2fcebf7f80" UNIQUE ("slug"), CONSTRAINT "PK_5f038d63f2887fd0893ae4c5736" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_619db5f07b0c952884d7a46b60" ON "identity_provider"  ("organisation_id") `);
    await queryRunner.query(`CREATE TABLE "user_identity" ("issuer" text NOT NULL, "subject" text NOT NULL, "user_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7fe1cb7b4efc3420da673cc6199" PRIMARY KEY ("issuer", "subject"))`);
    await queryRunner.query(`CREATE INDEX "IDX_2818839f889ab24f4077437753" ON "user_identity"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_8b068ccc9f2d780253f5d7eae3" ON "user_identity"  ("provider_id") `);
    await queryRunner.query(`CREATE TABLE "oidc_authorization" ("browser_key_hash" text NOT NULL, "provider_id" uuid NOT NULL, "state" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "redirect_uri" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_70ad12fd91b4b3c498130cd731b" PRIMARY KEY ("browser_key_hash"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ad6b292fb8ea716be4632a87e8" ON "oidc_authorization"  ("provider_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_db3956336da1fadc238d24b769" ON "oidc_authorization"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "identity_provider" ADD CONSTRAINT "FK_619db5f07b0c952884d7a46b60b" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_identity" ADD CONSTRAINT "FK_2818839f889ab24f4077437753f" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_identity" ADD CONSTRAINT "FK_8b068ccc9f2d780253f5d7eae3b" FOREIGN KEY ("provider_id") REFERENCES "identity_provider"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "oidc_authorization" ADD CONSTRAINT "FK_ad6b292fb8ea716be4632a87e85" FOREIGN KEY ("provider_id") REFERENCES "identity_provider"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "identity_provider", "user_identity" TO samverkan_app`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "identity_provider", "user_identity" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "oidc_authorization" TO samverkan_app`);
    await queryRunner.query(`REVOKE UPDATE, TRUNCATE ON "oidc_authorization" FROM samverkan_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "oidc_authorization" DROP CONSTRAINT "FK_ad6b292fb8ea716be4632a87e85"`);
    await queryRunner.query(`ALTER TABLE "user_identity" DROP CONSTRAINT "FK_8b068ccc9f2d780253f5d7eae3b"`);
    await queryRunner.query(`ALTER TABLE "user_identity" DROP CONSTRAINT "FK_2818839f889ab24f4077437753f"`);
    await queryRunner.query(`ALTER TABLE "identity_provider" DROP CONSTRAINT "FK_619db5f07b0c952884d7a46b60b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_db3956336da1fadc238d24b769"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ad6b292fb8ea716be4632a87e8"`);
    await queryRunner.query(`DROP TABLE "oidc_authorization"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8b068ccc9f2d780253f5d7eae3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2818839f889ab24f4077437753"`);
    await queryRunner.query(`DROP TABLE "user_identity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_619db5f07b0c952884d7a46b60"`);
    await queryRunner.query(`DROP TABLE "identity_provider"`);
  }
}
