import type {
  AuditAction,
  AuditOutcome,
  BreakGlassReason,
  CaseContentAudience,
  CaseRiskLevel,
  CaseStatus,
  CaseTaskStatus,
  ConsentScope,
  RiskAssessmentMethod,
  StatutoryGround,
} from '../../gql/graphql';

/** Every value of an enum, checked complete by the compiler (a new value in the schema fails here). */
const all = <T extends string>(values: Record<T, true>): T[] => Object.keys(values) as T[];

export const RISK_LEVELS = all<CaseRiskLevel>({ LOW: true, MEDIUM: true, HIGH: true, SEVERE: true });
export const CASE_STATUSES = all<CaseStatus>({ OPEN: true, CLOSED: true });
export const TASK_STATUSES = all<CaseTaskStatus>({ OPEN: true, IN_PROGRESS: true, DONE: true, CANCELLED: true });
export const AUDIENCES = all<CaseContentAudience>({ OWN_ORGANISATION: true, SHARED: true });
export const CONSENT_SCOPES = all<ConsentScope>({
  COORDINATION: true,
  RISK_AND_SAFETY_PLANNING: true,
  WHOLE_CASE: true,
});
export const STATUTORY_GROUNDS = all<StatutoryGround>({
  OSL_10_18C: true,
  OSL_10_2: true,
  OSL_10_21: true,
  DUTY_TO_REPORT_CHILD_CONCERN: true,
});
export const METHODS = all<RiskAssessmentMethod>({
  FREDA_DANGER_ASSESSMENT: true,
  SARA_SV: true,
  PATRIARK: true,
  OTHER: true,
});
export const BREAK_GLASS_REASONS = all<BreakGlassReason>({
  IMMEDIATE_DANGER: true,
  MEMBERS_UNAVAILABLE: true,
  URGENT_PROTECTIVE_MEASURE: true,
  OTHER: true,
});
export const AUDIT_ACTIONS = all<AuditAction>({
  READ: true,
  CREATE: true,
  UPDATE: true,
  DELETE: true,
  EXPORT: true,
  BREAK_GLASS: true,
  LOGIN: true,
  LOGIN_FAILED: true,
  LOGOUT: true,
});
export const AUDIT_OUTCOMES = all<AuditOutcome>({ ALLOWED: true, DENIED: true, ERROR: true });

/** The roles that work cases (docs/cases.md). */
export const CASE_ROLES = ['SOCIAL_WORKER', 'POLICE_LIAISON'];
export const AUDIT_ROLES = ['AUDITOR'];
