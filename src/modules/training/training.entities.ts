import {
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
import { Organisation, User } from '../identity/identity.entities';

export enum EnrolmentStatus {
  ENROLLED = 'ENROLLED',
  WAITLISTED = 'WAITLISTED',
  COMPLETED = 'COMPLETED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
}

/** The staff register: people of an organisation, with or without a login. */
@Entity()
@Index(['organisationId', 'name', 'id'])
export class StaffMember {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'text' }) unit: string;
  @Column({ type: 'text' }) name: string;
  /** The staff member's job role (e.g. "Socialsekreterare"); requirements by role match it. */
  @Column({ type: 'text' }) title: string;
  /** The login of this person, if any: at most one staff member per user. */
  @Column({ type: 'uuid', nullable: true, unique: true }) userId: string | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' }) @JoinColumn() user?: User;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A course of the shared catalogue (the same FREDA or SARA:SV course for every organisation). */
@Entity()
export class Course {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ type: 'integer' }) hours: number;
  /** Null: a completion never expires. */
  @Column({ type: 'integer', nullable: true }) validityMonths: number | null;
  /** The last this-many days of validity (the expiry day included) count as EXPIRING. */
  @Column({ type: 'integer', default: 90 }) renewalWindowDays: number;
  /** The organisation whose risk-assessment gate uses the course and who alone may change it; null: the shared catalogue. */
  @Column({ type: 'uuid', nullable: true }) ownerOrganisationId: string | null;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() ownerOrganisation?: Organisation;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Staff of an organisation (optionally only those of one job role and/or unit) must hold a course. */
@Entity()
@Index(['organisationId', 'courseId'])
export class TrainingRequirement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column('uuid') courseId: string;
  @ManyToOne(() => Course, { onDelete: 'RESTRICT' }) @JoinColumn() course?: Course;
  /** Job role (matched case-insensitively against StaffMember.title); null: every role. */
  @Column({ type: 'text', nullable: true }) role: string | null;
  /** Null: every unit. */
  @Column({ type: 'text', nullable: true }) unit: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
@Index(['organisationId', 'startsAt', 'id'])
export class TrainingSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') courseId: string;
  @ManyToOne(() => Course, { onDelete: 'RESTRICT' }) @JoinColumn() course?: Course;
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text' }) place: string;
  @Column({ type: 'integer' }) capacity: number;
  @Column({ type: 'text' }) instructor: string;
  /** Joint across the partnership: partner organisations' coordinators may enrol their staff. */
  @Column({ type: 'boolean', default: false }) joint: boolean;
  /** Set when the session is cancelled (its open enrolments are cancelled with it); never cleared. */
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
@Unique(['sessionId', 'staffMemberId'])
@Index(['sessionId', 'status', 'enrolledAt'])
export class Enrolment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') sessionId: string;
  @ManyToOne(() => TrainingSession, { onDelete: 'RESTRICT' }) @JoinColumn() session?: TrainingSession;
  @Index() @Column('uuid') staffMemberId: string;
  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' }) @JoinColumn() staffMember?: StaffMember;
  @Column({ type: 'enum', enum: EnrolmentStatus, enumName: 'enrolment_status' }) status: EnrolmentStatus;
  @Column({ type: 'date', nullable: true }) completedOn: string | null;
  /** When the current enrolment was made (a re-enrolment after a cancellation starts anew). */
  @Column({ type: 'timestamptz' }) enrolledAt: Date;
  @Column('uuid') enrolledBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/**
 * A completed course: the one source of certification status. Written when an enrolment is marked
 * COMPLETED (enrolmentId set) and for historical completions recorded without a session.
 */
@Entity()
@Index(['staffMemberId', 'courseId', 'completedOn'])
export class TrainingCompletion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') staffMemberId: string;
  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' }) @JoinColumn() staffMember?: StaffMember;
  @Index() @Column('uuid') courseId: string;
  @ManyToOne(() => Course, { onDelete: 'RESTRICT' }) @JoinColumn() course?: Course;
  @Column({ type: 'date' }) completedOn: string;
  @Column({ type: 'uuid', nullable: true, unique: true }) enrolmentId: string | null;
  @ManyToOne(() => Enrolment, { onDelete: 'RESTRICT' }) @JoinColumn() enrolment?: Enrolment;
  @Column('uuid') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * The latest completion date per staff member and course: a pre-aggregate of TrainingCompletion
 * kept exact by statement-level triggers (insert, update, delete), so that the coverage report joins
 * one row per pair instead of probing every pair's completions. Certification status is still
 * computed on every read from this date; nothing derived from a report date is stored. The
 * application may only read it.
 */
@Entity()
export class TrainingLatestCompletion {
  @PrimaryColumn('uuid') staffMemberId: string;
  @PrimaryColumn('uuid') courseId: string;
  @Column({ type: 'date' }) completedOn: string;
}

/**
 * One row: a counter raised at the commit of every transaction that changed what the coverage
 * report is computed from (staff, courses, requirements, completions), by deferred triggers. A
 * coverage answer computed after reading version v stays exact while the version is still v, so the
 * report may be served again without recomputing it (TrainingService.coverage). The application may
 * only read it.
 */
@Entity()
export class TrainingReportVersion {
  @PrimaryColumn('smallint') id: number;
  @Column('bigint') version: string;
}
