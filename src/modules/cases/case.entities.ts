import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { CaseContentAudience } from '../../access/case-content';
import { Organisation, User } from '../identity/identity.entities';
import { Course } from '../training/training.entities';
import { LegalGround } from './legal-ground.entity';

export { CaseContentAudience };

/** Every note, task, meeting and assessment says who may see it (src/access/case-content.ts). */
const audienceColumn = { type: 'enum', enum: CaseContentAudience, enumName: 'case_content_audience' } as const;

/**
 * Cases: multi-agency coordination without names. No table here has a column for a name, an
 * identity number or free text that invites one, except notes (and the bounded task titles, meeting
 * decisions, consent scope and break-glass reasons, which the service keeps short and single-purpose).
 */

export enum CaseRiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  SEVERE = 'SEVERE',
}

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum LegalBasisKind {
  CONSENT = 'CONSENT',
  STATUTORY = 'STATUTORY',
}

/** Statutory grounds for disclosure between social services and the police. */
export enum StatutoryGround {
  /** OSL 10 kap. 18 c §: to prevent serious crime against a person (violence in close relationships). */
  OSL_10_18C = 'OSL_10_18C',
  /** OSL 10 kap. 2 §: disclosure necessary for the disclosing authority to fulfil its own task. */
  OSL_10_2 = 'OSL_10_2',
  /** OSL 10 kap. 21 §: suspicion of a crime punishable by at least one year's imprisonment. */
  OSL_10_21 = 'OSL_10_21',
  /** The duty to report a concern that a child is at risk: SoL (2001:453) 14 kap. 1 § until 30 June 2025, then the Social Services Act (2025:400); citations in the legal_ground catalogue. */
  DUTY_TO_REPORT_CHILD_CONCERN = 'DUTY_TO_REPORT_CHILD_CONCERN',
}

/** What a consent covers (a fixed list: a free-text scope would invite details of the person). */
export enum ConsentScope {
  /** Coordination of protective measures between the two organisations. */
  COORDINATION = 'COORDINATION',
  /** Risk assessments and safety planning. */
  RISK_AND_SAFETY_PLANNING = 'RISK_AND_SAFETY_PLANNING',
  /** Everything recorded in the case. */
  WHOLE_CASE = 'WHOLE_CASE',
}

export enum CaseTaskStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum RiskAssessmentMethod {
  FREDA_DANGER_ASSESSMENT = 'FREDA_DANGER_ASSESSMENT',
  SARA_SV = 'SARA_SV',
  PATRIARK = 'PATRIARK',
  OTHER = 'OTHER',
}

export enum BreakGlassReason {
  /** A person is in immediate danger and no member can be reached. */
  IMMEDIATE_DANGER = 'IMMEDIATE_DANGER',
  /** The members are absent (leave, illness) and the case must be acted on. */
  MEMBERS_UNAVAILABLE = 'MEMBERS_UNAVAILABLE',
  /** An urgent protective measure (placement, restraining order) needs the case's information. */
  URGENT_PROTECTIVE_MEASURE = 'URGENT_PROTECTIVE_MEASURE',
  OTHER = 'OTHER',
}

/** Why a case is kept whatever its age (docs/records.md#legal-hold). */
export enum LegalHoldReason {
  /** A court or administrative case about the matter is pending or expected. */
  LITIGATION = 'LITIGATION',
  /** A request for the documents under the principle of public access is being handled. */
  PUBLIC_ACCESS_REQUEST = 'PUBLIC_ACCESS_REQUEST',
  /** A supervisory authority (IVO, JO, IMY) reviews the handling. */
  SUPERVISORY_REVIEW = 'SUPERVISORY_REVIEW',
  /** A preliminary investigation needs the records. */
  CRIMINAL_INVESTIGATION = 'CRIMINAL_INVESTIGATION',
  OTHER = 'OTHER',
}

