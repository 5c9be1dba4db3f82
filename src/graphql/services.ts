import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { anchorFilePath } from '../modules/audit/audit.keys';
import { AuditActorService } from '../modules/audit/audit-actor.service';
import { AuditService } from '../modules/audit/audit.service';
import { CaseService } from '../modules/cases/case.service';
import { IdempotencyService } from '../modules/idempotency/idempotency.service';
import { IdentityService } from '../modules/identity/identity.service';
import { PartnershipService } from '../modules/identity/partnership.service';
import { OidcService } from '../modules/identity/oidc/oidc.service';
import { SessionService } from '../modules/identity/sessions/session.service';
import { IndicatorService } from '../modules/indicators/indicator.service';
import { PreventionActivityService } from '../modules/prevention/prevention-activity.service';
import { ReferenceService } from '../modules/prevention/reference.service';
import { TrainingService } from '../modules/training/training.service';

/** The application's services, built once per process. */
export interface Services {
  identity: IdentityService;
  partnership: PartnershipService;
  audit: AuditService;
  preventionActivity: PreventionActivityService;
  reference: ReferenceService;
  training: TrainingService;
  indicator: IndicatorService;
  cases: CaseService;
  idempotency: IdempotencyService;
  oidc: OidcService;
  sessions: SessionService;
  auditActors: AuditActorService;
}

export function createServices(dataSource: DataSource, config: Config): Services {
  const training = new TrainingService(dataSource);
  const audit = new AuditService(dataSource, anchorFilePath(config));
  return {
    identity: new IdentityService(dataSource, {
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
      localLogin: config.localLogin,
    }),
    partnership: new PartnershipService(dataSource),
    audit,
    preventionActivity: new PreventionActivityService(dataSource),
    reference: new ReferenceService(dataSource),
    training,
    indicator: new IndicatorService(dataSource, {
      dailyReadCap: config.indicatorDailyReadCap,
      cellKeySecret: requireCellKeySecret(config),
      publication: {
        delayDays: config.indicatorPublicationDelayDays,
        republishEveryMonths: config.indicatorRepublishEveryMonths,
      },
    }),
    // Risk assessments are gated by the training module's certificate check.
    cases: new CaseService(dataSource, training.certificates),
    idempotency: new IdempotencyService(dataSource),
    auditActors: new AuditActorService(dataSource),
    sessions: new SessionService(dataSource, config.sessionIdleTimeoutSeconds),
    oidc: new OidcService(dataSource, audit, {
      nodeEnv: config.nodeEnv,
      publicUrl: config.publicUrl,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
    }),
  };
}

function requireCellKeySecret(config: Config): Buffer {
  if (!config.indicatorCellKeySecret)
    throw new Error('INDICATOR_CELL_KEY_SECRET (or INDICATOR_CELL_KEY_SECRET_FILE) must be set');
  return config.indicatorCellKeySecret;
}
