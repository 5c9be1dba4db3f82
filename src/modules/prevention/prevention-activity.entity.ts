import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Area, Organisation } from '../identity/identity.entities';
import { Commitment, Place } from './prevention.entities';

export enum PreventionActivityType {
  SAFETY_PATROL = 'SAFETY_PATROL',
  SAFETY_WALK = 'SAFETY_WALK',
  GUARD_PATROL = 'GUARD_PATROL',
  PARENT_WALK = 'PARENT_WALK',
  YOUTH_OUTREACH = 'YOUTH_OUTREACH',
  NEIGHBOURHOOD_WATCH = 'NEIGHBOURHOOD_WATCH',
  CAMERA_SURVEILLANCE = 'CAMERA_SURVEILLANCE',
  INFORMATION_CAMPAIGN = 'INFORMATION_CAMPAIGN',
  SCHOOL_PROGRAMME = 'SCHOOL_PROGRAMME',
  STAFF_CONSULTATION = 'STAFF_CONSULTATION',
  OTHER = 'OTHER',
}

export enum PreventionActivityStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum Visibility {
  /** Only the owning organisation. */
  ORGANISATION = 'ORGANISATION',
  /** Also the partner organisations of the partnerships covering the activity's area. */
  PARTNERSHIP = 'PARTNERSHIP',
}

@Entity()
// Keyset pagination runs newest first on (starts_at, id): read backwards along this index, the
// visibility predicate filters rows as they come and a page stops after `first + 1` of them.
@Index(['startsAt', 'id'])
@Index(['organisationId', 'startsAt', 'id'])
@Index(['areaId', 'startsAt', 'id'])
export class PreventionActivity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Index() @Column({ type: 'uuid', nullable: true }) commitmentId: string | null;
  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT' }) @JoinColumn() commitment?: Commitment;
  @Column({ type: 'enum', enum: PreventionActivityType, enumName: 'prevention_activity_type' })
  type: PreventionActivityType;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column('uuid') areaId: string;
  @ManyToOne(() => Area, { onDelete: 'RESTRICT' }) @JoinColumn() area?: Area;
  @Index() @Column({ type: 'uuid', nullable: true }) placeId: string | null;
  @ManyToOne(() => Place, { onDelete: 'RESTRICT' }) @JoinColumn() place?: Place;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) endsAt: Date | null;
  @Column({
    type: 'enum',
    enum: PreventionActivityStatus,
    enumName: 'prevention_activity_status',
    default: PreventionActivityStatus.PLANNED,
  })
  status: PreventionActivityStatus;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) participatingActors: string[];
  @Column({ type: 'integer', nullable: true }) peopleReached: number | null;
  @Column({ type: 'text', nullable: true }) outcomeNotes: string | null;
  @Column({ type: 'enum', enum: Visibility, enumName: 'visibility', default: Visibility.ORGANISATION })
  visibility: Visibility;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
