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
} from 'typeorm';
import { OrganisationKind } from '../../access/roles';
import { Area, Organisation } from '../identity/identity.entities';

/** One indicator: what is counted and which kind of organisation reports it. */
@Entity()
export class IndicatorDefinition {
  /** Stable code, e.g. `SOC_FREDA_SCREENINGS`. */
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) nameSv: string;
  @Column({ type: 'text' }) nameEn: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' }) reportedBy: OrganisationKind;
  /** Retired indicators take no new records; their old tables stay readable. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * The protection rule of an indicator from a date on. Versions are only ever added, never changed:
 * the table of year Y is protected with the version in force on 1 January of Y, so a change applies
 * from the next year it covers in full and every published table stays reproducible.
 */
@Entity()
@Unique(['indicatorCode', 'validFrom'])
@Check('CHK_indicator_rule_version_threshold', '"threshold" >= 3')
@Check('CHK_indicator_rule_version_rounding_base', '"rounding_base" >= 1 AND "rounding_base" <= 1000')
export class IndicatorRuleVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) indicatorCode: string;
  @ManyToOne(() => IndicatorDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_code' })
  indicator?: IndicatorDefinition;
  /** YYYY-MM-DD. */
  @Column({ type: 'date' }) validFrom: string;
  @Column({ type: 'integer' }) threshold: number;
  @Column({ type: 'integer' }) roundingBase: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** The database draws every record key from its strong random source (see the CellKeyPublication migration). */
const RECORD_KEY_DEFAULT = 'detection_record_key()';

/**
 * A number of detections of one indicator in one area on one day, owned by the reporting
 * organisation. Deliberately no person data and no free text (only the reason of a void). Never
 * deleted: a correction voids the record (the database refuses DELETE and any other change).
 */
@Entity()
@Check('CHK_detection_record_count', '"count" >= 1 AND "count" <= 10000')
@Check(
  'CHK_detection_record_void',
  '("voided_at" IS NULL) = ("voided_by" IS NULL) AND ("voided_at" IS NULL) = ("void_reason" IS NULL)',
)
@Check('CHK_detection_record_key', '"record_key" >= 0 AND "record_key" < 4294967296')
@Index(['organisationId', 'indicatorCode', 'occurredOn'])
// The owners' list, newest first (keyset on recorded_at, id).
@Index('IDX_detection_record_recorded', ['organisationId', 'recordedAt', 'id'])
export class DetectionRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) indicatorCode: string;
  @ManyToOne(() => IndicatorDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_code' })
  indicator?: IndicatorDefinition;
  @Index() @Column('uuid') areaId: string;
  @ManyToOne(() => Area, { onDelete: 'RESTRICT' }) @JoinColumn() area?: Area;
  /** YYYY-MM-DD. */
  @Column({ type: 'date' }) occurredOn: string;
  @Column({ type: 'integer' }) count: number;
  @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn() organisation?: Organisation;
  @Column('uuid') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) voidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) voidedBy: string | null;
  @Column({ type: 'text', nullable: true }) voidReason: string | null;
  /**
   * The random record key of the cell-key method, drawn by the database (an integer in [0, 2^32)).
   * Never changed, never read by the application one by one and never shown.
   */
  @Column({ type: 'bigint', select: false, default: () => RECORD_KEY_DEFAULT }) recordKey?: string;
}

/**
 * Pre-aggregate of the non-voided detection records per indicator, organisation, area and month.
 * Written only by the database trigger on detection_record (see the CreateIndicators migration), so
 * it is exact in every transaction that can see the records; the application may only read it.
 */
@Entity()
@Check('CHK_detection_monthly_total', '"total" >= 0')
@Check('CHK_detection_monthly_month', '"month" >= 1 AND "month" <= 12')
@Check('CHK_detection_monthly_key_sum', '"key_sum" >= 0 AND "key_sum" < 4294967296')
export class DetectionMonthly {
  @PrimaryColumn({ type: 'text' }) indicatorCode: string;
  @PrimaryColumn({ type: 'smallint' }) year: number;
  @PrimaryColumn('uuid') organisationId: string;
  @PrimaryColumn('uuid') areaId: string;
  @PrimaryColumn({ type: 'smallint' }) month: number;
  @Column({ type: 'bigint' }) total: string;
  /** The sum of the record keys of the counted records, mod 2^32 (the cell-key method). */
  @Column({ type: 'bigint', default: 0 }) keySum: string;
}

/**
 * What partners read of one owner's month in one area from a publication point on: the total and
 * key sum of detection_monthly as the first read at or after the point found them. Written once,
 * never changed (the application may only SELECT and INSERT).
 */
@Entity()
@Check('CHK_indicator_publication_month', '"month" >= 1 AND "month" <= 12')
@Check('CHK_indicator_publication_total', '"total" >= 0')
@Check('CHK_indicator_publication_key_sum', '"key_sum" >= 0 AND "key_sum" < 4294967296')
export class IndicatorPublication {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_indicator_publication' }) indicatorCode: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_indicator_publication' }) organisationId: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_indicator_publication' }) areaId: string;
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_indicator_publication' }) year: number;
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_indicator_publication' }) month: number;
  /** YYYY-MM-DD: the publication point. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_indicator_publication' }) publishedOn: string;
  @Column({ type: 'bigint' }) total: string;
  @Column({ type: 'bigint' }) keySum: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Protected-table reads per user and day (the daily cap), shared by every API process. */
@Entity()
export class IndicatorReadCount {
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn({ type: 'date' }) day: string;
  @Column({ type: 'integer' }) reads: number;
}
