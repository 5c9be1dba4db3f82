import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateIdentityAndAudit1795692018510 } from '../../migrations/1795692018510-CreateIdentityAndAudit';
import { CreatePreventionActivity1795692592338 } from '../../migrations/1795692592338-CreatePreventionActivity';
import { CreateTraining1795695577118 } from '../../migrations/1795695577118-CreateTraining';
import { CreateIndicators1795696784791 } from '../../migrations/1795696784791-CreateIndicators';
import { BatchDetectionMonthly1795697903166 } from '../../migrations/1795697903166-BatchDetectionMonthly';
import { CreateCases1795702814053 } from '../../migrations/1795702814053-CreateCases';
import { TrainingLatestCompletion1795702879079 } from '../../migrations/1795702879079-TrainingLatestCompletion';
import { TrainingSessionCancellation1795703410856 } from '../../migrations/1795703410856-TrainingSessionCancellation';
import { TrainingReportVersion1795713129792 } from '../../migrations/1795713129792-TrainingReportVersion';
import { AddPartnerOrganisationKinds1796133035460 } from '../../migrations/1796133035460-AddPartnerOrganisationKinds';
import { InstallIndicatorDefinitions1796133035461 } from '../../migrations/1796133035461-InstallIndicatorDefinitions';
import { GrantMigrationHistoryRead1796133048823 } from '../../migrations/1796133048823-GrantMigrationHistoryRead';
import { CreateIdempotencyRecord1796133048824 } from '../../migrations/1796133048824-CreateIdempotencyRecord';

/** The application role the first migration creates (see data-source.ts's APP_ROLE). */
const APP_ROLE = 'samverkan_app';
/** The one statement of the first migration that creates APP_ROLE. */
const CREATE_APP_ROLE = /^\s*DO \$\$ BEGIN\s+CREATE ROLE samverkan_app NOLOGIN;/;

/**
 * The first migration, as the runner applies it. Its `CREATE ROLE samverkan_app` (in a block that
 * ignores "already exists") is refused by PostgreSQL to an owner without CREATEROLE even when the
 * role exists — the privilege is checked first. The least-privilege setup has a superuser create
 * the role beforehand, so when the role exists the runner skips that one statement; every other
 * statement runs as written. A landed migration is never edited, and the applied name is the same.
 */
export class CreateIdentityAndAuditWithExistingRole extends CreateIdentityAndAudit1795692018510 {
  override async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APP_ROLE])) as unknown[];
    if (rows.length === 0) {
      try {
        await super.up(queryRunner);
      } catch (error) {
        if ((error as { code?: unknown }).code === '42501') {
          throw new Error(
            `the role ${APP_ROLE} does not exist and the migration user may not create roles: ` +
              `have a superuser run CREATE ROLE ${APP_ROLE} NOLOGIN, then migrate again (see docs/operations.md)`,
          );
        }
        throw error;
      }
      return;
    }
    const skipping: QueryRunner = Object.create(queryRunner) as QueryRunner;
    skipping.query = ((query: string, parameters?: unknown[], useStructuredResult?: boolean) =>
      CREATE_APP_ROLE.test(query)
        ? Promise.resolve([])
        : queryRunner.query(query, parameters, useStructuredResult as true)) as QueryRunner['query'];
    await super.up(skipping);
  }
}
import { CellKeyPublication1796133967709 } from '../../migrations/1796133967709-CellKeyPublication';
import { ShareNeedToKnow1796133238475 } from '../../migrations/1796133238475-ShareNeedToKnow';
import { GateTrainingByCourse1796134289341 } from '../../migrations/1796134289341-GateTrainingByCourse';
import { HardenAuditLog1796133123472 } from '../../migrations/1796133123472-HardenAuditLog';
import { CreateIdentityProviders1796134597743 } from '../../migrations/1796134597743-CreateIdentityProviders';
import { AddSecondFactor1796142818112 } from '../../migrations/1796142818112-AddSecondFactor';
import { AddLocalLoginFlag1796136717339 } from '../../migrations/1796136717339-AddLocalLoginFlag';
import { PartitionAuditEvents1796142209075 } from '../../migrations/1796142209075-PartitionAuditEvents';
import { CreateCameras1796142871185 } from '../../migrations/1796142871185-CreateCameras';
import { CreateCoordinationMeetings1796143481553 } from '../../migrations/1796143481553-CreateCoordinationMeetings';
import { CreatePreventionFindings1796145187390 } from '../../migrations/1796145187390-CreatePreventionFindings';
import { CreateEffectMeasures1796144658997 } from '../../migrations/1796144658997-CreateEffectMeasures';
import { AddLegalGroundCatalogue1796143371973 } from '../../migrations/1796143371973-AddLegalGroundCatalogue';
import { AddRecordCorrection1796144478903 } from '../../migrations/1796144478903-AddRecordCorrection';
import { CreateNotifications1796150000000 } from '../../migrations/1796150000000-CreateNotifications';
import { AddCaseLegalHold1796145617870 } from '../../migrations/1796145617870-AddCaseLegalHold';
import { AddCaseLegalHoldReason1796151000000 } from '../../migrations/1796151000000-AddCaseLegalHoldReason';
import { IndexDetectionRecordsByRecordedAt1796155000000 } from '../../migrations/1796155000000-IndexDetectionRecordsByRecordedAt';
import { WidenAuditPurposeBound1796160000000 } from '../../migrations/1796160000000-WidenAuditPurposeBound';

/** Every migration, in order. Listed explicitly so that tests (TypeScript) and builds (JS) load the same set. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateIdentityAndAuditWithExistingRole,
  CreatePreventionActivity1795692592338,
  CreateTraining1795695577118,
  CreateIndicators1795696784791,
  BatchDetectionMonthly1795697903166,
  CreateCases1795702814053,
  TrainingLatestCompletion1795702879079,
  TrainingSessionCancellation1795703410856,
  TrainingReportVersion1795713129792,
  AddPartnerOrganisationKinds1796133035460,
  InstallIndicatorDefinitions1796133035461,
  GrantMigrationHistoryRead1796133048823,
  CreateIdempotencyRecord1796133048824,
  HardenAuditLog1796133123472,
  ShareNeedToKnow1796133238475,
  CellKeyPublication1796133967709,
  GateTrainingByCourse1796134289341,
  CreateIdentityProviders1796134597743,
  AddLocalLoginFlag1796136717339,
  PartitionAuditEvents1796142209075,
  AddSecondFactor1796142818112,
  CreateCameras1796142871185,
  AddLegalGroundCatalogue1796143371973,
  CreateCoordinationMeetings1796143481553,
  AddRecordCorrection1796144478903,
  CreateEffectMeasures1796144658997,
  CreatePreventionFindings1796145187390,
  AddCaseLegalHold1796145617870,
  CreateNotifications1796150000000,
  AddCaseLegalHoldReason1796151000000,
  IndexDetectionRecordsByRecordedAt1796155000000,
  WidenAuditPurposeBound1796160000000,
];
