import type { AuditRecorder } from '../modules/audit/audit.recorder';
import type { PartnershipTopology } from './access';
import type { Principal } from './principal';

/**
 * Who runs an operation, as every service receives it: the authenticated principal (never undefined —
 * `RequestContext.actor` refuses a request without one with UNAUTHENTICATED, after the policy gate has
 * already refused it for every non-public operation), the request's audit recorder, and the caller's
 * partnerships as the session lookup read them.
 *
 * Public operations (login, the second-factor login step, the OIDC sign-in and callback, the password reset
 * and the sign-up of an invitation) run before there is a principal and do not take an Actor.
 *
 * (The audit recorder is named by type only: `src/access` imports nothing from the modules at runtime.)
 */
export interface Actor {
  readonly principal: Principal;
  readonly audit: AuditRecorder;
  /** The caller's partnerships (organisations and areas). */
  readonly topology: () => Promise<PartnershipTopology[]>;
}
