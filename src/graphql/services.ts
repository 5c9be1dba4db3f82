import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { AuditService } from '../modules/audit/audit.service';
import { IdentityService } from '../modules/identity/identity.service';
import { IndicatorService } from '../modules/indicators/indicator.service';
import { PreventionActivityService } from '../modules/prevention/prevention-activity.service';
import { ReferenceService } from '../modules/prevention/reference.service';
import { TrainingService } from '../modules/training/training.service';

/** The application's services, built once per process. */
export interface Services {
  identity: IdentityService;
  audit: AuditService;
  preventionActivity: PreventionActivityService;
  reference: ReferenceService;
  training: TrainingService;
  indicator: IndicatorService;
}

export function createServices(dataSource: DataSource, config: Config): Services {
  return {
    identity: new IdentityService(dataSource, {
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
    }),
    audit: new AuditService(dataSource),
    preventionActivity: new PreventionActivityService(dataSource),
    reference: new ReferenceService(dataSource),
    training: new TrainingService(dataSource),
    indicator: new IndicatorService(dataSource, { dailyReadCap: config.indicatorDailyReadCap }),
  };
}
