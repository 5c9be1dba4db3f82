import { Role } from './roles';

/**
 * Separation of duties: which roles one person may hold together, who may change whose roles, and
 * who may review a break-the-glass access. Pure and deny-by-default, like `case-access.ts`.
 *
 * | rule                                   | why                                                        |
 * |----------------------------------------|------------------------------------------------------------|
 * | AUDITOR never with SOCIAL_WORKER,      | whoever reviews accesses must not be able to make them     |
 * | POLICE_LIAISON, SAFETY_COORDINATOR,    |                                                            |
 * | PARTNER_CONTACT or ADMIN               |                                                            |
 * | ADMIN never with a content role        | whoever grants roles must not be able to read what they    |
 * | (SOCIAL_WORKER, POLICE_LIAISON,        | open (cases, activities, detection data, training records) |
 * | TRAINING_COORDINATOR, SAFETY_COORDINATOR, |                                                         |
 * | PARTNER_CONTACT)                       |                                                            |
 * | nobody changes their own roles         | otherwise an admin grants themselves a content role        |
 * | ADMIN and AUDITOR are not granted      | a second administrator must take part (four eyes); this    |
 * | through the API                        | API has no second approver, so it refuses with a reason:   |
 * |                                        | the operator's `create-admin` command makes administrators |
 * | the reviewer of a break-the-glass is   | nobody reviews their own access                            |
 * | never its opener                       |                                                            |
 */

/** Roles that read or change content (cases, activities, detection data, training records). */
export const CONTENT_ROLES: readonly Role[] = [
  Role.SOCIAL_WORKER,
  Role.POLICE_LIAISON,
  Role.TRAINING_COORDINATOR,
  Role.SAFETY_COORDINATOR,
  Role.PARTNER_CONTACT,
];

/** Pairs of roles one user may never hold together. */
export const INCOMPATIBLE_ROLE_PAIRS: readonly (readonly [Role, Role])[] = [
  [Role.AUDITOR, Role.SOCIAL_WORKER],
  [Role.AUDITOR, Role.POLICE_LIAISON],
  [Role.AUDITOR, Role.SAFETY_COORDINATOR],
  [Role.AUDITOR, Role.PARTNER_CONTACT],
  [Role.AUDITOR, Role.ADMIN],
  ...CONTENT_ROLES.map((r) => [Role.ADMIN, r] as const),
];

/** Roles whose grant needs a second administrator: refused by the API (see the table above). */
export const PRIVILEGED_ROLES: readonly Role[] = [Role.ADMIN, Role.AUDITOR];

export enum RoleChangeRefusal {
  /** A role pair of `INCOMPATIBLE_ROLE_PAIRS`. */
  INCOMPATIBLE = 'INCOMPATIBLE',
  /** The caller is the user whose roles would change. */
  OWN_ROLES = 'OWN_ROLES',
  /** ADMIN or AUDITOR would be granted (newly held). */
  PRIVILEGED_GRANT = 'PRIVILEGED_GRANT',
}

export interface RoleChangeDecision {
  allowed: boolean;
  refusal: RoleChangeRefusal | null;
  /** Why, for the BAD_USER_INPUT message (names roles only). */
  reason: string | null;
}

const refuse = (refusal: RoleChangeRefusal, reason: string): RoleChangeDecision => ({
  allowed: false,
  refusal,
  reason,
});

/** The first incompatible pair in `roles`, or null. */
export function incompatiblePair(roles: readonly string[]): readonly [Role, Role] | null {
  for (const pair of INCOMPATIBLE_ROLE_PAIRS) {
    if (roles.includes(pair[0]) && roles.includes(pair[1])) return pair;
  }
  return null;
}

/**
 * Whether `actorUserId` may give `targetUserId` the roles `next` (the target holds `current` now;
 * an empty list for a user being created). Any failure inside the check refuses.
 */
export function roleChangeDecision(input: {
  actorUserId: string;
  targetUserId: string | null;
  current: readonly string[];
  next: readonly string[];
}): RoleChangeDecision {
  try {
    if (typeof input.actorUserId !== 'string' || input.actorUserId === '')
      return refuse(RoleChangeRefusal.OWN_ROLES, 'unknown caller');
    if (input.targetUserId !== null && input.targetUserId === input.actorUserId) {
      return refuse(
        RoleChangeRefusal.OWN_ROLES,
        'nobody changes their own roles (separation of duties): another administrator must do it',
      );
    }
    const pair = incompatiblePair(input.next);
    if (pair)
      return refuse(
        RoleChangeRefusal.INCOMPATIBLE,
        `${pair[0]} and ${pair[1]} may not be held together (separation of duties)`,
      );
    const granted = PRIVILEGED_ROLES.filter((r) => input.next.includes(r) && !input.current.includes(r));
    if (granted.length > 0) {
      return refuse(
        RoleChangeRefusal.PRIVILEGED_GRANT,
        `${granted.join(' and ')} needs a second administrator's approval (four eyes), which this API does not take: the operator grants it with the create-admin command`,
      );
    }
    return { allowed: true, refusal: null, reason: null };
  } catch {
    return refuse(RoleChangeRefusal.INCOMPATIBLE, 'the roles could not be checked');
  }
}

/** The reviewer of a break-the-glass access is never the user who opened it. */
export function mayReviewBreakGlass(
  reviewerUserId: string | null | undefined,
  openerUserId: string | null | undefined,
): boolean {
  return (
    typeof reviewerUserId === 'string' &&
    reviewerUserId !== '' &&
    typeof openerUserId === 'string' &&
    openerUserId !== '' &&
    reviewerUserId !== openerUserId
  );
}

/** The first pair of `roles` that separation of duties forbids, or null (roles mapped from an identity provider's claims). */
export function separationOfDutiesConflict(roles: readonly Role[]): readonly [Role, Role] | null {
  return incompatiblePair(roles);
}
