import { Role } from './roles';

/** Roles that read or write case and prevention content. */
export const CONTENT_ROLES: readonly Role[] = [Role.SOCIAL_WORKER, Role.POLICE_LIAISON];

/**
 * Separation of duties: pairs of roles one user may never hold together. An auditor reviews what
 * the content roles and the administrators did, so holds neither; an administrator grants roles,
 * so holds no content role (they could otherwise grant themselves access).
 */
export const SEPARATED_ROLES: readonly (readonly [Role, Role])[] = [
  [Role.AUDITOR, Role.ADMIN],
  ...CONTENT_ROLES.map((r) => [Role.AUDITOR, r] as const),
  ...CONTENT_ROLES.map((r) => [Role.ADMIN, r] as const),
];

/** The first pair of `roles` that separation of duties forbids, or null when there is none. */
export function separationOfDutiesConflict(roles: readonly Role[]): readonly [Role, Role] | null {
  return SEPARATED_ROLES.find(([a, b]) => roles.includes(a) && roles.includes(b)) ?? null;
}
