import type { UserWithRoles } from '../identity.repository';
import type { SelfView } from '../identity.service';
import type { IssuedSession } from '../login/login.service';
import { SessionType, UserType } from './identity.types';

export const toUserType = (u: UserWithRoles | SelfView): UserType =>
  Object.assign(new UserType(), {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    disabled: 'disabled' in u ? u.disabled : u.disabledAt !== null,
    organisationId: u.organisationId,
  });

export function toSessionType(session: IssuedSession): SessionType {
  return Object.assign(new SessionType(), {
    token: session.token,
    expiresAt: session.expiresAt,
    user: toUserType(session.user),
    deviceToken: session.deviceToken,
  });
}
