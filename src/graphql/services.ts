import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { anchorFilePath } from '../modules/audit/audit.keys';
import { AuditActorService } from '../modules/audit/audit-actor.service';
import { AuditService } from '../modules/audit/audit.service';
import { CameraService } from '../modules/cameras/camera.service';
import { FootageRequestService } from '../modules/cameras/footage-request.service';
import { CaseService } from '../modules/cases/case.service';
import { IdempotencyService } from '../modules/idempotency/idempotency.service';
import { IdentityService } from '../modules/identity/identity.service';
import { PartnershipService } from '../modules/identity/partnership.service';
import { OidcService } from '../modules/identity/oidc/oidc.service';
import { SessionService } from '../modules/identity/sessions/session.service';
import { LoginService } from '../modules/identity/login/login.service';
import { SecondFactorService } from '../modules/identity/second-factor/second-factor.service';
import { IndicatorService } from '../modules/indicators/indicator.service';
import { PreventionActivityService } from '../modules/prevention/prevention-activity.service';
import { ReferenceService } from '../modules/prevention/reference.service';
import { TrainingService } from '../modules/training/training.service';
import { MyWorkService } from '../modules/work/my-work.service';
import { NotificationService } from '../modules/notifications/notification.service';
import { MeetingService } from '../modules/meetings/meeting.service';
import { PreventionFindingService } from '../modules/prevention/prevention-finding.service';
import { EffectService } from '../modules/reports/effect.service';
import { PartnershipReportService } from '../modules/reports/partnership-report.service';

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
  cameras: CameraService;
  footage: FootageRequestService;
  myWork: MyWorkService;
  notifications: NotificationService;
  meetings: MeetingService;
  preventionFindings: PreventionFindingService;
  partnershipReport: PartnershipReportService;
  effects: EffectService;
  login: LoginService;
  secondFactor: SecondFactorService;
}

export function createServices(dataSource: DataSource, config: Config): Services {
  const training = new TrainingService(dataSource);
  const audit = new AuditService(dataSource, anchorFilePath(config));
  const cameras = new CameraService(dataSource);
  const preventionActivity = new PreventionActivityService(dataSource);
  const publication = {
    delayDays: config.indicatorPublicationDelayDays,
    republishEveryMonths: config.indicatorRepublishEveryMonths,
  };
  // TOTP secrets are encrypted under a key derived from the cell-key secret (its own HKDF label).
  const secondFactor = new SecondFactorService(dataSource, requireCellKeySecret(config));
  return {
    cameras,
    footage: new FootageRequestService(dataSource, cameras),
    secondFactor,
    login: new LoginService(
      dataSource,
      {
        nodeEnv: config.nodeEnv,
        absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
        localLogin: config.localLogin,
      },
      secondFactor,
    ),
    identity: new IdentityService(dataSource, {
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
      localLogin: config.localLogin,
    }),
    partnership: new PartnershipService(dataSource),
    audit,
    preventionActivity,
    preventionFindings: new PreventionFindingService(dataSource, preventionActivity),
    reference: new ReferenceService(dataSource),
    training,
    indicator: new IndicatorService(dataSource, {
      dailyReadCap: config.indicatorDailyReadCap,
      cellKeySecret: requireCellKeySecret(config),
      publication,
    }),
    partnershipReport: new PartnershipReportService(
      dataSource,
      { cellKeySecret: requireCellKeySecret(config), publication },
      cameras,
    ),
    effects: new EffectService(),
    // Risk assessments are gated by the training module's certificate check.
    cases: new CaseService(dataSource, training.certificates),
    idempotency: new IdempotencyService(dataSource),
    auditActors: new AuditActorService(dataSource),
    myWork: new MyWorkService(dataSource),
    notifications: new NotificationService(dataSource),
    meetings: new MeetingService(dataSource),
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
