import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Capability } from '../../../access/policy';
import { Policy } from '../../../graphql/policy.decorator';
import { PageInfo } from '../../../graphql/connection.types';
import { CertificationStatus } from '../certification-status';
import { EnrolmentStatus } from '../training.entities';
import { TrainingCoverageGapDto } from './training-coverage-gap.dto';

registerEnumType(EnrolmentStatus, { name: 'EnrolmentStatus' });
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description:
    'VALID; EXPIRING: inside the renewal window (the last renewalWindowDays days, the expiry day included); EXPIRED; MISSING: never completed.',
});

@ObjectType('Course', { description: 'A course of the catalogue shared by every organisation.' })
@Policy(Capability.TRAINING_SELF_READ)
export class CourseDto {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() title: string;
  @Field() provider: string;
  @Field(() => Int) hours: number;
  @Field(() => Int, { nullable: true, description: 'Months a completion stays valid; null: it never expires.' })
  validityMonths: number | null;
  @Field(() => Int) renewalWindowDays: number;
}

@ObjectType('StaffMember', { description: "A person in an organisation's staff register (a login is optional)." })
@Policy(Capability.TRAINING_SELF_READ)
export class StaffMemberDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() unit: string;
  @Field({ description: 'Job role; requirements by role match it (case-insensitively).' }) title: string;
  @Field(() => ID, { nullable: true, description: 'The linked login, if any.' }) userId: string | null;
  organisationId: string;
}

@ObjectType('Certificate', {
  description: 'Certification status of one course for one staff member, derived from completions.',
})
@Policy(Capability.TRAINING_SELF_READ)
export class CertificateDto {
  @Field(() => CourseDto) course: CourseDto;
  @Field(() => CertificationStatus) status: CertificationStatus;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD of the completion that counts.' }) completedOn:
    string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the last day the certificate is valid.' })
  expiresOn: string | null;
  @Field(() => Int, { nullable: true }) daysLeft: number | null;
  @Field({ description: 'A requirement of the organisation applies to this staff member.' }) required: boolean;
}

@ObjectType('Enrolment')
@Policy(Capability.TRAINING_SELF_READ)
export class EnrolmentDto {
  @Field(() => ID) id: string;
  @Field(() => ID) sessionId: string;
  @Field(() => EnrolmentStatus) status: EnrolmentStatus;
  @Field(() => String, { nullable: true }) completedOn: string | null;
  @Field() enrolledAt: Date;
  @Field(() => StaffMemberDto) staffMember: StaffMemberDto;
  @Field(() => CourseDto) course: CourseDto;
  @Field() sessionStartsAt: Date;
}

@ObjectType('TrainingSession')
@Policy(Capability.TRAINING_MANAGE)
export class TrainingSessionDto {
  @Field(() => ID) id: string;
  @Field(() => CourseDto) course: CourseDto;
  @Field(() => ID, { description: 'The organisation that holds the session.' }) organisationId: string;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field() place: string;
  @Field(() => Int) capacity: number;
  @Field() instructor: string;
  @Field({ description: 'Open to the staff of partner organisations, enrolled by their own coordinator.' })
  joint: boolean;
  @Field(() => Date, { nullable: true, description: 'When the session was cancelled; null while it stands.' })
  cancelledAt: Date | null;
  @Field(() => Int) enrolledCount: number;
  @Field(() => Int) waitlistedCount: number;
  @Field(() => [EnrolmentDto], { description: "Enrolments of the caller's own organisation's staff only." })
  enrolments: EnrolmentDto[];
}

@ObjectType('TrainingRecord', { description: "The caller's own training record." })
@Policy(Capability.TRAINING_SELF_READ)
export class TrainingRecordDto {
  @Field(() => StaffMemberDto, { nullable: true, description: 'Null when no staff member is linked to the login.' })
  staffMember: StaffMemberDto | null;
  @Field({ description: 'YYYY-MM-DD the statuses are computed for.' }) on: string;
  @Field(() => [CertificateDto]) certificates: CertificateDto[];
  @Field(() => [EnrolmentDto]) enrolments: EnrolmentDto[];
}

@ObjectType('TrainingRequirement')
@Policy(Capability.TRAINING_MANAGE)
export class TrainingRequirementDto {
  @Field(() => ID) id: string;
  @Field(() => CourseDto) course: CourseDto;
  @Field(() => String, { nullable: true, description: 'Job role (staff title); null: every role.' }) role:
    string | null;
  @Field(() => String, { nullable: true, description: 'Null: every unit.' }) unit: string | null;
}

