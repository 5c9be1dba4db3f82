import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { partnershipReportScope } from '../../access/partnership-report';
import { Capability } from '../../access/policy';
import { badInput, InputReason } from '../../shared/errors';
import { ReportReason } from './reports.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { CommitmentTarget, EffectMeasure, SafetySurvey, TargetDirection, type SurveyQuestion } from './effect.entities';
import { PartnershipReportRepository } from './partnership-report.repository';
import { UUID } from '../../shared/ids';

export const MAX_QUESTIONS = 50;
export const MAX_ANSWERS = 10;

export interface SurveyInput {
  partnershipId: string;
  areaId: string;
  year: number;
  respondents: number;
  questions: SurveyQuestion[];
}

export interface TargetInput {
  commitmentId: string;
  description: string;
  measure: EffectMeasure;
  surveyQuestion?: string | null;
  surveyAnswer?: string | null;
  targetValue: number;
  direction: TargetDirection;
}

const shortText = (field: string, value: unknown, max = 300): string => {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v.length === 0 || v.length > max)
    throw badInput(field, InputReason.TEXT_LENGTH_OUT_OF_RANGE, `must be 1 to ${max} characters`);
  return v;
};

/** Effect measures of a partnership: safety survey results per area and year, and targets per commitment. */
export class EffectService {
  private readonly repo = new PartnershipReportRepository();

  /** Records (or replaces) the survey of an area and year. */
  async recordSurvey(caller: Actor, manager: EntityManager, input: SurveyInput): Promise<SafetySurvey> {
    const { partnership, scope } = partnershipReportScope(
      caller.principal,
      Capability.EFFECT_RECORD,
      UUID.test(input.partnershipId ?? '') ? input.partnershipId : '',
      await caller.topology(),
    );
    if (!UUID.test(input.areaId ?? '') || !partnership.areaIds.includes(input.areaId))
      throw badInput('areaId', ReportReason.UNKNOWN_AREA, 'unknown area of the partnership');
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      throw badInput('year', InputReason.NUMBER_OUT_OF_RANGE, 'must be a year between 2000 and 2100');
    if (!Number.isInteger(input.respondents) || input.respondents < 1 || input.respondents > 10_000_000)
      throw badInput('respondents', InputReason.NUMBER_OUT_OF_RANGE, 'must be a whole number of at least 1');
    if (!Array.isArray(input.questions) || input.questions.length === 0 || input.questions.length > MAX_QUESTIONS)
      throw badInput('questions', InputReason.LIST_SIZE_OUT_OF_RANGE, `1 to ${MAX_QUESTIONS} questions`);
    const questions = input.questions.map((q, i) => {
      const question = shortText(`questions[${i}].question`, q.question);
      if (!Array.isArray(q.answers) || q.answers.length === 0 || q.answers.length > MAX_ANSWERS)
        throw badInput(`questions[${i}].answers`, InputReason.LIST_SIZE_OUT_OF_RANGE, `1 to ${MAX_ANSWERS} answers`);
      const answers = q.answers.map((a, j) => {
        const answer = shortText(`questions[${i}].answers[${j}].answer`, a.answer, 100);
        if (typeof a.share !== 'number' || !Number.isFinite(a.share) || a.share < 0 || a.share > 1)
          throw badInput(
            `questions[${i}].answers[${j}].share`,
            InputReason.NUMBER_OUT_OF_RANGE,
            'must be a share from 0 to 1',
          );
        return { answer, share: a.share };
      });
      if (new Set(answers.map((a) => a.answer)).size !== answers.length)
        throw badInput(`questions[${i}].answers`, ReportReason.ANSWER_REPEATED, 'an answer appears twice');
      if (answers.reduce((n, a) => n + a.share, 0) > 1.0001)
        throw badInput(`questions[${i}].answers`, ReportReason.SHARES_EXCEED_ONE, 'the shares add up to more than 1');
      return { question, answers };
    });
    if (new Set(questions.map((q) => q.question)).size !== questions.length)
      throw badInput('questions', ReportReason.QUESTION_REPEATED, 'a question appears twice');
    const principal = caller.principal;
    const existing = await this.repo.surveyForUpdate(
      manager,
      scope,
      partnership.partnershipId,
      input.areaId,
      input.year,
    );
    const survey =
      existing ??
      manager.create(SafetySurvey, {
        partnershipId: partnership.partnershipId,
        areaId: input.areaId,
        year: input.year,
      });
    Object.assign(survey, {
      respondents: input.respondents,
      questions,
      recordedBy: principal.userId,
      recordedByOrganisationId: principal.organisationId,
    });
    const saved = await this.repo.saveSurvey(manager, survey);
    caller.audit.touch(existing ? AuditAction.UPDATE : AuditAction.CREATE, 'SafetySurvey', [
      { id: saved.id, organisationId: principal.organisationId },
    ]);
    return saved;
  }

  /** Sets (creates, or replaces by description) an expected effect of a commitment of the partnership. */
  async setTarget(
    caller: Actor,
    manager: EntityManager,
    partnershipId: string,
    input: TargetInput,
  ): Promise<CommitmentTarget> {
    const { partnership, scope } = partnershipReportScope(
      caller.principal,
      Capability.EFFECT_RECORD,
      UUID.test(partnershipId ?? '') ? partnershipId : '',
      await caller.topology(),
    );
    if (
      !UUID.test(input.commitmentId ?? '') ||
      !(await this.repo.commitmentOfPartnership(manager, partnership.partnershipId, input.commitmentId))
    )
      throw badInput('commitmentId', ReportReason.UNKNOWN_COMMITMENT, 'unknown commitment of the partnership');
    const description = shortText('description', input.description);
    if (!Object.values(EffectMeasure).includes(input.measure))
      throw badInput('measure', InputReason.UNKNOWN_VALUE, 'unknown measure');
    if (!Object.values(TargetDirection).includes(input.direction))
      throw badInput('direction', InputReason.UNKNOWN_VALUE, 'unknown direction');
    if (typeof input.targetValue !== 'number' || !Number.isFinite(input.targetValue) || input.targetValue < 0)
      throw badInput('targetValue', InputReason.NUMBER_OUT_OF_RANGE, 'must be zero or more');
    let surveyQuestion: string | null = null;
    let surveyAnswer: string | null = null;
    if (input.measure === EffectMeasure.SURVEY_SHARE) {
      surveyQuestion = shortText('surveyQuestion', input.surveyQuestion);
      surveyAnswer = shortText('surveyAnswer', input.surveyAnswer, 100);
      if (input.targetValue > 1) throw badInput('targetValue', InputReason.NUMBER_OUT_OF_RANGE, 'a share from 0 to 1');
    }
    const principal = caller.principal;
    const existing = await this.repo.targetForUpdate(manager, scope, input.commitmentId, description);
    const target =
      existing ??
      manager.create(CommitmentTarget, {
        commitmentId: input.commitmentId,
        partnershipId: partnership.partnershipId,
        description,
      });
    Object.assign(target, {
      measure: input.measure,
      surveyQuestion,
      surveyAnswer,
      targetValue: input.targetValue,
      direction: input.direction,
      recordedBy: principal.userId,
      recordedByOrganisationId: principal.organisationId,
    });
    const saved = await this.repo.saveTarget(manager, target);
    caller.audit.touch(existing ? AuditAction.UPDATE : AuditAction.CREATE, 'CommitmentTarget', [
      { id: saved.id, organisationId: principal.organisationId },
    ]);
    return saved;
  }
}
