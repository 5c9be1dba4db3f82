import { AuditCheckpoint, AuditEvent } from '../modules/audit/audit.entities';
import {
  Area,
  LoginThrottle,
  Organisation,
  Partnership,
  PartnershipArea,
  PartnershipOrganisation,
  User,
  UserRole,
  UserSession,
} from '../modules/identity/identity.entities';
import { IdentityProvider, OidcAuthorization, UserIdentity } from '../modules/identity/oidc/oidc.entities';
import { PreventionActivity } from '../modules/prevention/prevention-activity.entity';
import { Commitment, Place } from '../modules/prevention/prevention.entities';
import { Course, Enrolment, StaffMember, TrainingCompletion, TrainingLatestCompletion, TrainingReportVersion, TrainingRequirement, TrainingSession } from '../modules/training/training.entities';
import {
  CaseBreakGlass,
  CaseExternalReference,
  CaseFile,
  CaseHistory,
  CaseMeeting,
  CaseMember,
  CaseNote,
  CaseShare,
  CaseTask,
  RiskAssessment,
} from '../modules/cases/case.entities';
import { DetectionMonthly, DetectionRecord, IndicatorDefinition, IndicatorReadCount, IndicatorRuleVersion } from '../modules/indicators/indicator.entities';

/** Every entity of the application; migrations must match exactly this list (checked in CI). */
export const ENTITIES = [
  Organisation,
  Partnership,
  PartnershipOrganisation,
  Area,
  PartnershipArea,
  User,
  UserRole,
  UserSession,
  LoginThrottle,
  IdentityProvider,
  UserIdentity,
  OidcAuthorization,
  Place,
  Commitment,
  PreventionActivity,
  StaffMember,
  Course,
  TrainingRequirement,
  TrainingSession,
  Enrolment,
  TrainingCompletion,
  TrainingLatestCompletion,
  TrainingReportVersion,
  IndicatorDefinition,
  IndicatorRuleVersion,
  DetectionRecord,
  DetectionMonthly,
  IndicatorReadCount,
  CaseFile,
  CaseMember,
  CaseExternalReference,
  CaseShare,
  CaseTask,
  CaseMeeting,
  CaseNote,
  RiskAssessment,
  CaseBreakGlass,
  CaseHistory,
  AuditEvent,
  AuditCheckpoint,
];
