import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseFile } from '../cases/case.entities';

/** Why a record was corrected: a code, never free text (it is written to the audit log as the purpose). */
export enum CorrectionReason {
  /** The record stated something wrong. */
  FACTUAL_ERROR = 'FACTUAL_ERROR',
  /** Written on the wrong record. */
  WRONG_RECORD = 'WRONG_RECORD',
  /** Something essential was missing. */
  INCOMPLETE = 'INCOMPLETE',
  /** Personal data that did not belong there (e.g. an identity number, a name). */
  PERSONAL_DATA_REMOVED = 'PERSONAL_DATA_REMOVED',
  /** The data subject's request for rectification (GDPR article 16). */
  DATA_SUBJECT_REQUEST = 'DATA_SUBJECT_REQUEST',
}

/**
 * A correction (rättelse) of one field of a record by its author's organisation: the previous value
 * is kept here, marked corrected by the row's existence; the record itself holds the new value, so
 * partners only ever read the corrected text. Read by the author organisation's auditors
 * (`recordCorrections`). Deleted with its case by retention.
 */
@Entity()
@Index(['entityType', 'entityId', 'correctedAt'])
export class RecordCorrection {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** CaseNote, CaseMeeting, RiskAssessment or PreventionActivity. */
  @Column({ type: 'text' }) entityType: string;
  @Column('uuid') entityId: string;
  /** The author's organisation: whose auditors see the previous version. */
  @Index() @Column('uuid') organisationId: string;
  @Index() @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  @ManyToOne(() => CaseFile, { onDelete: 'CASCADE' }) @JoinColumn() case?: CaseFile;
  @Column({ type: 'text' }) field: string;
  /** The value before the correction (may be free text: never logged or audited). */
  @Column({ type: 'text', nullable: true }) previousValue: string | null;
  @Column({ type: 'enum', enum: CorrectionReason, enumName: 'correction_reason' }) reasonCode: CorrectionReason;
  @Column('uuid') correctedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) correctedAt: Date;
}
