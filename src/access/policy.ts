import { Role } from './roles';

/**
 * Capabilities: what a caller may do. String values so that they read well in schema extensions,
 * logs and tests. Each GraphQL operation and object type declares the capability it needs.
 */
export enum Capability {
  /** Operations open to anyone (login). Still audited. */
  PUBLIC = 'public',
  /** The caller's own sessions and identity (me, logout, mySessions, endSession). */
  SESSION_SELF = 'session.self',
  REFERENCE_READ = 'reference.read',
  COMMITMENT_WRITE = 'commitment.write',
  /** Places of the partnership's areas (issue #4: police liaison and social workers of the partnership). */
  PLACE_WRITE = 'place.write',
  ACTIVITY_WRITE = 'activity.write',
  ACTIVITY_READ = 'activity.read',
  TRAINING_SELF_READ = 'training.self.read',
  TRAINING_MANAGE = 'training.manage',
  TRAINING_REPORT = 'training.report',
  DETECTION_RECORD = 'detection.record',
  INDICATOR_READ_OWN = 'indicator.read.own',
  INDICATOR_READ_PROTECTED = 'indicator.read.protected',
  CASE_CREATE = 'case.create',
  CASE_READ = 'case.read',
  CASE_BREAK_GLASS = 'case.break_glass',
  /** Placing or lifting a legal hold on a case (retention keeps it): members of the owner organisation (docs/records.md). */
  CASE_LEGAL_HOLD = 'case.legal_hold',
  /** The auditors' queue of break-the-glass accesses to the own organisation's cases, and marking them reviewed. */
  BREAK_GLASS_REVIEW = 'case.break_glass.review',
  AUDIT_READ = 'audit.read',
  /** Users of the own organisation: create, roles, disable, end all of a user's sessions. */
  USER_MANAGE = 'user.manage',
  /** Closing a partnership of the own organisation once its end date has come. */
  PARTNERSHIP_CLOSE = 'partnership.close',
  /** Cameras at places: the owner's safety function; the partner police, to choose one for a request. */
  CAMERA_READ = 'camera.read',
  /** Cameras of the own organisation: permit, status, outages. */
  CAMERA_MANAGE = 'camera.manage',
  /** Requesting footage from a camera of a partner organisation. */
  FOOTAGE_REQUEST = 'footage.request',
  /** Deciding on requests for footage from the own organisation's cameras. */
  FOOTAGE_DECIDE = 'footage.decide',
  /** Footage requests the own organisation made or received, with their history. */
  FOOTAGE_READ = 'footage.read',
  /** The caller's own list of tasks and actions (myTasks): only items assigned to the caller or its organisation. */
  MY_WORK = 'work.self',
  /** The caller's own notifications (myNotifications, markNotificationsRead): only those addressed to the caller. */
  MY_NOTIFICATIONS = 'notification.self',
  /** Multi-agency meetings of the caller's partnerships that its organisation attends; case items by case access. */
  MEETING_WORK = 'meeting.work',
  /** The joint yearly report of a partnership of the caller's organisation (issue #23), and its exports. */
  PARTNERSHIP_REPORT_READ = 'partnership.report.read',
  /** Safety survey results and commitment targets of a partnership of the caller's organisation. */
  EFFECT_RECORD = 'effect.record',
}

/**
 * Scopes, from DESIGN.md's access table:
 * OWN = own organisation (O), PARTNERSHIP = organisations of the caller's partnerships (P),
 * SELF = the caller's own record, MEMBERSHIP = members of the record only, ANY = no record scope.
 */
export enum Scope {
  ANY = 'any',
  OWN = 'own',
  PARTNERSHIP = 'partnership',
  SELF = 'self',
  MEMBERSHIP = 'membership',
}

type Grants = Partial<Record<Role, Scope>>;

const ALL_ROLES = Object.values(Role);
const everyRole = (scope: Scope): Grants => Object.fromEntries(ALL_ROLES.map((r) => [r, scope])) as Grants;

/**
 * The policy table: capability → role → scope. Deny by default: a role absent from a row has no
 * access. This is the only place where who-may-do-what is written down.
 */
