import type { Actor } from '../../access/actor';
import { Capability, organisationScope, requireAccess } from '../../access/access';
import { badInput, InputReason } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import { addDays, daysBetween } from './certification-status';
import {
  certificationOf,
  completionIndex,
  coverageRowsFromGroups,
  roleMatches,
  type CoverageRow,
} from './training-coverage.report';
import { Course } from './training.entities';
import { CoverageCache, coverageKey } from './training-coverage.cache';
import { SwedishNameOrder } from './swedish-name-order';
import { ExpiringRow, dateArg, COVERAGE_CACHE_ENTRIES } from './training.support';
import { TrainingServiceBase } from './training-service.base';

/** Reports of the own organisation: coverage, expiring certificates, completions per course. */
export class TrainingReportService extends TrainingServiceBase {
  /** Recently computed coverage reports, valid while the training report version is unchanged. */
  private readonly coverageCache = new CoverageCache(COVERAGE_CACHE_ENTRIES);
  /** The Swedish order of the names reports list, kept between reports computed afresh. */
  private readonly nameOrder = new SwedishNameOrder();

  // --- reports (own organisation) --------------------------------------------------------------

  async coverage(caller: Actor, on?: string | null): Promise<{ on: string; rows: CoverageRow[] }> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_REPORT);
    const date = dateArg('on', on, this.today());
    const manager = this.dataSource.manager;
    // Statuses are counted in the database (per staff member in memory took seconds at 5,000 staff);
    // only the roles' case-insensitive match against the staff's distinct titles is decided here.
    // The version is read before the counts, so a report is never filed under a later version
    // than the data it was computed from.
    const [requirementRows, titles, version] = await Promise.all([
      this.courseRepo.requirements(manager, scope),
      this.completionRepo.staffTitles(manager, scope),
      this.completionRepo.reportVersion(manager),
    ]);
    const requirements = requireAccess(caller.principal, Capability.TRAINING_REPORT, requirementRows, 'Requirement');
    const roleTitles = requirements.flatMap((r) =>
      r.role === null
        ? []
        : titles.filter((t) => roleMatches(r.role, t)).map((title) => ({ requirementId: r.id, title })),
    );
    const key = coverageKey(version, scope.organisationIds, date, roleTitles);
    let report = this.coverageCache.get(key);
    if (!report) {
      const groups = await this.completionRepo.coverageGroups(manager, scope, date, roleTitles);
      const organisationOf = new Map(requirements.map((r) => [r.id, r.organisationId]));
      // The staff the report names, by id (names need not be unique); each is of the requirement's organisation.
      const named = new Map<string, { id: string; organisationId: string }>();
      for (const g of groups) {
        const organisationId = organisationOf.get(g.requirementId)!;
        for (const id of g.missingStaffIds) named.set(id, { id, organisationId });
      }
      report = { rows: coverageRowsFromGroups(requirements, groups, this.nameOrder), named: [...named.values()] };
      this.coverageCache.set(key, report);
    }
    caller.audit.touch(AuditAction.READ, 'TrainingRequirement', requirements);
    caller.audit.touch(
      AuditAction.READ,
      'StaffMember',
      requireAccess(caller.principal, Capability.TRAINING_REPORT, report.named, 'Staff member'),
    );
    return { on: date, rows: report.rows };
  }

  /** Certificates of the caller's organisation's staff that expire within `withinDays` days of `on` (expiry day included). */
  async expiring(caller: Actor, withinDays: number, on?: string | null): Promise<ExpiringRow[]> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_REPORT);
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3650)
      throw badInput('withinDays', InputReason.NUMBER_OUT_OF_RANGE, 'must be 0 to 3650');
    const date = dateArg('on', on, this.today());
    const manager = this.dataSource.manager;
    const staff = requireAccess(
      caller.principal,
      Capability.TRAINING_REPORT,
      await this.staffRepo.staffOfOrganisation(manager, scope),
      'Staff member',
    );
    const byId = new Map(staff.map((s) => [s.id, s]));
    const courses = new Map((await this.courseRepo.courses(manager)).map((c) => [c.id, c]));
    const latest = await this.completionRepo.latestCompletions(manager, scope, date);
    const index = completionIndex(latest);
    const last = addDays(date, withinDays);
    const rows: ExpiringRow[] = [];
    for (const c of latest) {
      const course = courses.get(c.courseId);
      const member = byId.get(c.staffMemberId);
      if (!course || !member || course.validityMonths === null) continue;
      const cert = certificationOf(course, member.id, index, date);
      if (cert.expiresOn === null || cert.expiresOn < date || cert.expiresOn > last) continue;
      rows.push({ ...cert, staffMember: member, course });
    }
    rows.sort(
      (a, b) =>
        a.expiresOn!.localeCompare(b.expiresOn!) ||
        a.staffMember.name.localeCompare(b.staffMember.name, 'sv') ||
        a.course.code.localeCompare(b.course.code),
    );
    caller.audit.touch(
      AuditAction.READ,
      'StaffMember',
      rows.map((r) => r.staffMember),
    );
    return rows;
  }

  /** Completions per course by the caller's organisation's staff, from and to inclusive. */
  async completionsPerCourse(
    caller: Actor,
    from: string,
    to: string,
  ): Promise<{ course: Course; completions: number; staff: number }[]> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_REPORT);
    const f = dateArg('from', from, '');
    const t = dateArg('to', to, '');
    if (t < f) throw badInput('to', InputReason.RANGE_END_BEFORE_START, 'must not be before from');
    if (daysBetween(f, t) > 366 * 20) throw badInput('to', InputReason.RANGE_TOO_LONG, 'at most 20 years');
    const manager = this.dataSource.manager;
    const courses = new Map((await this.courseRepo.courses(manager)).map((c) => [c.id, c]));
    const rows = await this.completionRepo.completionsPerCourse(manager, scope, f, t);
    return rows
      .filter((r) => courses.has(r.courseId))
      .map((r) => ({ course: courses.get(r.courseId)!, completions: r.completions, staff: r.staff }))
      .sort((a, b) => a.course.code.localeCompare(b.course.code));
  }
}
