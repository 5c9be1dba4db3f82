import type { UserWithRoles } from '../identity.repository';
import type { SelfView } from '../identity.service';
import type { IssuedSession } from '../login/login.service';
import { SessionDto, UserDto } from './identity.dto';

export const toUserType = (u: UserWithRoles | SelfView): UserDto =>
  Object.assign(new UserDto(), {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    disabled: 'disabled' in u ? u.disabled : u.disabledAt !== null,
    organisationId: u.organisationId,
  });

export function toSessionType(session: IssuedSession): SessionDto {
  return Object.assign(new SessionDto(), {
    token: session.token,
    expiresAt: session.expiresAt,
    user: toUserType(session.user),
    deviceToken: session.deviceToken,
  });
}