export const POLICY: Readonly<Record<Capability, Grants>> = {
  [Capability.PUBLIC]: {},
  [Capability.SESSION_SELF]: everyRole(Scope.SELF),
  [Capability.REFERENCE_READ]: {
    [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP,
    [Role.POLICE_LIAISON]: Scope.PARTNERSHIP,
    [Role.TRAINING_COORDINATOR]: Scope.PARTNERSHIP,
    [Role.AUDITOR]: Scope.OWN,
    [Role.ADMIN]: Scope.OWN,
    [Role.SAFETY_COORDINATOR]: Scope.PARTNERSHIP,
    [Role.PARTNER_CONTACT]: Scope.PARTNERSHIP,
  },
  [Capability.COMMITMENT_WRITE]: { [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP, [Role.POLICE_LIAISON]: Scope.PARTNERSHIP },
  // The safety function keeps the places it guards and films (felt unsafe, camera-monitored).
  [Capability.PLACE_WRITE]: {
    [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP,
    [Role.POLICE_LIAISON]: Scope.PARTNERSHIP,
    [Role.SAFETY_COORDINATOR]: Scope.PARTNERSHIP,
  },
  [Capability.ACTIVITY_WRITE]: {
    [Role.SOCIAL_WORKER]: Scope.OWN,
    [Role.POLICE_LIAISON]: Scope.OWN,
    [Role.SAFETY_COORDINATOR]: Scope.OWN,
    [Role.PARTNER_CONTACT]: Scope.OWN,
  },
  // Own organisation, plus records shared with the partnership (the record's visibility decides).
  // A general partner reads its own activities only: it takes part in some commitments, not in the
  // partnership's whole follow-up.
  [Capability.ACTIVITY_READ]: {
    [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP,
    [Role.POLICE_LIAISON]: Scope.PARTNERSHIP,
    [Role.SAFETY_COORDINATOR]: Scope.PARTNERSHIP,
    [Role.PARTNER_CONTACT]: Scope.OWN,
  },
  [Capability.TRAINING_SELF_READ]: everyRole(Scope.SELF),
  [Capability.TRAINING_MANAGE]: { [Role.TRAINING_COORDINATOR]: Scope.OWN },
  [Capability.TRAINING_REPORT]: { [Role.TRAINING_COORDINATOR]: Scope.OWN },
  [Capability.DETECTION_RECORD]: { [Role.SOCIAL_WORKER]: Scope.OWN, [Role.POLICE_LIAISON]: Scope.OWN },
  [Capability.INDICATOR_READ_OWN]: { [Role.SOCIAL_WORKER]: Scope.OWN, [Role.POLICE_LIAISON]: Scope.OWN },
  [Capability.INDICATOR_READ_PROTECTED]: {
    [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP,
    [Role.POLICE_LIAISON]: Scope.PARTNERSHIP,
  },
  [Capability.CASE_CREATE]: { [Role.SOCIAL_WORKER]: Scope.OWN, [Role.POLICE_LIAISON]: Scope.OWN },
  [Capability.CASE_READ]: { [Role.SOCIAL_WORKER]: Scope.MEMBERSHIP, [Role.POLICE_LIAISON]: Scope.MEMBERSHIP },
  [Capability.CASE_BREAK_GLASS]: { [Role.SOCIAL_WORKER]: Scope.OWN, [Role.POLICE_LIAISON]: Scope.OWN },
  // The owner organisation keeps its records: its members of the case decide a hold (caseAccess, LEGAL_HOLD).
  [Capability.CASE_LEGAL_HOLD]: {
    [Role.SOCIAL_WORKER]: Scope.MEMBERSHIP,
    [Role.POLICE_LIAISON]: Scope.MEMBERSHIP,
  },
  [Capability.BREAK_GLASS_REVIEW]: { [Role.AUDITOR]: Scope.OWN },
  [Capability.AUDIT_READ]: { [Role.AUDITOR]: Scope.OWN },
  [Capability.USER_MANAGE]: { [Role.ADMIN]: Scope.OWN },
  [Capability.PARTNERSHIP_CLOSE]: { [Role.ADMIN]: Scope.OWN },
  // Camera surveillance (docs/cameras.md): the safety function runs the cameras and decides on
  // footage; the partner police request it; the auditors of both sides follow every step.
  [Capability.CAMERA_READ]: { [Role.SAFETY_COORDINATOR]: Scope.OWN, [Role.POLICE_LIAISON]: Scope.PARTNERSHIP },
  [Capability.CAMERA_MANAGE]: { [Role.SAFETY_COORDINATOR]: Scope.OWN },
  [Capability.FOOTAGE_REQUEST]: { [Role.POLICE_LIAISON]: Scope.PARTNERSHIP },
  [Capability.FOOTAGE_DECIDE]: { [Role.SAFETY_COORDINATOR]: Scope.OWN },
  [Capability.FOOTAGE_READ]: {
    [Role.POLICE_LIAISON]: Scope.OWN,
    [Role.SAFETY_COORDINATOR]: Scope.OWN,
    [Role.AUDITOR]: Scope.OWN,
  },
  [Capability.MY_WORK]: {
    [Role.SOCIAL_WORKER]: Scope.SELF,
    [Role.POLICE_LIAISON]: Scope.SELF,
    [Role.SAFETY_COORDINATOR]: Scope.SELF,
    [Role.PARTNER_CONTACT]: Scope.SELF,
  },
  // Notifications are addressed to a person: the content roles (tasks, shares, actions due) and the
  // auditors (break-the-glass awaiting review). Administrators and training coordinators get none.
  [Capability.MY_NOTIFICATIONS]: {
    [Role.SOCIAL_WORKER]: Scope.SELF,
    [Role.POLICE_LIAISON]: Scope.SELF,
    [Role.SAFETY_COORDINATOR]: Scope.SELF,
    [Role.PARTNER_CONTACT]: Scope.SELF,
    [Role.AUDITOR]: Scope.SELF,
  },
  [Capability.MEETING_WORK]: { [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP, [Role.POLICE_LIAISON]: Scope.PARTNERSHIP },
  // One report, the same numbers for every partner: whoever follows the commitments up reads it,
  // the training coordinators too (the coverage of the partnership's staff is in it). Details of
  // organisation-only records never appear in it, only counts (docs/reports.md).
  [Capability.PARTNERSHIP_REPORT_READ]: {
    [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP,
    [Role.POLICE_LIAISON]: Scope.PARTNERSHIP,
    [Role.SAFETY_COORDINATOR]: Scope.PARTNERSHIP,
    [Role.TRAINING_COORDINATOR]: Scope.PARTNERSHIP,
  },
  // The survey is run jointly by police and municipality; the safety function commissions it.
  [Capability.EFFECT_RECORD]: {
    [Role.SOCIAL_WORKER]: Scope.PARTNERSHIP,
    [Role.POLICE_LIAISON]: Scope.PARTNERSHIP,
    [Role.SAFETY_COORDINATOR]: Scope.PARTNERSHIP,
  },
};

/** Broader scopes first: a caller holding several roles gets the broadest grant. */
const SCOPE_ORDER: readonly Scope[] = [Scope.ANY, Scope.PARTNERSHIP, Scope.OWN, Scope.MEMBERSHIP, Scope.SELF];

/** The scope the given roles have for a capability, or null when none of them has it. */
export function scopeOf(roles: readonly Role[], capability: Capability): Scope | null {
  // Own properties only: a role named like an Object.prototype member ("constructor") must not
  // read an inherited value as a grant. Anything that is not a known scope is no grant.
  if (!Object.prototype.hasOwnProperty.call(POLICY, capability)) return null;
  const grants: Grants = POLICY[capability];
  let best: Scope | null = null;
  for (const role of roles) {
    if (!Object.prototype.hasOwnProperty.call(grants, role)) continue;
    const scope = grants[role];
    if (scope === undefined || !SCOPE_ORDER.includes(scope)) continue;
    if (best === null || SCOPE_ORDER.indexOf(scope) < SCOPE_ORDER.indexOf(best)) best = scope;
  }
  return best;
}
