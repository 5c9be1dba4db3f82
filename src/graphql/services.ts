import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { AuditService } from '../modules/audit/audit.service';
import { IdentityService } from '../modules/identity/identity.service';
import { PreventionActivityService } from '../modules/prevention/prevention-activity.service';
import { ReferenceService } from '../modules/prevention/reference.service';

/** The application's services, built once per process. */
export interface Services {
  identity: IdentityService;
  audit: AuditService;
  preventionActivity: PreventionActivityService;
  reference: ReferenceService;
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
  };
}
