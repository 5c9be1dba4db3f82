import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity.entities';

/**
 * A local account's TOTP second factor (RFC 6238). The shared secret is stored encrypted
 * (AES-256-GCM, `totp-crypto.ts`); it is shown once, at enrolment, and never logged or audited.
 */
@Entity()
export class UserSecondFactor {
  @PrimaryColumn('uuid') userId: string;
  @OneToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
  /** base64url of IV ‖ ciphertext ‖ tag. */
  @Column({ type: 'text' }) secretEncrypted: string;
  /** Null until the first code confirms the enrolment; an unconfirmed factor lets no one in. */
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  /** The last 30-second time step whose code was accepted: a code is never accepted twice. */
  @Column({ type: 'bigint', nullable: true }) lastUsedStep: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A single-use recovery code, stored as its SHA-256 only (80 random bits each). */
@Entity()
export class RecoveryCode {
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn({ type: 'text' }) codeHash: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * The step between a correct password and a session: a short-lived, single-use token that the second
 * call presents with its code, so the password is never sent twice. Only its SHA-256 is stored.
 */
@Entity()
export class LoginChallenge {
  @PrimaryColumn({ type: 'text' }) tokenHash: string;
  @Index() @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
  /** `verify`: the account has a factor; `enrol`: it must enrol one first (production, ADMIN/AUDITOR). */
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'integer' }) attemptsLeft: number;
  @Index() @Column({ type: 'timestamptz' }) expiresAt: Date;
}

/**
 * A browser or client that completed a login of this user: a correct password presented with its
 * token is not held back by the account's failure count (an attacker's guesses cannot lock the owner
 * out). Only the token's SHA-256 is stored.
 */
@Entity()
export class KnownDevice {
  @PrimaryColumn({ type: 'text' }) tokenHash: string;
  @Index() @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) lastUsedAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
}
