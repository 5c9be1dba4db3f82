import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited access. Append-only: the application's database role may only INSERT and SELECT, and
 * triggers refuse UPDATE, DELETE and TRUNCATE (see the migration). `txId` is set by a trigger to the
 * inserting transaction's id so that the sealer can seal in commit-safe order. Partitioned by month of
 * `occurredAt` (which is why it is part of the primary key); see the PartitionAuditEvents migration.
 */
@Entity()
// GIN indexes made by hand in the migration (TypeORM cannot describe them).
@Index('audit_event_entity_ids_gin', { synchronize: false })
@Index('audit_event_entity_org_gin', { synchronize: false })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'PK_audit_event_id_occurred_at',
  })
  id: string;
  @Index()
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_audit_event_id_occurred_at' })
  occurredAt: Date;
  @Column('uuid') requestId: string;
  @Index() @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Index() @Column({ type: 'uuid', nullable: true }) actorOrganisationId: string | null;
  @Column({ type: 'text', array: true }) actorRoles: string[];
  @Column({ type: 'text', nullable: true }) sessionHash: string | null;
  @Column({ type: 'text', nullable: true }) clientAddress: string | null;
  @Column({ type: 'text' }) operationType: string;
  @Column({ type: 'text', nullable: true }) operationName: string | null;
  @Column({ type: 'text', array: true }) fields: string[];
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text' }) outcome: string;
  @Column({ type: 'text', nullable: true }) errorCode: string | null;
  @Column({ type: 'text', nullable: true }) entityType: string | null;
  @Column({ type: 'text', array: true }) entityIds: string[];
  /** Organisations owning the records touched: lets auditors see events about their records. */
  @Column({ type: 'uuid', array: true }) entityOrganisationIds: string[];
  @Column({ type: 'text', nullable: true }) purpose: string | null;
  @Index() @Column({ type: 'bigint', nullable: true }) txId: string | null;
  @Column({ type: 'text' }) hash: string;
  /** The key generation of `hash` (HMAC-SHA-256); null only on events written before keyed digests. */
  @Column({ type: 'text', nullable: true }) keyId: string | null;
}

/** A sealed run of events, chained to the previous checkpoint by HMAC. Append-only like events; only
 * the sealer's role may insert. */
@Entity()
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'timestamptz' }) sealedAt: Date;
  /** Every event with tx_id below this horizon was committed or aborted when the checkpoint was made. */
  @Column({ type: 'bigint' }) txHorizon: string;
  @Column({ type: 'integer' }) eventCount: number;
  @Column({ type: 'bigint', array: true }) eventIds: string[];
  /**
   * Not unique: a checkpoint forged by someone who may write the table must not block the sealer from
   * chaining onto the last genuine one. Sealers are serialised by an advisory lock instead.
   */
  @Index() @Column({ type: 'text' }) previousHash: string;
  @Column({ type: 'text' }) hash: string;
  /** The key generation of `hash`; null only on checkpoints made before keyed digests. */
  @Column({ type: 'text', nullable: true }) keyId: string | null;
}

/** Months archived to a file and dropped (`npm run audit:archive`); verification starts after the last. */
@Entity()
export class AuditArchive {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'PK_audit_archive_id',
  })
  id: string;
  @Column({ type: 'timestamptz' }) archivedAt: Date;
  @Column({ type: 'text' }) fileName: string;
  @Column({ type: 'text' }) fileSha256: string;
  @Column({ type: 'text', array: true }) partitions: string[];
  @Column({ type: 'date' }) beforeMonth: string;
  @Column({ type: 'bigint', nullable: true }) firstCheckpointId: string | null;
  @Column({ type: 'bigint' }) lastCheckpointId: string;
  @Column({ type: 'text' }) lastCheckpointHash: string;
  @Column({ type: 'bigint' }) txHorizon: string;
  @Column({ type: 'bigint' }) eventCount: string;
  @Column({ type: 'text' }) keyId: string;
  /** HMAC-SHA-256 over the row's other fields under the key `keyId`: the owner cannot forge a row. */
  @Column({ type: 'text' }) signature: string;
}
