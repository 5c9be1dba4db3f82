import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** One answer of a survey question and the share of the respondents who gave it (0 … 1). */
export interface SurveyAnswerShare {
  answer: string;
  share: number;
}

/** One question of a safety survey with its answer shares. */
export interface SurveyQuestion {
  question: string;
  answers: SurveyAnswerShare[];
}

/**
 * The result of a safety survey (trygghetsmätning) of one area and year, run jointly by the police and
 * the municipality. Aggregates only (shares of answers, the number of respondents): nothing about a person.
 */
@Entity()
@Unique(['partnershipId', 'areaId', 'year'])
@Check('"respondents" >= 0')
@Check('"year" BETWEEN 2000 AND 2100')
export class SafetySurvey {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') partnershipId: string;
  @Column('uuid') areaId: string;
  @Column('int') year: number;
  @Column('int') respondents: number;
  @Column({ type: 'jsonb' }) questions: SurveyQuestion[];
  /** The organisation whose user recorded it last (audit: entity organisation). */
  @Column('uuid') recordedByOrganisationId: string;
  @Column('uuid') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export enum EffectMeasure {
  /** The share of respondents of the partnership's surveys giving one answer to one question. */
  SURVEY_SHARE = 'SURVEY_SHARE',
  /** Activities of the commitment in the year. */
  ACTIVITIES = 'ACTIVITIES',
  /** People reached by the commitment's activities in the year. */
  PEOPLE_REACHED = 'PEOPLE_REACHED',
}

export enum TargetDirection {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
}

/** The expected effect (förväntad effekt) of a commitment: a measure and the value it should reach. */
@Entity()
@Unique(['commitmentId', 'description'])
export class CommitmentTarget {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') commitmentId: string;
  @Column('uuid') partnershipId: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'enum', enum: EffectMeasure, enumName: 'effect_measure' }) measure: EffectMeasure;
  /** For SURVEY_SHARE: the question and the answer whose share counts. */
  @Column({ type: 'text', nullable: true }) surveyQuestion: string | null;
  @Column({ type: 'text', nullable: true }) surveyAnswer: string | null;
  @Column({ type: 'double precision' }) targetValue: number;
  @Column({ type: 'enum', enum: TargetDirection, enumName: 'target_direction' }) direction: TargetDirection;
  @Column('uuid') recordedByOrganisationId: string;
  @Column('uuid') recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
