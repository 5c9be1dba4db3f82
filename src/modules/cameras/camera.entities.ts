import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../identity/identity.entities';
import { Commitment, Place } from '../prevention/prevention.entities';

/** What the owner decided on a request for footage. */
export enum FootageRequestStatus {
  REQUESTED = 'REQUESTED',
  HANDED_OVER = 'HANDED_OVER',
  PARTLY_HANDED_OVER = 'PARTLY_HANDED_OVER',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
}

/** One step in a footage request's history. */
export enum FootageRequestStep {
  REQUESTED = 'REQUESTED',
  DECIDED = 'DECIDED',
  WITHDRAWN = 'WITHDRAWN',
}

/**
 * A camera at a place, run by the municipality's safety function under a permit for camera
 * surveillance of a public place. Samverkan holds none of the footage: it records the measure,
 * its permit and the cooperation around it.
 */
@Entity()
export class Camera {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The owner: the organisation that runs the camera and decides on footage requests. */
  @Index() @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Index() @Column('uuid') placeId: string;
  @ManyToOne(() => Place, { onDelete: 'RESTRICT' }) @JoinColumn() place?: Place;
  /** The commitment the camera serves, for the yearly follow-up. */
  @Index() @Column({ type: 'uuid', nullable: true }) commitmentId: string | null;
  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT' }) @JoinColumn() commitment?: Commitment;
  @Column({ type: 'text' }) name: string;
  /** What the camera covers, e.g. "busshållplatsen och gångtunneln". */
  @Column({ type: 'text' }) coverage: string;
  /** The permit decision's reference (diarienummer). */
  @Column({ type: 'text' }) permitReference: string;
  @Column({ type: 'date' }) permitDecidedOn: string;
  @Column({ type: 'date' }) permitValidUntil: string;
  @Column({ type: 'text' }) permitConditions: string;
  /** Days footage is kept before it is erased; a request for older footage is refused. */
  @Column({ type: 'int' }) retentionDays: number;
  /** First day of operation. */
  @Column({ type: 'date' }) operatingSince: string;
  /** Last day of operation once the camera is taken down. */
  @Column({ type: 'date', nullable: true }) decommissionedOn: string | null;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A period when a camera was out of order (both days included); `endedOn` null while it lasts. */
@Entity()
export class CameraOutage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') cameraId: string;
  @ManyToOne(() => Camera, { onDelete: 'CASCADE' }) @JoinColumn() camera?: Camera;
  @Column({ type: 'date' }) startedOn: string;
  @Column({ type: 'date', nullable: true }) endedOn: string | null;
  @Column({ type: 'text' }) note: string;
  @Column('uuid') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A police request for footage from a camera for a time window, and the owner's decision on it. */
@Entity()
export class FootageRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') cameraId: string;
  @ManyToOne(() => Camera, { onDelete: 'RESTRICT' }) @JoinColumn() camera?: Camera;
  /** The camera's owner at the time of the request (denormalised for scoped reads). */
  @Index() @Column('uuid') ownerOrganisationId: string;
  @Index() @Column('uuid') requestingOrganisationId: string;
  @Column('uuid') requestedBy: string;
  @Column({ type: 'timestamptz' }) windowStart: Date;
  @Column({ type: 'timestamptz' }) windowEnd: Date;
  @Column({ type: 'text' }) reason: string;
  /** A case of the requesting organisation (shown to that organisation only). */
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  /** The requesting organisation's own incident number, e.g. a police report number. */
  @Column({ type: 'text', nullable: true }) incidentNumber: string | null;
  @Column({
    type: 'enum',
    enum: FootageRequestStatus,
    enumName: 'footage_request_status',
    default: FootageRequestStatus.REQUESTED,
  })
  status: FootageRequestStatus;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  /** Why footage was refused or only partly handed over; what was handed over. */
  @Column({ type: 'text', nullable: true }) decisionNote: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) requestedAt: Date;
}

/** The history of a footage request: one row per step, never changed. */
@Entity()
export class FootageRequestEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') requestId: string;
  @ManyToOne(() => FootageRequest, { onDelete: 'CASCADE' }) @JoinColumn() request?: FootageRequest;
  @Column({ type: 'enum', enum: FootageRequestStep, enumName: 'footage_request_step' }) step: FootageRequestStep;
  @Column({ type: 'enum', enum: FootageRequestStatus, enumName: 'footage_request_status' })
  status: FootageRequestStatus;
  @Column('uuid') actorUserId: string;
  @Column('uuid') actorOrganisationId: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}
