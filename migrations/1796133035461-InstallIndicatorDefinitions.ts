import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data that ships with the product: the seven indicator definitions and their default
 * protection rule (threshold 5, rounding base 5, in force from 2000-01-01). Written out here, not
 * imported, so that this migration installs the same rows whatever the code says later.
 * Idempotent: a database where the demo seed already inserted them keeps its rows unchanged.
 */
const DEFINITIONS: readonly [code: string, nameSv: string, nameEn: string, description: string, reportedBy: 'POLICE' | 'SOCIAL_SERVICES'][] = [
  ['SOC_FREDA_SCREENINGS', 'Genomförda FREDA-kortfrågor', 'FREDA short-question screenings done', 'Samtal där socialtjänsten ställt FREDA-kortfrågorna om våld.', 'SOCIAL_SERVICES'],
  ['SOC_FREDA_DISCLOSED', 'Screeningar där våld framkommit', 'Screenings with disclosed violence', 'FREDA-kortfrågor där den tillfrågade berättat om våld i nära relation.', 'SOCIAL_SERVICES'],
  [
    'SOC_CHILD_CONCERN_REPORTS',
    'Orosanmälningar om barn som upplevt våld',
    'Reports of concern about children exposed to violence',
    'Inkomna orosanmälningar om barn som bevittnat eller utsatts för våld i nära relation.',
    'SOCIAL_SERVICES',
  ],
  ['SOC_PROTECTED_HOUSING', 'Placeringar i skyddat boende', 'Placements in protected housing', 'Beslutade placeringar i skyddat boende för våldsutsatta.', 'SOCIAL_SERVICES'],
  ['POL_CLOSE_RELATIONSHIP_OFFENCES', 'Anmälda brott i nära relation', 'Reported offences in close relationships', 'Anmälda brott där gärningsperson och brottsoffer har en nära relation.', 'POLICE'],
  ['POL_RESTRAINING_ORDERS', 'Kontaktförbud', 'Restraining orders', 'Beslutade kontaktförbud (tidigare besöksförbud).', 'POLICE'],
  ['POL_RISK_ASSESSMENTS', 'Genomförda riskbedömningar', 'Risk assessments made', 'Strukturerade riskbedömningar (t.ex. SARA:SV, PATRIARK) vid brott i nära relation.', 'POLICE'],
];
const RULE_VALID_FROM = '2000-01-01';
const THRESHOLD = 5;
const ROUNDING_BASE = 5;

export class InstallIndicatorDefinitions1796133035461 implements MigrationInterface {
  name = 'InstallIndicatorDefinitions1796133035461';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, nameSv, nameEn, description, reportedBy] of DEFINITIONS) {
      await queryRunner.query(
        `INSERT INTO "indicator_definition" ("code", "name_sv", "name_en", "description", "reported_by") VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("code") DO NOTHING`,
        [code, nameSv, nameEn, description, reportedBy],
      );
      // Only an indicator without any rule gets the default: a rule already in force is never replaced.
      await queryRunner.query(
        `INSERT INTO "indicator_rule_version" ("indicator_code", "valid_from", "threshold", "rounding_base")
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM "indicator_rule_version" WHERE "indicator_code" = $1)`,
        [code, RULE_VALID_FROM, THRESHOLD, ROUNDING_BASE],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only what nothing refers to yet: detection records keep their indicator and its rules.
    const codes = DEFINITIONS.map(([code]) => code);
    const unused = `"code" = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM "detection_record" r WHERE r."indicator_code" = "indicator_definition"."code")`;
    await queryRunner.query(
      `DELETE FROM "indicator_rule_version" v USING "indicator_definition" WHERE "indicator_definition"."code" = v."indicator_code" AND ${unused}`,
      [codes],
    );
    await queryRunner.query(`DELETE FROM "indicator_definition" WHERE ${unused}`, [codes]);
  }
}