@Entity({ name: 'case_file' })
@Check('case_file_closed_when_closed', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
@Check('case_file_legal_hold_reason', `"legal_hold" = ("legal_hold_reason" IS NOT NULL)`)
@Index(['ownerOrganisationId', 'openedAt', 'id'])
export class CaseFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') ownerOrganisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() ownerOrganisation?: Organisation;
  @Column({ type: 'enum', enum: CaseRiskLevel, enumName: 'case_risk_level' }) riskLevel: CaseRiskLevel;
  @Column({ type: 'enum', enum: CaseStatus, enumName: 'case_status', default: CaseStatus.OPEN }) status: CaseStatus;
  /** When the case was opened (the list's sort key; copied into case_member). */
  @Column({ type: 'timestamptz', default: () => 'now()' }) openedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  /** A legal hold (e.g. a pending court case or a request under the principle of public access): retention never deletes the case. */
  @Column({ type: 'boolean', default: false }) legalHold: boolean;
  /** Why the hold was placed, since when and by whom (null while there is none). */
  @Column({ type: 'enum', enum: LegalHoldReason, enumName: 'legal_hold_reason', nullable: true })
  legalHoldReason: LegalHoldReason | null;
  @Column({ type: 'timestamptz', nullable: true }) legalHoldSince: Date | null;
  @Column({ type: 'uuid', nullable: true }) legalHoldBy: string | null;
  @Column('uuid') createdBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/**
 * A member of a case. `caseOpenedAt` repeats the case's (immutable) opening instant so that a
 * member's list is one backwards walk of the (user, opened, case) index, whatever the case count.
 */
@Entity()
@Unique(['caseId', 'userId'])
@Index(['userId', 'caseOpenedAt', 'caseId'])
export class CaseMember {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn() user?: User;
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'timestamptz' }) caseOpenedAt: Date;
  @Column('uuid') addedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) addedAt: Date;
}

/** One organisation's own reference (its case or report number), visible only to its members of the case. */
@Entity()
export class CaseExternalReference {
  @PrimaryColumn('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @PrimaryColumn('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'text' }) reference: string;
  @Column('uuid') updatedBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/**
 * Sharing a case with another organisation, on one recorded legal basis. Active while not revoked
 * and either statutory, or a consent not withdrawn and not yet expired (evaluated in SQL).
 */
@Entity()
@Check(
  'case_share_legal_basis',
  `("basis_kind" = 'STATUTORY' AND "statutory_ground" IS NOT NULL AND "consent_scope" IS NULL AND "consent_given_on" IS NULL AND "consent_expires_at" IS NULL AND "consent_withdrawn_at" IS NULL)
   OR ("basis_kind" = 'CONSENT' AND "statutory_ground" IS NULL AND "consent_scope" IS NOT NULL AND "consent_given_on" IS NOT NULL AND "consent_expires_at" IS NOT NULL)`,
)
@Index(['caseId', 'organisationId'])
@Index(['organisationId', 'caseId'], { where: '"revoked_at" IS NULL' })
export class CaseShare {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  /** The organisation the case is shared with. */
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'enum', enum: LegalBasisKind, enumName: 'case_legal_basis_kind' }) basisKind: LegalBasisKind;
  @Column({ type: 'enum', enum: StatutoryGround, enumName: 'case_statutory_ground', nullable: true })
  statutoryGround: StatutoryGround | null;
  @Column({ type: 'enum', enum: ConsentScope, enumName: 'case_consent_scope', nullable: true })
  consentScope: ConsentScope | null;
  @Column({ type: 'date', nullable: true }) consentGivenOn: string | null;
  @Column({ type: 'timestamptz', nullable: true }) consentExpiresAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) consentWithdrawnAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  /** How the receiving organisation reaches the sender (a function such as "Mottagningen", never a person). */
  @Column({ type: 'text', nullable: true }) contactFunction: string | null;
  /** The receiving organisation's case worker who took the share and became its first member. */
  @Column({ type: 'uuid', nullable: true }) acceptedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) acceptedAt: Date | null;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  /** The catalogue version of the ground in force when the share was made (set by the database on insert). */
  @Column({ type: 'uuid', nullable: true }) legalGroundId: string | null;
  @ManyToOne(() => LegalGround, { onDelete: 'RESTRICT' }) @JoinColumn() legalGround?: LegalGround;
}