@ObjectType('StaffMemberEdge')
@Policy(Capability.TRAINING_MANAGE)
export class StaffMemberEdge {
  @Field(() => StaffMemberDto) node: StaffMemberDto;
  @Field() cursor: string;
}

@ObjectType('StaffMemberConnection')
@Policy(Capability.TRAINING_MANAGE)
export class StaffMemberConnection {
  @Field(() => [StaffMemberEdge]) edges: StaffMemberEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  count: () => Promise<number>;
  @Field(() => Int) totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('TrainingSessionEdge')
@Policy(Capability.TRAINING_MANAGE)
export class TrainingSessionEdge {
  @Field(() => TrainingSessionDto) node: TrainingSessionDto;
  @Field() cursor: string;
}

@ObjectType('TrainingSessionConnection')
@Policy(Capability.TRAINING_MANAGE)
export class TrainingSessionConnection {
  @Field(() => [TrainingSessionEdge]) edges: TrainingSessionEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  count: () => Promise<number>;
  @Field(() => Int) totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('TrainingCoverageRow', { description: 'One requirement in one unit.' })
@Policy(Capability.TRAINING_REPORT)
export class TrainingCoverageRowDto {
  @Field(() => ID) requirementId: string;
  @Field(() => CourseDto) course: CourseDto;
  @Field(() => String, { nullable: true }) role: string | null;
  @Field() unit: string;
  @Field(() => Int) staffCount: number;
  @Field(() => Int, { description: 'Staff holding a VALID or EXPIRING certificate.' }) coveredCount: number;
  @Field(() => Float, { description: 'coveredCount / staffCount (0 without staff), 4 decimals.' }) share: number;
  @Field(() => Int) valid: number;
  @Field(() => Int) expiring: number;
  @Field(() => Int) expired: number;
  @Field(() => Int) missing: number;
  @Field(() => [String], { description: 'Names of the staff without a valid certificate (own organisation only).' })
  missingStaff: string[];
  @Field(() => [TrainingCoverageGapDto], {
    description:
      'The staff without a valid certificate (own organisation only), with their ids, in the order of missingStaff.',
  })
  missingStaffMembers: TrainingCoverageGapDto[];
}

@ObjectType('TrainingCoverage')
@Policy(Capability.TRAINING_REPORT)
export class TrainingCoverageDto {
  @Field() on: string;
  @Field(() => [TrainingCoverageRowDto]) rows: TrainingCoverageRowDto[];
}

@ObjectType('ExpiringCertificate')
@Policy(Capability.TRAINING_REPORT)
export class ExpiringCertificateDto {
  @Field(() => StaffMemberDto) staffMember: StaffMemberDto;
  @Field(() => CourseDto) course: CourseDto;
  @Field(() => CertificationStatus) status: CertificationStatus;
  @Field() completedOn: string;
  @Field() expiresOn: string;
  @Field(() => Int) daysLeft: number;
}

@ObjectType('CourseCompletions')
@Policy(Capability.TRAINING_REPORT)
export class CourseCompletionsDto {
  @Field(() => CourseDto) course: CourseDto;
  @Field(() => Int) completions: number;
  @Field(() => Int, { description: 'Distinct staff members.' }) staff: number;
}

@ObjectType('TrainingCsvExport', { description: 'A training report as CSV (RFC 4180, UTF-8, header row).' })
@Policy(Capability.TRAINING_REPORT)
export class TrainingCsvExportDto {
  @Field() filename: string;
  @Field() contentType: string;
  @Field() csv: string;
}

@ObjectType('ImportRejection', { description: 'A row of an import that was rejected, and why.' })
@Policy(Capability.TRAINING_MANAGE)
export class ImportRejectionDto {
  @Field(() => Int, { description: 'Line in the CSV text (1 = the header).' }) line: number;
  @Field() reason: string;
}

@ObjectType('ImportReport', { description: 'All or nothing: when any row is rejected, no row is imported.' })
@Policy(Capability.TRAINING_MANAGE)
export class ImportReportDto {
  @Field(() => Int) imported: number;
  @Field(() => [ImportRejectionDto]) rejected: ImportRejectionDto[];
}
