import { Capability, scopeOf } from './policy';
import type { Principal } from './principal';
import { Role } from './roles';

/**
 * Notifications: who is told, and who may read or mark one. A notification belongs to its recipient
 * alone: anyone else's answers as a notification that does not exist. Pure and deny-by-default.
 */
export function notificationOwnedBy(principal: Principal | undefined, recipientUserId: string): boolean {
  try {
    return (
      !!principal &&
      scopeOf(principal.roles, Capability.MY_NOTIFICATIONS) !== null &&
      principal.userId === recipientUserId
    );
  } catch {
    return false; // an exception inside a check denies
  }
}

/** Who in a receiving organisation is told of an incoming share: those who may take it (case readers). */
export const SHARE_RECIPIENT_ROLES: readonly Role[] = rolesWith(Capability.CASE_READ);
/** Who is told of a break-the-glass access awaiting review: the case owner's auditors. */
export const BREAK_GLASS_RECIPIENT_ROLES: readonly Role[] = rolesWith(Capability.BREAK_GLASS_REVIEW);
/** Who is told that an action of a safety walk or patrol owned by their organisation is due soon. */
export const FINDING_RECIPIENT_ROLES: readonly Role[] = rolesWith(Capability.ACTIVITY_WRITE);

/** The roles the policy table grants a capability to, and that may receive notifications. */
function rolesWith(capability: Capability): Role[] {
  return Object.values(Role).filter(
    (r) => scopeOf([r], capability) !== null && scopeOf([r], Capability.MY_NOTIFICATIONS) !== null,
  );
}
