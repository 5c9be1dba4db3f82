import type { Role } from '../gql/graphql';

/**
 * Which roles may use each area of the console: the menu shows an area only to these roles, and a
 * direct address of another area shows "Inte tillåtet". It mirrors the API's policy table
 * (src/access/policy.ts), which decides anyway: the console only spares people pages they cannot use.
 * To add an area: a line here, its menu entries in menu.ts, its routes wrapped in <RequireArea>.
 */
export const AREAS = {
  prevention: ['SOCIAL_WORKER', 'POLICE_LIAISON', 'SAFETY_COORDINATOR', 'PARTNER_CONTACT'],
  training: ['TRAINING_COORDINATOR'],
  indicators: ['SOCIAL_WORKER', 'POLICE_LIAISON'],
  cases: ['SOCIAL_WORKER', 'POLICE_LIAISON'],
  audit: ['AUDITOR'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREAS;

export function mayUse(roles: readonly Role[], area: Area): boolean {
  const allowed: readonly Role[] = AREAS[area];
  return roles.some((r) => allowed.includes(r));
}
