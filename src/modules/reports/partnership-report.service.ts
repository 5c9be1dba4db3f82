import type { CameraService } from '../cameras/camera.service';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../access/actor';
import { partnershipReportScope } from '../../access/partnership-report';
import { Capability } from '../../access/policy';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { stockholmDate } from '../../shared/dates';
import type { PublicationPolicy } from '../indicators/indicator-publication';
import { coverageRowsFromGroups, roleMatches } from '../training/training-coverage.report';
import { CourseRepository } from '../training/course.repository';
import { TrainingCompletionRepository } from '../training/training-completion.repository';
import { EffectMeasure, type CommitmentTarget } from './effect.entities';
import { partnershipIndicators } from './partnership-indicators';
import {
  commitmentActivity,
  reportTotals,
  surveyShare,
  targetMet,
  trainingByOrganisation,
  type PartnershipReport,
  type ReportSurvey,
  type TargetView,
} from './partnership-report';
import { PartnershipReportRepository } from './partnership-report.repository';
import { UUID } from '../../shared/ids';

export interface ReportServiceOptions {
  cellKeySecret: Buffer;
  publication: PublicationPolicy;
  now?: () => Date;
}

/** Years of history shown beside the report year (effect measures and indicators). */
export const HISTORY_YEARS = 3;

const actionsOf = (row: { raised: number; done: number } | undefined) => ({
  raised: row?.raised ?? 0,
  done: row?.done ?? 0,
  open: (row?.raised ?? 0) - (row?.done ?? 0),
});

