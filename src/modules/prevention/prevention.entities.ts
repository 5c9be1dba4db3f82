import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Area, Partnership } from '../identity/identity.entities';

export enum CommitmentStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

@Entity()
@Unique(['areaId', 'name'])
export class Place {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') areaId: string;
  @ManyToOne(() => Area, { onDelete: 'RESTRICT' }) @JoinColumn() area?: Area;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'boolean', default: false }) feltUnsafe: boolean;
  @Column({ type: 'boolean', default: false }) cameraMonitored: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
@Unique(['partnershipId', 'title'])
export class Commitment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') partnershipId: string;
  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' }) @JoinColumn() partnership?: Partnership;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'uuid', array: true }) responsibleOrganisationIds: string[];
  @Column({ type: 'date' }) periodStart: string;
  @Column({ type: 'date' }) periodEnd: string;
  @Column({ type: 'enum', enum: CommitmentStatus, enumName: 'commitment_status', default: CommitmentStatus.ACTIVE })
  status: CommitmentStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
