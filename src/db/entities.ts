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
import { PreventionActivity } from '../modules/prevention/prevention-activity.entity';
import { Commitment, Place } from '../modules/prevention/prevention.entities';
import { Course, Enrolment, StaffMember, TrainingCompletion, TrainingLatestCompletion, TrainingRequirement, TrainingSession } from '../modules/training/training.entities';
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
  IndicatorDefinition,
  IndicatorRuleVersion,
  DetectionRecord,
  DetectionMonthly,
  IndicatorReadCount,
  AuditEvent,
  AuditCheckpoint,
];