/** The joint yearly report of a partnership (issue #23): the same numbers for every partner. */
export class PartnershipReportService {
  private readonly repo = new PartnershipReportRepository();
  private readonly courses = new CourseRepository();
  private readonly completions = new TrainingCompletionRepository();
  private readonly now: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ReportServiceOptions,
    private readonly cameras: CameraService,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async report(caller: Actor, partnershipId: string, year: number): Promise<PartnershipReport> {
    const topology = await caller.topology();
    const { partnership, scope } = partnershipReportScope(
      caller.principal,
      Capability.PARTNERSHIP_REPORT_READ,
      UUID.test(partnershipId) ? partnershipId : '',
      topology,
    );
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw badInput('year', InputReason.NUMBER_OUT_OF_RANGE, 'must be a year between 2000 and 2100');
    const manager = this.dataSource.manager;
    const fromYear = year - HISTORY_YEARS;
    const [name, organisations, areas, commitments] = await Promise.all([
      this.repo.partnershipName(manager, partnership.partnershipId),
      this.repo.organisations(manager, scope),
      this.repo.areas(manager, partnership.areaIds),
      this.repo.commitments(manager, scope, partnership.partnershipId),
    ]);
    if (name === null) throw notFound('Partnership');
    const orgName = new Map(organisations.map((o) => [o.id, o.name]));
    const areaName = new Map(areas.map((a) => [a.id, a.name]));
    const groups = await this.repo.activityGroups(
      manager,
      scope,
      partnership.areaIds,
      commitments.map((c) => c.id),
      fromYear,
      year,
    );
    const ofYear = groups.filter((g) => g.year === year);

    // Effect measures.
    const surveys: ReportSurvey[] = (await this.repo.surveys(manager, scope, partnership.partnershipId, year))
      .filter((s) => s.year >= fromYear)
      .map((s) => ({
        id: s.id,
        year: s.year,
        areaId: s.areaId,
        areaName: areaName.get(s.areaId) ?? '',
        respondents: s.respondents,
        questions: s.questions,
      }));
    const targets = await this.repo.targets(manager, scope, partnership.partnershipId);
    const years = Array.from({ length: HISTORY_YEARS + 1 }, (_, i) => fromYear + i);
    const targetView = (t: CommitmentTarget): TargetView => {
      const valueOf = (y: number): number | null => {
        const rows = groups.filter((g) => g.commitmentId === t.commitmentId && g.year === y);
        switch (t.measure) {
          case EffectMeasure.SURVEY_SHARE:
            return surveyShare(surveys, y, t.surveyQuestion ?? '', t.surveyAnswer ?? '');
          case EffectMeasure.ACTIVITIES:
            return rows.reduce((n, r) => n + r.activities, 0);
          case EffectMeasure.PEOPLE_REACHED:
            return rows.reduce((n, r) => n + r.peopleReached, 0);
          default:
            return null;
        }
      };
      const values = years.map((y) => ({ year: y, value: valueOf(y) }));
      return {
        id: t.id,
        description: t.description,
        measure: t.measure,
        surveyQuestion: t.surveyQuestion,
        surveyAnswer: t.surveyAnswer,
        direction: t.direction,
        targetValue: t.targetValue,
        values,
        met: targetMet(t.direction, t.targetValue, values[values.length - 1].value),
      };
    };

    // Training coverage of the partnership's staff on the last day of the year (or today).
    const today = stockholmDate(this.now());
    const on = `${year}-12-31` < today ? `${year}-12-31` : today;
    const [requirements, titles] = await Promise.all([
      this.courses.requirements(manager, scope),
      this.completions.staffTitles(manager, scope),
    ]);
    const roleTitles = requirements.flatMap((r) =>
      r.role === null
        ? []
        : titles.filter((t) => roleMatches(r.role, t)).map((title) => ({ requirementId: r.id, title })),
    );
    const coverage = coverageRowsFromGroups(
      requirements,
      await this.completions.coverageGroups(manager, scope, on, roleTitles),
    );

    const findings = await this.repo.findingTotals(
      manager,
      scope,
      commitments.map((c) => c.id),
      year,
    );
    const camerasByCommitment = new Map(
      await Promise.all(commitments.map(async (c) => [c.id, await this.cameras.followUp(c.id, year)] as const)),
    );
    const indicators = await partnershipIndicators(manager, partnership, fromYear, year, today, this.options);

    const report: PartnershipReport = {
      partnershipId: partnership.partnershipId,
      partnershipName: name,
      year,
      organisations,
      areas,
      commitments: commitments.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        responsibleOrganisations: c.responsibleOrganisationIds.map((id) => orgName.get(id) ?? '').filter((n) => n),
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        status: c.status,
        ...commitmentActivity(
          year,
          ofYear.filter((g) => g.commitmentId === c.id),
        ),
        targets: targets.filter((t) => t.commitmentId === c.id).map(targetView),
        actions: actionsOf(findings.find((f) => f.commitmentId === c.id)),
        cameras: camerasByCommitment.get(c.id) ?? [],
      })),
      totals: reportTotals(year, ofYear),
      training: {
        on,
        organisations: trainingByOrganisation(
          organisations,
          new Map(requirements.map((r) => [r.id, r.organisationId])),
          coverage,
        ),
      },
      indicators,
      surveys: surveys.filter((s) => s.year <= year),
    };

    // Audited as a read of each part.
    const partnershipOwned = (id: string) => ({ id, organisationId: null });
    caller.audit.touch(AuditAction.READ, 'Partnership', [partnershipOwned(partnership.partnershipId)]);
    caller.audit.touch(
      AuditAction.READ,
      'Commitment',
      commitments.map((c) => partnershipOwned(c.id)),
    );
    caller.audit.touch(
      AuditAction.READ,
      'CommitmentFollowUp',
      commitments.map((c) => partnershipOwned(`${c.id}:${year}`)),
    );
    caller.audit.touch(
      AuditAction.READ,
      'Camera',
      [...camerasByCommitment.values()].flat().map((c) => ({ id: c.cameraId, organisationId: c.organisationId })),
    );
    caller.audit.touch(
      AuditAction.READ,
      'TrainingRequirement',
      requirements.map((r) => ({ id: r.id, organisationId: r.organisationId })),
    );
    caller.audit.touch(
      AuditAction.READ,
      'IndicatorTable',
      indicators.flatMap((i) => i.years.map((y) => ({ id: `${i.code}:${y.year}` }))),
    );
    caller.audit.touch(
      AuditAction.READ,
      'SafetySurvey',
      surveys.map((s) => partnershipOwned(s.id)),
    );
    caller.audit.touch(
      AuditAction.READ,
      'CommitmentTarget',
      targets.map((t) => partnershipOwned(t.id)),
    );
    return report;
  }
}
