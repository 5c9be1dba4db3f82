import type { AuditRecorder } from '../modules/audit/audit.recorder';
import type { PartnershipTopology } from './access';
import type { Principal } from './principal';

/**
 * Who runs an operation, as every service receives it: the authenticated principal (never undefined —
 * `RequestContext.actor` refuses a request without one with UNAUTHENTICATED, after the policy gate has
 * already refused it for every non-public operation), the request's audit recorder, and the caller's
 * partnerships as the session lookup read them.
 *
 * Public operations run before there is a principal and do not take an Actor: login, changePassword,
 * loginWithSecondFactor, enrolSecondFactor and confirmSecondFactor with a login's challenge, signInProviders,
 * and the OIDC sign-in routes outside GraphQL. They pass only what they need (the audit recorder, the
 * client address).
 *
 * (The audit recorder is named by type only: `src/access` imports nothing from the modules at runtime.)
 */
export interface Actor {
  readonly principal: Principal;
  readonly audit: AuditRecorder;
  /** The caller's partnerships (organisations and areas). */
  readonly topology: () => Promise<PartnershipTopology[]>;
}
