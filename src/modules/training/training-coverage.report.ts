import { csvCell } from '../../shared/csv';
import { certificationStatus, CertificationStatus, holdsCertificate, type Certification } from './certification-status';
import type { Course, StaffMember, TrainingRequirement } from './training.entities';
import type { CoverageGroup, LatestCompletion } from './training-repository.support';
import { swedish, type SwedishNameOrder } from './swedish-name-order';

/** Whether a requirement's job role (null: every role) matches a staff member's title: case-insensitively, outer spaces ignored. */
export function roleMatches(role: string | null, title: string): boolean {
  return role === null || role.trim().toLocaleLowerCase('sv') === title.trim().toLocaleLowerCase('sv');
}

/** Whether a requirement applies to a staff member: same organisation, and role (job title) and unit when given. */
export function requirementApplies(
  r: Pick<TrainingRequirement, 'organisationId' | 'role' | 'unit'>,
  s: Pick<StaffMember, 'organisationId' | 'title' | 'unit'>,
): boolean {
  if (r.organisationId !== s.organisationId) return false;
  if (!roleMatches(r.role, s.title)) return false;
  if (r.unit !== null && r.unit !== s.unit) return false;
  return true;
}

/** Completion dates per "staffId:courseId". */
export function completionIndex(completions: readonly LatestCompletion[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const c of completions) {
    const key = `${c.staffMemberId}:${c.courseId}`;
    const list = index.get(key) ?? [];
    list.push(c.completedOn);
    index.set(key, list);
  }
  return index;
}

export function certificationOf(
  course: Pick<Course, 'id' | 'validityMonths' | 'renewalWindowDays'>,
  staffId: string,
  index: Map<string, string[]>,
  on: string,
): Certification {
  return certificationStatus({
    completions: index.get(`${staffId}:${course.id}`) ?? [],
    validityMonths: course.validityMonths,
    renewalWindowDays: course.renewalWindowDays,
    on,
  });
}

export interface CoverageRow {
  requirementId: string;
  course: Course;
  role: string | null;
  unit: string;
  staffCount: number;
  /** Holding VALID or EXPIRING. */
  coveredCount: number;
  /** coveredCount / staffCount, 0 when no staff (rounded to 4 decimals). */
  share: number;
  valid: number;
  expiring: number;
  expired: number;
  missing: number;
  /** Names of the staff without a valid certificate (EXPIRED or MISSING), sorted. */
  missingStaff: string[];
  /** The same staff with their ids, in the same order (names need not be unique). */
  missingStaffMembers: { staffMemberId: string; name: string }[];
}

/**
 * Coverage per requirement and unit on a date: for each requirement, the staff it applies to,
 * grouped by unit. A requirement bound to a unit yields that unit's row only.
 */
export function coverageRows(
  requirements: readonly (TrainingRequirement & { course: Course })[],
  staff: readonly StaffMember[],
  completions: readonly LatestCompletion[],
  on: string,
): CoverageRow[] {
  const index = completionIndex(completions);
  const rows: CoverageRow[] = [];
  for (const r of requirements) {
    const byUnit = new Map<string, StaffMember[]>();
    for (const s of staff) {
      if (!requirementApplies(r, s)) continue;
      byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), s]);
    }
    if (r.unit !== null && !byUnit.has(r.unit)) byUnit.set(r.unit, []);
    for (const [unit, members] of [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b, 'sv'))) {
      const counts = {
        [CertificationStatus.VALID]: 0,
        [CertificationStatus.EXPIRING]: 0,
        [CertificationStatus.EXPIRED]: 0,
        [CertificationStatus.MISSING]: 0,
      };
      const missingStaffMembers: { staffMemberId: string; name: string }[] = [];
      for (const s of members) {
        const { status } = certificationOf(r.course, s.id, index, on);
        counts[status]++;
        if (!holdsCertificate(status)) missingStaffMembers.push({ staffMemberId: s.id, name: s.name });
      }
      missingStaffMembers.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
      const covered = counts.VALID + counts.EXPIRING;
      rows.push({
        requirementId: r.id,
        course: r.course,
        role: r.role,
        unit,
        staffCount: members.length,
        coveredCount: covered,
        share: members.length === 0 ? 0 : Math.round((covered / members.length) * 10_000) / 10_000,
        valid: counts.VALID,
        expiring: counts.EXPIRING,
        expired: counts.EXPIRED,
        missing: counts.MISSING,
        missingStaff: missingStaffMembers.map((s) => s.name),
        missingStaffMembers,
      });
    }
  }
  return rows;
}

/**
 * The same rows as `coverageRows`, from per (requirement, unit) counts already computed by the
 * database (TrainingCompletionRepository.coverageGroups): requirements in their order, units and missing
 * names in Swedish order, and an empty row for a unit-bound requirement whose unit has no staff.
 * `order` (a service's, kept between reports) sorts the names faster, in the same order.
 */
export function coverageRowsFromGroups(
  requirements: readonly (TrainingRequirement & { course: Course })[],
  groups: readonly CoverageGroup[],
  order?: SwedishNameOrder,
): CoverageRow[] {
  const byRequirement = new Map<string, CoverageGroup[]>();
  for (const g of groups) {
    const list = byRequirement.get(g.requirementId);
    if (list) list.push(g);
    else byRequirement.set(g.requirementId, [g]);
  }
  const rows: CoverageRow[] = [];
  for (const r of requirements) {
    const list = [...(byRequirement.get(r.id) ?? [])];
    if (r.unit !== null && !list.some((g) => g.unit === r.unit)) {
      list.push({
        requirementId: r.id,
        unit: r.unit,
        staffCount: 0,
        valid: 0,
        expiring: 0,
        expired: 0,
        missing: 0,
        missingStaff: [],
        missingStaffIds: [],
      });
    }
    for (const g of list.sort((a, b) => swedish(a.unit, b.unit))) {
      const covered = g.valid + g.expiring;
      rows.push({
        requirementId: r.id,
        course: r.course,
        role: r.role,
        unit: g.unit,
        staffCount: g.staffCount,
        coveredCount: covered,
        share: g.staffCount === 0 ? 0 : Math.round((covered / g.staffCount) * 10_000) / 10_000,
        valid: g.valid,
        expiring: g.expiring,
        expired: g.expired,
        missing: g.missing,
        missingStaff: [],
        missingStaffMembers: g.missingStaff.map((name, i) => ({ staffMemberId: g.missingStaffIds[i], name })),
      });
    }
  }
  const lists = rows.map((row) => row.missingStaffMembers);
  if (order) order.sortAll(lists, (m) => m.name);
  else for (const list of lists) list.sort((a, b) => swedish(a.name, b.name));
  for (const row of rows) row.missingStaff = row.missingStaffMembers.map((m) => m.name);
  return rows;
}

/** The coverage report as CSV (RFC 4180), one row per requirement and unit; missing names joined by "; ". */
export function coverageCsv(on: string, rows: readonly CoverageRow[]): string {
  const lines = [
    [
      'date',
      'course_code',
      'course_title',
      'role',
      'unit',
      'staff',
      'covered',
      'share',
      'valid',
      'expiring',
      'expired',
      'missing',
      'missing_staff',
    ].join(','),
  ];
  for (const r of rows) {
    lines.push(
      [
        on,
        r.course.code,
        r.course.title,
        r.role ?? '',
        r.unit,
        r.staffCount,
        r.coveredCount,
        r.share.toFixed(4),
        r.valid,
        r.expiring,
        r.expired,
        r.missing,
        r.missingStaff.join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
