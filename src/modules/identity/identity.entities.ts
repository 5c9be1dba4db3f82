import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganisationKind, Role } from './identity.enums';

@Entity()
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) name: string;
  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' }) kind: OrganisationKind;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
export class Partnership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) name: string;
  @Column({ type: 'date' }) validFrom: string;
  @Column({ type: 'date' }) validTo: string;
  /** Set when the partnership was closed at (or after) its end date; its reference data stays readable. */
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
export class PartnershipOrganisation {
  @PrimaryColumn('uuid') partnershipId: string;
  @Index() @PrimaryColumn('uuid') organisationId: string;
  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' }) @JoinColumn() partnership?: Partnership;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
}

@Entity()
export class Area {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
export class PartnershipArea {
  @PrimaryColumn('uuid') partnershipId: string;
  @Index() @PrimaryColumn('uuid') areaId: string;
  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' }) @JoinColumn() partnership?: Partnership;
  @ManyToOne(() => Area, { onDelete: 'RESTRICT' }) @JoinColumn() area?: Area;
}

@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  /** Stored lower-cased; unique across the installation. */
  @Column({ type: 'text', unique: true }) email: string;
  @Column({ type: 'text' }) displayName: string;
  @Column({ type: 'text' }) passwordHash: string;
  /** Set for an account an administrator created: its temporary password only serves `changePassword`. */
  @Column({ type: 'boolean', default: false }) passwordChangeRequired: boolean;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  /** May log in with a password when LOCAL_LOGIN=flagged (the named emergency administrator). */
  @Column({ type: 'boolean', default: false }) localLoginAllowed: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
export class UserRole {
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn({ type: 'enum', enum: Role, enumName: 'role' }) role: Role;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
}

@Entity({ name: 'user_session' })
export class UserSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Hex SHA-256 of the bearer token; the token itself is never stored. */
  @Column({ type: 'text', unique: true }) tokenHash: string;
  @Index() @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokedReason: string | null;
  /** An OpenID Connect session: its provider, whose end-session endpoint logout offers. */
  @Column({ type: 'uuid', nullable: true }) providerId: string | null;
  /** An OpenID Connect session: the ID token, sent back as `id_token_hint` at the provider's logout. */
  @Column({ type: 'text', nullable: true }) idTokenHint: string | null;
}

/** Failed-login counters per account and per client address, shared by every API process. */
@Entity()
export class LoginThrottle {
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'integer' }) failures: number;
  @Column({ type: 'timestamptz' }) windowStartedAt: Date;
  @Column({ type: 'timestamptz' }) lastFailureAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
}
