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
import type { Role } from '../identity.enums';
import { Organisation, User } from '../identity.entities';

/**
 * An OpenID Connect identity provider of one organisation: who may sign in through it, and how its
 * claims become Samverkan roles. Applied from the file named by OIDC_PROVIDERS_FILE (see
 * docs/sign-in.md); the client secret is never stored, only the path of the file that holds it.
 */
@Entity()
export class IdentityProvider {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The name in the sign-in URLs: /auth/oidc/<slug>/start. */
  @Column({ type: 'text', unique: true }) slug: string;
  @Index() @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column({ type: 'text' }) displayName: string;
  @Column({ type: 'text' }) issuer: string;
  @Column({ type: 'text' }) clientId: string;
  @Column({ type: 'text', nullable: true }) clientSecretFile: string | null;
  @Column({ type: 'text', array: true }) scopes: string[];
  /** The ID-token claim that carries the user's groups or roles at the provider. */
  @Column({ type: 'text' }) rolesClaim: string;
  /** Claim value → Samverkan roles. */
  @Column({ type: 'jsonb' }) roleMapping: Record<string, Role[]>;
  /** Any one of these `acr` values satisfies the required authentication level. */
  @Column({ type: 'text', array: true }) requiredAcr: string[];
  /** Any one of these methods in `amr` satisfies it (e.g. mfa, otp, hwk). */
  @Column({ type: 'text', array: true }) requiredAmr: string[];
  @Column({ type: 'boolean' }) enabled: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** The external identity of a user: the issuer and `sub` pair identifies them, never the e-mail. */
@Entity()
export class UserIdentity {
  @PrimaryColumn({ type: 'text' }) issuer: string;
  @PrimaryColumn({ type: 'text' }) subject: string;
  @Index() @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn() user?: User;
  @Index() @Column('uuid') providerId: string;
  @ManyToOne(() => IdentityProvider, { onDelete: 'RESTRICT' }) @JoinColumn() provider?: IdentityProvider;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) lastSignInAt: Date;
}

/**
 * A sign-in under way, between the redirect to the provider and its callback. Keyed by the hash of
 * the value of a short-lived browser cookie, so that a callback is only accepted in the browser
 * that started it; deleted when the callback uses it.
 */
@Entity()
export class OidcAuthorization {
  @PrimaryColumn({ type: 'text' }) browserKeyHash: string;
  @Index() @Column('uuid') providerId: string;
  @ManyToOne(() => IdentityProvider, { onDelete: 'CASCADE' }) @JoinColumn() provider?: IdentityProvider;
  @Column({ type: 'text' }) state: string;
  @Column({ type: 'text' }) nonce: string;
  @Column({ type: 'text' }) codeVerifier: string;
  @Column({ type: 'text' }) redirectUri: string;
  @Index() @Column({ type: 'timestamptz' }) expiresAt: Date;
}
