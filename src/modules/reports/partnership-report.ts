import type { CameraFollowUp } from '../cameras/camera.service';
/** The joint yearly report of a partnership: its shape and the pure folding of its parts. */
import { followUpPeriods, type FollowUpPeriod } from '../prevention/commitment-follow-up.report';
import type { PreventionActivityType } from '../prevention/prevention-activity.entity';
import type { CoverageRow } from '../training/training-coverage.report';
import type { ReportActivityRow } from './partnership-report.repository';
import type { ReportIndicator } from './partnership-indicators';
import type { EffectMeasure, SurveyQuestion, TargetDirection } from './effect.entities';

export interface TypeTotal {
  type: PreventionActivityType;
  activities: number;
  peopleReached: number;
}

export interface TargetView {
  id: string;
  description: string;
  measure: EffectMeasure;
  surveyQuestion: string | null;
  surveyAnswer: string | null;
  direction: TargetDirection;
  targetValue: number;
  /** The measured value per year, oldest first (null: nothing measured that year). */
  values: { year: number; value: number | null }[];
  /** Whether the report year's value meets the target; null when nothing was measured. */
  met: boolean | null;
}

export interface ReportCommitment {
  id: string;
  title: string;
  description: string;
  responsibleOrganisations: string[];
  periodStart: string;
  periodEnd: string;
  status: string;
  /** The four quarters and the year: by type and status, people reached, places covered. */
  periods: FollowUpPeriod[];
  byType: TypeTotal[];
  /** Of the year's activities, those kept to their owner organisation (counted, not detailed). */
  organisationOnlyActivities: number;
  targets: TargetView[];
  /** Findings of safety walks and patrols raised in the year's activities (actions), and those done. */
  actions: { raised: number; done: number; open: number };
  /** The cameras serving the commitment: days in operation, footage requests, permit (docs/cameras.md). */
  cameras: CameraFollowUp[];
}

export interface ReportTrainingOrganisation {
  organisationId: string;
  organisationName: string;
  /** Staff × requirement pairs the organisation's requirements apply to. */
  required: number;
  covered: number;
  share: number;
  requirements: {
    courseCode: string;
    courseTitle: string;
    role: string | null;
    unit: string;
    staffCount: number;
    coveredCount: number;
    share: number;
  }[];
}

export interface ReportSurvey {
  id: string;
  year: number;
  areaId: string;
  areaName: string;
  respondents: number;
  questions: SurveyQuestion[];
}

export interface PartnershipReport {
  partnershipId: string;
  partnershipName: string;
  year: number;
  organisations: { id: string; name: string; kind: string }[];
  areas: { id: string; name: string }[];
  commitments: ReportCommitment[];
  totals: {
    activities: number;
    peopleReached: number;
    placesCovered: number;
    organisationOnlyActivities: number;
    byQuarter: { quarter: number; activities: number; peopleReached: number }[];
    byType: TypeTotal[];
  };
  training: { on: string; organisations: ReportTrainingOrganisation[] };
  indicators: ReportIndicator[];
  surveys: ReportSurvey[];
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export function typeTotals(
  rows: readonly { type: PreventionActivityType; activities: number; peopleReached: number }[],
): TypeTotal[] {
  const byType = new Map<PreventionActivityType, TypeTotal>();
  for (const r of rows) {
    const t = byType.get(r.type) ?? { type: r.type, activities: 0, peopleReached: 0 };
    t.activities += r.activities;
    t.peopleReached += r.peopleReached;
    byType.set(r.type, t);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/** A commitment's periods and totals from its activity groups of the report year. */
export function commitmentActivity(
  year: number,
  rows: readonly ReportActivityRow[],
): Pick<ReportCommitment, 'periods' | 'byType' | 'organisationOnlyActivities'> {
  return {
    periods: followUpPeriods(year, rows),
    byType: typeTotals(rows),
    organisationOnlyActivities: rows.reduce((n, r) => n + r.organisationOnly, 0),
  };
}

export function reportTotals(year: number, rows: readonly ReportActivityRow[]): PartnershipReport['totals'] {
  const periods = followUpPeriods(year, rows);
  const whole = periods[4];
  return {
    activities: whole.activities,
    peopleReached: whole.peopleReached,
    placesCovered: whole.placesCovered,
    organisationOnlyActivities: rows.reduce((n, r) => n + r.organisationOnly, 0),
    byQuarter: periods
      .slice(0, 4)
      .map((p) => ({ quarter: p.quarter!, activities: p.activities, peopleReached: p.peopleReached })),
    byType: typeTotals(rows),
  };
}

/** Coverage per organisation: the share of staff × requirement pairs holding a valid certificate. No names. */
export function trainingByOrganisation(
  organisations: readonly { id: string; name: string }[],
  requirementOrganisation: ReadonlyMap<string, string>,
  rows: readonly CoverageRow[],
): ReportTrainingOrganisation[] {
  return organisations.map((o) => {
    const own = rows.filter((r) => requirementOrganisation.get(r.requirementId) === o.id);
    const required = own.reduce((n, r) => n + r.staffCount, 0);
    const covered = own.reduce((n, r) => n + r.coveredCount, 0);
    return {
      organisationId: o.id,
      organisationName: o.name,
      required,
      covered,
      share: required === 0 ? 0 : round4(covered / required),
      requirements: own.map((r) => ({
        courseCode: r.course.code,
        courseTitle: r.course.title,
        role: r.role,
        unit: r.unit,
        staffCount: r.staffCount,
        coveredCount: r.coveredCount,
        share: r.share,
      })),
    };
  });
}

/** The share of respondents giving `answer` to `question`, weighted by respondents over the areas surveyed that year. */
export function surveyShare(
  surveys: readonly ReportSurvey[],
  year: number,
  question: string,
  answer: string,
): number | null {
  let weight = 0;
  let sum = 0;
  for (const s of surveys) {
    if (s.year !== year) continue;
    const q = s.questions.find((x) => x.question === question);
    const a = q?.answers.find((x) => x.answer === answer);
    if (!a) continue;
    weight += s.respondents;
    sum += a.share * s.respondents;
  }
  return weight === 0 ? null : round4(sum / weight);
}

export function targetMet(direction: TargetDirection, target: number, value: number | null): boolean | null {
  if (value === null) return null;
  return direction === 'AT_LEAST' ? value >= target : value <= target;
}