@Entity()
@Index(['caseId', 'dueOn', 'id'])
@Index(['assignedUserId', 'dueOn'], { where: `"status" IN ('OPEN', 'IN_PROGRESS')` })
export class CaseTask {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column({ type: 'text' }) title: string;
  @Column('uuid') assignedOrganisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() assignedOrganisation?: Organisation;
  @Column({ type: 'uuid', nullable: true }) assignedUserId: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn() assignedUser?: User;
  @Column({ type: 'date' }) dueOn: string;
  @Column({ type: 'enum', enum: CaseTaskStatus, enumName: 'case_task_status', default: CaseTaskStatus.OPEN })
  status: CaseTaskStatus;
  @Column(audienceColumn) audience: CaseContentAudience;
  @Column('uuid') authorOrganisationId: string;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity()
@Index(['caseId', 'heldOn', 'id'])
export class CaseMeeting {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column({ type: 'date' }) heldOn: string;
  @Column({ type: 'uuid', array: true }) participantOrganisationIds: string[];
  @Column({ type: 'text' }) decisions: string;
  @Column(audienceColumn) audience: CaseContentAudience;
  @Column('uuid') authorOrganisationId: string;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Free text: never written to the audit log, the history or any log line. */
@Entity()
@Index(['caseId', 'createdAt', 'id'])
export class CaseNote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column({ type: 'text' }) text: string;
  @Column(audienceColumn) audience: CaseContentAudience;
  @Column('uuid') authorId: string;
  @Column('uuid') authorOrganisationId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
@Index(['caseId', 'assessedOn', 'createdAt', 'id'])
export class RiskAssessment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column({ type: 'enum', enum: RiskAssessmentMethod, enumName: 'risk_assessment_method' })
  method: RiskAssessmentMethod;
  @Column({ type: 'date' }) assessedOn: string;
  @Column({ type: 'enum', enum: CaseRiskLevel, enumName: 'case_risk_level' }) level: CaseRiskLevel;
  @Column('uuid') assessorId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn() assessor?: User;
  @Column('uuid') assessorOrganisationId: string;
  @Column(audienceColumn) audience: CaseContentAudience;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A break-the-glass access: at most 4 hours, read only, waiting for an auditor's review. */
@Entity()
@Check(
  'case_break_glass_at_most_four_hours',
  `"expires_at" > "opened_at" AND "expires_at" <= "opened_at" + interval '4 hours'`,
)
@Index(['caseId', 'userId', 'expiresAt'])
// A caller's own active accesses, for the case list.
@Index(['userId', 'expiresAt'])
@Index(['organisationId', 'openedAt'], { where: '"reviewed_at" IS NULL' })
export class CaseBreakGlass {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn() user?: User;
  /** The case's owner organisation (= the user's): whose auditors review it. */
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'enum', enum: BreakGlassReason, enumName: 'break_glass_reason' }) reasonCode: BreakGlassReason;
  @Column({ type: 'text' }) reasonText: string;
  @Column({ type: 'timestamptz' }) openedAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'text', nullable: true }) reviewComment: string | null;
  /** A reviewer ended the access before it expired. */
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) endedBy: string | null;
}

/**
 * The case's timeline: one row per changed field, written in the transaction of the change. Values
 * only for enumerations, dates and ids; for free text (notes, references, titles, decisions, reasons)
 * only that it changed.
 */
@Entity()
@Index(['caseId', 'id'])
export class CaseHistory {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid') caseId: string;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
  @Column('uuid') actorUserId: string;
  @Column('uuid') actorOrganisationId: string;
  @Column({ type: 'text' }) entityType: string;
  @Column('uuid') entityId: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', nullable: true }) field: string | null;
  @Column({ type: 'text', nullable: true }) oldValue: string | null;
  @Column({ type: 'text', nullable: true }) newValue: string | null;
}

/**
 * The training gate of a risk-assessment method for one organisation's staff: a valid certificate of
 * the course (by id, owned by that organisation) is needed to record an assessment with the method.
 */
@Entity()
export class RiskAssessmentGate {
  @PrimaryColumn('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn() organisation?: Organisation;
  @PrimaryColumn({ type: 'enum', enum: RiskAssessmentMethod, enumName: 'risk_assessment_method' })
  method: RiskAssessmentMethod;
  @Index() @Column('uuid') courseId: string;
  @ManyToOne(() => Course, { onDelete: 'RESTRICT' }) @JoinColumn() course?: Course;
}
