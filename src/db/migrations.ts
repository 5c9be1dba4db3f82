import type { MigrationInterface } from 'typeorm';
import { CreateIdentityAndAudit1795692018510 } from '../../migrations/1795692018510-CreateIdentityAndAudit';
import { CreatePreventionActivity1795692592338 } from '../../migrations/1795692592338-CreatePreventionActivity';
import { CreateTraining1795695577118 } from '../../migrations/1795695577118-CreateTraining';
import { CreateIndicators1795696784791 } from '../../migrations/1795696784791-CreateIndicators';
import { BatchDetectionMonthly1795697903166 } from '../../migrations/1795697903166-BatchDetectionMonthly';
import { CreateCases1795702814053 } from '../../migrations/1795702814053-CreateCases';
import { TrainingLatestCompletion1795702879079 } from '../../migrations/1795702879079-TrainingLatestCompletion';
import { TrainingSessionCancellation1795703410856 } from '../../migrations/1795703410856-TrainingSessionCancellation';
import { TrainingReportVersion1795713129792 } from '../../migrations/1795713129792-TrainingReportVersion';
import { CreateIdentityProviders1796134597743 } from '../../migrations/1796134597743-CreateIdentityProviders';
import { AddLocalLoginFlag1796136717339 } from '../../migrations/1796136717339-AddLocalLoginFlag';

/** Every migration, in order. Listed explicitly so that tests (TypeScript) and builds (JS) load the same set. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateIdentityAndAudit1795692018510,
  CreatePreventionActivity1795692592338,
  CreateTraining1795695577118,
  CreateIndicators1795696784791,
  BatchDetectionMonthly1795697903166,
  CreateCases1795702814053,
  TrainingLatestCompletion1795702879079,
  TrainingSessionCancellation1795703410856,
  TrainingReportVersion1795713129792,
  CreateIdentityProviders1796134597743,
  AddLocalLoginFlag1796136717339,
];
