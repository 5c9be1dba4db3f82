import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Swedish date of an instant. */
const SWEDISH_DATE = (instant: string): string => `(${instant} AT TIME ZONE 'Europe/Stockholm')::date`;

/** The ground a share's legal basis names: its statutory ground, or CONSENT. */
const GROUND_CODE = (s: string): string =>
  `CASE WHEN ${s}.basis_kind = 'STATUTORY' THEN ${s}.statutory_ground::text ELSE 'CONSENT' END`;

/** The version of a ground in force on a date. */
const VERSION_ON = (code: string, day: string): string =>
  `SELECT g.id FROM legal_ground g WHERE g.code = ${code} AND g.valid_from <= ${day} AND (g.valid_to IS NULL OR g.valid_to > ${day}) ORDER BY g.version DESC LIMIT 1`;

/**
 * The legal-ground catalogue (docs/records.md): versions of consent and the statutory grounds, with
 * citation, the categories they cover (as src/access/case-content.ts) and validity. Shares reference
 * the version in force on the day they were made (set by a trigger, existing shares backfilled);
 * `supersede_legal_ground` adds a new version and closes the old one without touching past shares.
 * The duty to report concern about a child moves from SoL (2001:453) 14 kap. 1 § to the Social
 * Services Act (2025:400) on 1 July 2025; its chapter and section were not verified (docs/records.md),
 * so the citation names the act only.
 */
export class AddLegalGroundCatalogue1796143371973 implements MigrationInterface {
  name = 'AddLegalGroundCatalogue1796143371973';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "legal_ground" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "citation" text NOT NULL, "title" text NOT NULL, "categories" text array NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "superseded_by_id" uuid, CONSTRAINT "UQ_c370173a4a6b2965be552dd187a" UNIQUE ("code", "version"), CONSTRAINT "legal_ground_kind" CHECK ("kind" IN ('CONSENT', 'STATUTORY')), CONSTRAINT "legal_ground_validity" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from"), CONSTRAINT "PK_036ebbcc5597927070305227651" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD "legal_ground_id" uuid`);
    await queryRunner.query(`ALTER TABLE "legal_ground" ADD CONSTRAINT "FK_2f42f0efd228e1cc8c45a8ca3bf" FOREIGN KEY ("superseded_by_id") REFERENCES "legal_ground"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_share" ADD CONSTRAINT "FK_0cf05fc0acc224b518fc84a92fa" FOREIGN KEY ("legal_ground_id") REFERENCES "legal_ground"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // The application reads the catalogue; versions come from migrations (supersede_legal_ground).
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "legal_ground" FROM samverkan_app`);
    await queryRunner.query(`GRANT SELECT ON "legal_ground" TO samverkan_app`);
    await queryRunner.query(
      `INSERT INTO legal_ground (code, version, kind, citation, title, categories, valid_from, valid_to) VALUES
        ('CONSENT', 1, 'CONSENT', 'Samtycke från den enskilde', 'Den enskildes samtycke till att uppgifterna lämnas ut (omfattningen anges per delning)', '{NOTE,TASK,MEETING,ASSESSMENT}', '2009-06-30', NULL),
        ('OSL_10_18C', 1, 'STATUTORY', 'OSL (2009:400) 10 kap. 18 c §', 'För att förhindra allvarlig brottslighet riktad mot en person', '{NOTE,TASK,MEETING,ASSESSMENT}', '2009-06-30', NULL),
        ('OSL_10_2', 1, 'STATUTORY', 'OSL (2009:400) 10 kap. 2 §', 'Nödvändigt för att den utlämnande myndigheten ska kunna fullgöra sin verksamhet', '{TASK,MEETING}', '2009-06-30', NULL),
        ('OSL_10_21', 1, 'STATUTORY', 'OSL (2009:400) 10 kap. 21 §', 'Misstanke om brott med minst ett års fängelse i straffskalan', '{NOTE,ASSESSMENT}', '2009-06-30', NULL),
        ('DUTY_TO_REPORT_CHILD_CONCERN', 1, 'STATUTORY', 'SoL (2001:453) 14 kap. 1 §', 'Anmälan om oro för att ett barn far illa', '{NOTE,ASSESSMENT}', '2002-01-01', NULL)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION supersede_legal_ground(p_code text, p_citation text, p_title text, p_valid_from date) RETURNS uuid
      LANGUAGE plpgsql AS $$
      DECLARE
        current_row legal_ground;
        next_id uuid;
      BEGIN
        SELECT * INTO current_row FROM legal_ground WHERE code = p_code AND valid_to IS NULL ORDER BY version DESC LIMIT 1 FOR UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION 'no version of legal ground % is in force', p_code; END IF;
        IF p_valid_from <= current_row.valid_from THEN
          RAISE EXCEPTION 'a new version of % must start after %', p_code, current_row.valid_from;
        END IF;
        INSERT INTO legal_ground (code, version, kind, citation, title, categories, valid_from)
          VALUES (p_code, current_row.version + 1, current_row.kind, p_citation, p_title, current_row.categories, p_valid_from)
          RETURNING id INTO next_id;
        UPDATE legal_ground SET valid_to = p_valid_from, superseded_by_id = next_id WHERE id = current_row.id;
        RETURN next_id;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION supersede_legal_ground(text, text, text, date) FROM PUBLIC`);
    // The Social Services Act (2025:400) replaced SoL (2001:453) on 1 July 2025 (prop. 2024/25:89).
    await queryRunner.query(
      `SELECT supersede_legal_ground('DUTY_TO_REPORT_CHILD_CONCERN', 'Socialtjänstlagen (2025:400), anmälningsskyldigheten vid oro för barn', 'Anmälan om oro för att ett barn far illa', '2025-07-01')`,
    );
    await queryRunner.query(`
      CREATE FUNCTION case_share_legal_ground() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.legal_ground_id IS NULL THEN
          NEW.legal_ground_id := (${VERSION_ON(GROUND_CODE('NEW'), SWEDISH_DATE('COALESCE(NEW.created_at, now())'))});
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER case_share_legal_ground BEFORE INSERT ON case_share FOR EACH ROW EXECUTE FUNCTION case_share_legal_ground()`,
    );
    await queryRunner.query(
      `UPDATE case_share s SET legal_ground_id = (${VERSION_ON(GROUND_CODE('s'), SWEDISH_DATE('s.created_at'))}) WHERE s.legal_ground_id IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER case_share_legal_ground ON case_share`);
    await queryRunner.query(`DROP FUNCTION case_share_legal_ground()`);
    await queryRunner.query(`DROP FUNCTION supersede_legal_ground(text, text, text, date)`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP CONSTRAINT "FK_0cf05fc0acc224b518fc84a92fa"`);
    await queryRunner.query(`ALTER TABLE "legal_ground" DROP CONSTRAINT "FK_2f42f0efd228e1cc8c45a8ca3bf"`);
    await queryRunner.query(`ALTER TABLE "case_share" DROP COLUMN "legal_ground_id"`);
    await queryRunner.query(`DROP TABLE "legal_ground"`);
  }
}
