import type { DataSource, EntityManager } from 'typeorm';
import { courseEditDecision, CourseEditDecision } from '../../access/training-gate';
import {
  Capability,
  organisationScope,
  requireAccess,
  requireCapability,
  requirePartnershipAccess,
  type PartnershipTopology,
} from '../../access/access';
import type { Principal } from '../../access/principal';
import { decodeCursor, encodeCursor, isoInstantPart, pageSize, uuidPart } from '../../shared/cursor';
import { badInput, notFound } from '../../shared/errors';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import {
  addDays,
  daysBetween,
  holdsCertificate,
  isDate,
  todayInSweden,
  type Certification,
} from './certification-status';
import { CsvSyntaxError, foldName, parseCsv } from './training-csv';
import {
  certificationOf,
  completionIndex,
  coverageRowsFromGroups,
  requirementApplies,
  roleMatches,
  type CoverageRow,
} from './training-coverage.report';
import {
  Course,
  Enrolment,
  EnrolmentStatus,
  StaffMember,
  TrainingCompletion,
  TrainingRequirement,
  TrainingSession,
} from './training.entities';
import { CoverageCache, coverageKey } from './training-coverage.cache';
import { TrainingRepository, type EnrolmentRow, type SessionRow, type SessionScope } from './training.repository';
import { INVISIBLE_FORMATTING, INVISIBLE_FORMATTING_MESSAGE } from '../../shared/plain-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF_CURSOR = 'staff-member';
const SESSION_CURSOR = 'training-session';
const PAGE = { defaultSize: 50, maxSize: 200 };

/** What a certificate lookup needs of a staff member. */
export type StaffRef = Pick<StaffMember, 'id' | 'organisationId' | 'title' | 'unit' | 'userId'>;

export interface TrainingCaller {
  principal: Principal | undefined;
  topology: () => Promise<PartnershipTopology[]>;
  audit: AuditRecorder;
}

export interface StaffInput {
  unit?: string;
  name?: string;
  title?: string;
  userId?: string | null;
}

export interface CourseInput {
  code?: string;
  title?: string;
  provider?: string;
  hours?: number;
  validityMonths?: number | null;
  renewalWindowDays?: number;
}

export interface SessionInput {
  courseId: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  capacity: number;
  instructor: string;
  joint?: boolean;
}

export interface ImportRejection {
  line: number;
  reason: string;
}

export interface ImportReport {
  imported: number;
  rejected: ImportRejection[];
}

const MAX_IMPORT_ROWS = 5000;

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/** One course's certification for one staff member. */
export interface CertificateView extends Certification {
  course: Course;
  /** Whether a requirement of the staff member's organisation applies to them for this course. */
  required: boolean;
}

export interface TrainingRecord {
  staffMember: StaffMember | null;
  on: string;
  certificates: CertificateView[];
  enrolments: EnrolmentRow[];
}

export interface ExpiringRow extends Certification {
  staffMember: StaffMember;
  course: Course;
}

export interface SessionView extends SessionRow {
  enrolments: EnrolmentRow[];
}

const text = (field: string, value: string | undefined, max = 200): string => {
  const v = (value ?? '').trim();
  if (v.length === 0 || v.length > max) throw badInput(field, `must be 1 to ${max} characters`);
  return v;
};

const dateArg = (field: string, value: string | undefined | null, fallback: string): string => {
  if (value === undefined || value === null) return fallback;
  if (!isDate(value)) throw badInput(field, 'must be a date YYYY-MM-DD');
  return value;
};

/** Coverage reports kept per process (a report of 5,000 staff holds about 1 MB). */
const COVERAGE_CACHE_ENTRIES = 8;

/** Staff register, courses, requirements, sessions, enrolments, completions and their reports. */
export class TrainingService {
  private readonly repo = new TrainingRepository();
  /** Recently computed coverage reports, valid while the training report version is unchanged. */
  private readonly coverageCache = new CoverageCache(COVERAGE_CACHE_ENTRIES);

  constructor(
    private readonly dataSource: DataSource,
    private readonly today: () => string = () => todayInSweden(),
  ) {}

  // --- staff register -------------------------------------------------------------------------

  async staffMembers(
    caller: TrainingCaller,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Page<StaffMember>> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const size = pageSize(first, PAGE);
    const key =
      after === undefined || after === null
        ? null
        : decodeCursor(STAFF_CURSOR, after, [(v) => v.length <= 200, uuidPart]);
    const rows = await this.repo.staffPage(this.dataSource.manager, scope, size, key && { name: key[0], id: key[1] });
    const allowed = requireAccess(caller.principal, Capability.TRAINING_MANAGE, rows.slice(0, size), 'Staff member');
    caller.audit.touch(AuditAction.READ, 'StaffMember', allowed);
    return {
      nodes: allowed,
      cursors: allowed.map((s) => encodeCursor(STAFF_CURSOR, [s.name, s.id])),
      hasNextPage: rows.length > size,
      totalCount: () => this.repo.staffCount(this.dataSource.manager, scope),
    };
  }

  async staffMember(caller: TrainingCaller, id: string): Promise<StaffMember> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const [row] = UUID.test(id) ? await this.repo.staffByIds(this.dataSource.manager, scope, [id]) : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Staff member');
    caller.audit.touch(AuditAction.READ, 'StaffMember', [staff]);
    return staff;
  }

  async createStaffMember(caller: TrainingCaller, m: EntityManager, input: StaffInput): Promise<StaffMember> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE); // OWN: the register of the caller's organisation
    const staff = m.create(StaffMember, { organisationId: caller.principal!.organisationId, userId: null });
    await this.applyStaff(m, staff, input);
    const saved = await this.repo.saveStaff(m, staff);
    caller.audit.touch(AuditAction.CREATE, 'StaffMember', [saved]);
    return saved;
  }

  async updateStaffMember(
    caller: TrainingCaller,
    m: EntityManager,
    id: string,
    input: StaffInput,
  ): Promise<StaffMember> {
    const staff = await this.ownStaffForUpdate(caller, m, id);
    await this.applyStaff(m, staff, input);
    const saved = await this.repo.saveStaff(m, staff);
    caller.audit.touch(AuditAction.UPDATE, 'StaffMember', [saved]);
    return saved;
  }

  /** Removes a staff member registered by mistake; one with enrolments or completions is kept (history). */
  async deleteStaffMember(caller: TrainingCaller, m: EntityManager, id: string): Promise<boolean> {
    const staff = await this.ownStaffForUpdate(caller, m, id);
    if (await this.repo.staffHasHistory(m, staff.id))
      throw badInput('id', 'a staff member with enrolments or completions cannot be deleted');
    await this.repo.deleteStaff(m, organisationScope(caller.principal, Capability.TRAINING_MANAGE), staff.id);
    caller.audit.touch(AuditAction.DELETE, 'StaffMember', [staff]);
    return true;
  }

  private async ownStaffForUpdate(caller: TrainingCaller, m: EntityManager, id: string): Promise<StaffMember> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const [row] = UUID.test(id) ? await this.repo.staffByIds(m, scope, [id], true) : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Staff member');
    return Object.assign(new StaffMember(), staff);
  }

  private async applyStaff(m: EntityManager, staff: StaffMember, input: StaffInput): Promise<void> {
    if (input.unit !== undefined || staff.unit === undefined) staff.unit = text('unit', input.unit);
    if (input.name !== undefined || staff.name === undefined) staff.name = text('name', input.name);
    if (input.title !== undefined || staff.title === undefined) staff.title = text('title', input.title);
    if (input.userId !== undefined && input.userId !== staff.userId) {
      if (input.userId !== null) {
        // Only a login of the same organisation, and one not linked to anyone else yet.
        if (!UUID.test(input.userId) || !(await this.repo.userInOrganisation(m, input.userId, staff.organisationId)))
          throw badInput('userId', 'unknown user');
        const linked = await this.repo.staffLinkedTo(m, input.userId);
        if (linked !== null && linked !== staff.id)
          throw badInput('userId', 'is already linked to another staff member');
      }
      staff.userId = input.userId;
    }
  }

  // --- CSV imports: all or nothing, with a report per rejected row ------------------------------

  /** Parses an import's CSV; the header must hold the required columns (any order, optional ones allowed). */
  private importRows(
    csv: string,
    required: string[],
    optional: string[],
  ): { rows: { line: number; get: (c: string) => string }[]; rejected: ImportRejection[] } {
    if (typeof csv !== 'string' || csv.length > 1_000_000) throw badInput('csv', 'must be CSV text of at most 1 MB');
    let parsed;
    try {
      parsed = parseCsv(csv);
    } catch (error) {
      if (error instanceof CsvSyntaxError) return { rows: [], rejected: [{ line: error.line, reason: error.message }] };
      throw error;
    }
    if (parsed.length === 0) throw badInput('csv', 'is empty (a header row is required)');
    const header = parsed[0].cells.map((h) => h.trim().toLowerCase());
    const repeated = [...new Set(header.filter((h, i) => header.indexOf(h) !== i))];
    if (repeated.length > 0) throw badInput('csv', `repeated column ${repeated.join(', ')}`);
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length > 0) throw badInput('csv', `header lacks ${missing.join(', ')}`);
    const unknown = header.filter((h) => !required.includes(h) && !optional.includes(h));
    if (unknown.length > 0) throw badInput('csv', `unknown column ${unknown.join(', ')}`);
    if (parsed.length - 1 > MAX_IMPORT_ROWS) throw badInput('csv', `at most ${MAX_IMPORT_ROWS} rows`);
    const rejected: ImportRejection[] = [];
    const rows = [];
    for (const r of parsed.slice(1)) {
      if (r.cells.length !== header.length) {
        rejected.push({ line: r.line, reason: `has ${r.cells.length} fields, the header ${header.length}` });
        continue;
      }
      rows.push({ line: r.line, get: (c: string) => (header.includes(c) ? r.cells[header.indexOf(c)].trim() : '') });
    }
    return { rows, rejected };
  }

  /** Staff register rows `name,unit,title[,user_email]`; nothing is imported when any row is rejected. */
  async importStaff(caller: TrainingCaller, m: EntityManager, csv: string): Promise<ImportReport> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const organisationId = caller.principal!.organisationId;
    const { rows, rejected } = this.importRows(csv, ['name', 'unit', 'title'], ['user_email']);
    const existing = new Set((await this.repo.staffOfOrganisation(m, scope)).map((s) => `${s.name}\u0000${s.unit}`));
    const emails = [...new Set(rows.map((r) => r.get('user_email').toLowerCase()).filter((e) => e !== ''))];
    const users = new Map(
      (await this.repo.usersOfOrganisationByEmail(m, organisationId, emails)).map((u) => [u.email, u.id]),
    );
    const linked = new Set(await this.repo.linkedUserIds(m, [...users.values()]));
    const seen = new Set<string>();
    const seenUsers = new Set<string>();
    const accepted: StaffMember[] = [];
    for (const r of rows) {
      const reasons: string[] = [];
      const [name, unit, title, email] = [
        r.get('name'),
        r.get('unit'),
        r.get('title'),
        r.get('user_email').toLowerCase(),
      ];
      for (const [field, value] of [
        ['name', name],
        ['unit', unit],
        ['title', title],
      ] as const) {
        if (value.length === 0 || value.length > 200) reasons.push(`${field} must be 1 to 200 characters`);
        else if (field !== 'unit' && INVISIBLE_FORMATTING.test(value))
          reasons.push(`${field} ${INVISIBLE_FORMATTING_MESSAGE}`);
      }
      const key = `${name}\u0000${unit}`;
      if (existing.has(key)) reasons.push('a staff member of this name is already registered in the unit');
      else if (seen.has(key)) reasons.push('the same name and unit appear earlier in the file');
      seen.add(key);
      let userId: string | null = null;
      if (email !== '') {
        userId = users.get(email) ?? null;
        if (userId === null) reasons.push('user_email is not a login of this organisation');
        else if (linked.has(userId)) reasons.push('user_email is already linked to a staff member');
        else if (seenUsers.has(userId)) reasons.push('user_email appears earlier in the file');
        if (userId !== null) seenUsers.add(userId);
      }
      if (reasons.length > 0) rejected.push({ line: r.line, reason: reasons.join('; ') });
      else accepted.push(m.create(StaffMember, { organisationId, name, unit, title, userId }));
    }
    if (rejected.length > 0) return { imported: 0, rejected: rejected.sort((a, b) => a.line - b.line) };
    const saved: StaffMember[] = [];
    for (const s of accepted) saved.push(await this.repo.saveStaff(m, s));
    caller.audit.touch(AuditAction.CREATE, 'StaffMember', saved);
    return { imported: saved.length, rejected: [] };
  }

  /** Historical completions `name,unit,course_code,completed_on` of the own register; all or nothing. */
  async importCompletions(caller: TrainingCaller, m: EntityManager, csv: string): Promise<ImportReport> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const { rows, rejected } = this.importRows(csv, ['name', 'unit', 'course_code', 'completed_on'], []);
    const staff = requireAccess(
      caller.principal,
      Capability.TRAINING_MANAGE,
      await this.repo.staffOfOrganisation(m, scope),
      'Staff member',
    );
    const byKey = new Map<string, StaffMember[]>();
    for (const s of staff) byKey.set(`${s.name}\u0000${s.unit}`, [...(byKey.get(`${s.name}\u0000${s.unit}`) ?? []), s]);
    // A name that matches no one exactly is matched with diacritics folded; several matches are reported, never guessed.
    const byFolded = new Map<string, StaffMember[]>();
    for (const s of staff) {
      const key = `${foldName(s.name)}\u0000${s.unit}`;
      byFolded.set(key, [...(byFolded.get(key) ?? []), s]);
    }
    const courses = new Map((await this.repo.courses(m)).map((c) => [c.code, c]));
    const recorded = new Set(
      (
        await this.repo.completionsOf(
          m,
          staff.map((s) => s.id),
        )
      ).map((c) => `${c.staffMemberId}:${c.courseId}:${c.completedOn}`),
    );
    const today = this.today();
    const accepted: TrainingCompletion[] = [];
    for (const r of rows) {
      const reasons: string[] = [];
      const exact = byKey.get(`${r.get('name')}\u0000${r.get('unit')}`) ?? [];
      const matches =
        exact.length > 0 ? exact : (byFolded.get(`${foldName(r.get('name'))}\u0000${r.get('unit')}`) ?? []);
      if (matches.length === 0) reasons.push('no staff member of this name in this unit of the register');
      if (matches.length > 1)
        reasons.push(
          exact.length > 1
            ? 'several staff members have this name in this unit'
            : `ambiguous name: ${matches.length} staff members of this unit match it with diacritics folded`,
        );
      const course = courses.get(r.get('course_code'));
      if (!course) reasons.push('unknown course_code');
      const on = r.get('completed_on');
      if (!isDate(on)) reasons.push('completed_on must be a date YYYY-MM-DD');
      else if (on > today) reasons.push('completed_on is in the future');
      if (reasons.length === 0) {
        const key = `${matches[0].id}:${course!.id}:${on}`;
        if (recorded.has(key)) reasons.push('this completion is already recorded (or appears earlier in the file)');
        recorded.add(key);
      }
      if (reasons.length > 0) rejected.push({ line: r.line, reason: reasons.join('; ') });
      else
        accepted.push(
          m.create(TrainingCompletion, {
            staffMemberId: matches[0].id,
            courseId: course!.id,
            completedOn: on,
            enrolmentId: null,
            recordedBy: caller.principal!.userId,
          }),
        );
    }
    if (rejected.length > 0) return { imported: 0, rejected: rejected.sort((a, b) => a.line - b.line) };
    const saved: TrainingCompletion[] = [];
    for (const c of accepted) saved.push(await this.repo.saveCompletion(m, c));
    caller.audit.touch(
      AuditAction.CREATE,
      'TrainingCompletion',
      saved.map((c) => ({ id: c.id, organisationId: caller.principal!.organisationId })),
    );
    return { imported: saved.length, rejected: [] };
  }

  // --- courses: a catalogue shared by every organisation ----------------------------------------

  async courses(caller: TrainingCaller): Promise<Course[]> {
    // Everyone reads the catalogue (their own record names its courses); TRAINING_SELF_READ is held by every role.
    requireCapability(caller.principal, Capability.TRAINING_SELF_READ);
    return this.repo.courses(this.dataSource.manager);
  }

  async createCourse(caller: TrainingCaller, m: EntityManager, input: CourseInput): Promise<Course> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    // A new course is the creating organisation's: only its coordinators change it (courseEditDecision).
    const course = m.create(Course, { ownerOrganisationId: caller.principal!.organisationId });
    await this.applyCourse(m, course, input);
    const saved = await this.repo.saveCourse(m, course);
    caller.audit.touch(AuditAction.CREATE, 'Course', [{ id: saved.id, organisationId: saved.ownerOrganisationId }]);
    return saved;
  }

  async updateCourse(caller: TrainingCaller, m: EntityManager, id: string, input: CourseInput): Promise<Course> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const course = UUID.test(id) ? await this.repo.courseForUpdate(m, id) : null;
    if (!course) throw notFound('Course');
    // A course a risk-assessment gate uses belongs to the gated organisation, and its code is fixed.
    const changesCode = input.code !== undefined && input.code !== null && input.code.trim() !== course.code;
    const decision = courseEditDecision(
      caller.principal!.organisationId,
      {
        ownerOrganisationId: course.ownerOrganisationId,
        gatingOrganisationIds: await this.repo.gatingOrganisations(m, course.id),
      },
      changesCode,
    );
    if (decision === CourseEditDecision.NOT_FOUND) throw notFound('Course');
    if (decision === CourseEditDecision.CODE_LOCKED)
      throw badInput('code', 'a risk-assessment gate uses this course: its code cannot change');
    await this.applyCourse(m, course, input);
    const saved = await this.repo.saveCourse(m, course);
    caller.audit.touch(AuditAction.UPDATE, 'Course', [{ id: saved.id, organisationId: saved.ownerOrganisationId }]);
    return saved;
  }

  private async applyCourse(m: EntityManager, course: Course, input: CourseInput): Promise<void> {
    if (input.code !== undefined || course.code === undefined) {
      const code = text('code', input.code, 40);
      if (!/^[\p{L}\p{N}:_-]+$/u.test(code)) throw badInput('code', 'letters, digits, ":", "_" and "-" only');
      const clash = await this.repo.courseByCode(m, code);
      if (clash && clash.id !== course.id) throw badInput('code', 'a course with this code exists');
      course.code = code;
    }
    if (input.title !== undefined || course.title === undefined) course.title = text('title', input.title);
    if (input.provider !== undefined || course.provider === undefined)
      course.provider = text('provider', input.provider);
    if (input.hours !== undefined || course.hours === undefined) {
      if (!Number.isInteger(input.hours) || input.hours! < 0 || input.hours! > 1000)
        throw badInput('hours', 'must be 0 to 1000');
      course.hours = input.hours!;
    }
    if (input.validityMonths !== undefined) {
      if (
        input.validityMonths !== null &&
        (!Number.isInteger(input.validityMonths) || input.validityMonths < 1 || input.validityMonths > 240)
      ) {
        throw badInput('validityMonths', 'must be 1 to 240 months, or null for no expiry');
      }
      course.validityMonths = input.validityMonths;
    }
    course.validityMonths ??= null;
    if (input.renewalWindowDays !== undefined) {
      if (!Number.isInteger(input.renewalWindowDays) || input.renewalWindowDays < 0 || input.renewalWindowDays > 730)
        throw badInput('renewalWindowDays', 'must be 0 to 730 days');
      course.renewalWindowDays = input.renewalWindowDays;
    }
    course.renewalWindowDays ??= 90;
  }

  private async courseById(m: EntityManager, id: string, field: string): Promise<Course> {
    const [course] = UUID.test(id) ? await this.repo.coursesByIds(m, [id]) : [];
    if (!course) throw badInput(field, 'unknown course');
    return course;
  }

  // --- requirements ----------------------------------------------------------------------------

  async requirements(caller: TrainingCaller): Promise<(TrainingRequirement & { course: Course })[]> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const rows = requireAccess(
      caller.principal,
      Capability.TRAINING_MANAGE,
      await this.repo.requirements(this.dataSource.manager, scope),
      'Requirement',
    );
    caller.audit.touch(AuditAction.READ, 'TrainingRequirement', rows);
    return rows;
  }

  async createRequirement(
    caller: TrainingCaller,
    m: EntityManager,
    input: { courseId: string; role?: string | null; unit?: string | null },
  ): Promise<TrainingRequirement & { course: Course }> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const course = await this.courseById(m, input.courseId, 'courseId');
    const role = input.role === undefined || input.role === null ? null : text('role', input.role);
    const unit = input.unit === undefined || input.unit === null ? null : text('unit', input.unit);
    const saved = await this.repo.saveRequirement(
      m,
      m.create(TrainingRequirement, {
        organisationId: caller.principal!.organisationId,
        courseId: course.id,
        role,
        unit,
      }),
    );
    caller.audit.touch(AuditAction.CREATE, 'TrainingRequirement', [saved]);
    return Object.assign(saved, { course });
  }

  async deleteRequirement(caller: TrainingCaller, m: EntityManager, id: string): Promise<boolean> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const row = UUID.test(id) ? await this.repo.requirementById(m, scope, id) : null;
    const [requirement] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Requirement');
    await this.repo.deleteRequirement(m, scope, requirement.id);
    caller.audit.touch(AuditAction.DELETE, 'TrainingRequirement', [requirement]);
    return true;
  }

  // --- sessions --------------------------------------------------------------------------------

  /** Own sessions, and joint sessions of the organisations the caller's organisation is in partnership with. */
  private async sessionScope(caller: TrainingCaller): Promise<SessionScope> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const topology = await caller.topology();
    const own = caller.principal!.organisationId;
    const partners = new Set(topology.filter((p) => p.organisationIds.includes(own)).flatMap((p) => p.organisationIds));
    partners.delete(own);
    return { scope, jointOrganisationIds: [...partners] };
  }

  /** The access layer's word on sessions: own ones under OWN; a partner's only when joint and of a shared partnership. */
  private async checkSessions<T extends SessionRow>(caller: TrainingCaller, rows: readonly (T | null)[]): Promise<T[]> {
    const topology = await caller.topology();
    const own = caller.principal?.organisationId;
    const mine = rows.filter((r): r is T => r !== null && r.organisationId === own);
    requireAccess(caller.principal, Capability.TRAINING_MANAGE, mine, 'Training session');
    const others = rows.filter((r) => r === null || r.organisationId !== own);
    requirePartnershipAccess(
      caller.principal,
      Capability.TRAINING_MANAGE,
      others.map(
        (r) =>
          r &&
          Object.assign(r, {
            partnershipIds: r.joint
              ? topology.filter((p) => p.organisationIds.includes(r.organisationId)).map((p) => p.partnershipId)
              : [],
          }),
      ),
      'Training session',
    );
    return rows as T[];
  }

  async sessions(
    caller: TrainingCaller,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Page<SessionView>> {
    const s = await this.sessionScope(caller);
    const size = pageSize(first, PAGE);
    const key =
      after === undefined || after === null ? null : decodeCursor(SESSION_CURSOR, after, [isoInstantPart, uuidPart]);
    const rows = await this.repo.sessionPage(this.dataSource.manager, s, size, key && { startsAt: key[0], id: key[1] });
    const page = await this.checkSessions(caller, rows.slice(0, size));
    const views = await this.withEnrolments(caller, s, page);
    caller.audit.touch(AuditAction.READ, 'TrainingSession', page);
    return {
      nodes: views,
      cursors: page.map((r) => encodeCursor(SESSION_CURSOR, [new Date(r.startsAt).toISOString(), r.id])),
      hasNextPage: rows.length > size,
      totalCount: () => this.repo.sessionCount(this.dataSource.manager, s),
    };
  }

  async session(caller: TrainingCaller, id: string): Promise<SessionView> {
    const s = await this.sessionScope(caller);
    const row = UUID.test(id) ? await this.repo.session(this.dataSource.manager, s, id) : null;
    const [session] = await this.checkSessions(caller, [row]);
    caller.audit.touch(AuditAction.READ, 'TrainingSession', [session]);
    return (await this.withEnrolments(caller, s, [session]))[0];
  }

  /** Enrolments shown with a session: only those of the caller's own staff (a partner's staff stay the partner's). */
  private async withEnrolments(
    caller: TrainingCaller,
    s: SessionScope,
    sessions: SessionRow[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<SessionView[]> {
    const rows = await this.repo.enrolmentsOfSessions(
      m,
      s.scope,
      sessions.map((x) => x.id),
    );
    const allowed = requireAccess(caller.principal, Capability.TRAINING_MANAGE, rows, 'Enrolment');
    caller.audit.touch(AuditAction.READ, 'Enrolment', allowed);
    return sessions.map((x) => Object.assign(x, { enrolments: allowed.filter((e) => e.sessionId === x.id) }));
  }

  async createSession(caller: TrainingCaller, m: EntityManager, input: SessionInput): Promise<SessionView> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const course = await this.courseById(m, input.courseId, 'courseId');
    const saved = await this.repo.saveSession(
      m,
      m.create(TrainingSession, {
        courseId: course.id,
        organisationId: caller.principal!.organisationId,
        cancelledAt: null,
        ...sessionFields(input),
      }),
    );
    caller.audit.touch(AuditAction.CREATE, 'TrainingSession', [saved]);
    return Object.assign(saved, { course, enrolledCount: 0, waitlistedCount: 0, enrolments: [] });
  }

  /**
   * Changes a session of the caller's own organisation (a partner's joint session answers
   * NOT_FOUND: only its holder edits it). Capacity may not drop below the staff already enrolled;
   * a raised capacity promotes the waitlist in order. A joint session stays joint while partner
   * staff are enrolled or waitlisted on it. A cancelled session cannot be changed.
   */
  async updateSession(
    caller: TrainingCaller,
    m: EntityManager,
    id: string,
    input: Partial<Omit<SessionInput, 'courseId'>>,
  ): Promise<SessionView> {
    const session = await this.ownSessionForUpdate(caller, m, id);
    const fields = sessionFields({ ...session, ...definedOnly(input) });
    const enrolled = await this.repo.countEnrolled(m, session.id);
    if (fields.capacity < enrolled)
      throw badInput('capacity', `must not be below the ${enrolled} staff already enrolled`);
    if (
      session.joint &&
      !fields.joint &&
      (await this.repo.countPartnerEnrolments(m, session.id, session.organisationId)) > 0
    ) {
      throw badInput('joint', 'partner organisations have staff enrolled or waitlisted on this session');
    }
    await this.repo.saveSession(m, Object.assign(new TrainingSession(), this.plainSession(session), fields));
    caller.audit.touch(AuditAction.UPDATE, 'TrainingSession', [session]);
    await this.promoteWaitlist(caller, m, session.id, fields.capacity);
    return this.ownSessionView(caller, m, session.id);
  }

  /** Cancels a session of the caller's own organisation, and with it every enrolled or waitlisted enrolment (partner staff's included). */
  async cancelSession(caller: TrainingCaller, m: EntityManager, id: string): Promise<SessionView> {
    const session = await this.ownSessionForUpdate(caller, m, id);
    await this.repo.saveSession(
      m,
      Object.assign(new TrainingSession(), this.plainSession(session), { cancelledAt: new Date() }),
    );
    caller.audit.touch(AuditAction.UPDATE, 'TrainingSession', [session]);
    const own = caller.principal!.organisationId;
    // Partner staff's enrolments are audited as changed without their organisation (not the caller's to show).
    const cancelled = await this.repo.cancelOpenEnrolments(m, session.id);
    if (cancelled.length > 0)
      caller.audit.touch(
        AuditAction.UPDATE,
        'Enrolment',
        cancelled.map((e) => (e.organisationId === own ? e : { id: e.id })),
      );
    return this.ownSessionView(caller, m, session.id);
  }

  /** A session of the caller's own organisation, locked for the change; NOT_FOUND otherwise, BAD_USER_INPUT when cancelled. */
  private async ownSessionForUpdate(caller: TrainingCaller, m: EntityManager, id: string): Promise<SessionRow> {
    const s = await this.sessionScope(caller);
    const row = UUID.test(id) ? await this.repo.session(m, s, id, true) : null;
    const [session] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Training session');
    if (session.cancelledAt !== null) throw badInput('id', 'the session is cancelled');
    return session;
  }

  /** The changed session as its holder sees it, read in the change's transaction. */
  private async ownSessionView(caller: TrainingCaller, m: EntityManager, id: string): Promise<SessionView> {
    const s = await this.sessionScope(caller);
    return (await this.withEnrolments(caller, s, [(await this.repo.session(m, s, id))!], m))[0];
  }

  private plainSession(x: SessionRow): Partial<TrainingSession> {
    return {
      id: x.id,
      courseId: x.courseId,
      organisationId: x.organisationId,
      startsAt: x.startsAt,
      endsAt: x.endsAt,
      place: x.place,
      capacity: x.capacity,
      instructor: x.instructor,
      joint: x.joint,
      cancelledAt: x.cancelledAt,
      createdAt: x.createdAt,
    };
  }

  /** Fills free places from the waitlist, first come first served. */
  private async promoteWaitlist(
    caller: TrainingCaller,
    m: EntityManager,
    sessionId: string,
    capacity: number,
  ): Promise<void> {
    const free = capacity - (await this.repo.countEnrolled(m, sessionId));
    for (const next of await this.repo.waitlist(m, sessionId, free)) {
      next.status = EnrolmentStatus.ENROLLED;
      await this.repo.saveEnrolment(m, next);
      // The promoted staff member may belong to a partner organisation (joint session): audited as changed, not shown.
      caller.audit.touch(AuditAction.UPDATE, 'Enrolment', [{ id: next.id }]);
    }
  }

  // --- enrolments ------------------------------------------------------------------------------

  /**
   * Enrols a staff member of the caller's organisation on a session the caller may see (own, or a
   * partner's joint session). Capacity holds under concurrency: the session row is locked for the
   * rest of the transaction, so enrolments of one session are counted one at a time; when the
   * session is full the enrolment is WAITLISTED.
   */
  async enrol(
    caller: TrainingCaller,
    m: EntityManager,
    sessionId: string,
    staffMemberId: string,
  ): Promise<EnrolmentRow> {
    const s = await this.sessionScope(caller);
    const [staffRow] = UUID.test(staffMemberId) ? await this.repo.staffByIds(m, s.scope, [staffMemberId]) : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [staffRow], 'Staff member');
    const row = UUID.test(sessionId) ? await this.repo.session(m, s, sessionId, true) : null;
    const [session] = await this.checkSessions(caller, [row]);
    if (session.cancelledAt !== null) throw badInput('sessionId', 'the session is cancelled');
    const existing = await this.repo.enrolmentOf(m, session.id, staff.id);
    if (
      existing &&
      [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.COMPLETED].includes(existing.status)
    ) {
      throw badInput('staffMemberId', `is already ${existing.status.toLowerCase()} on this session`);
    }
    const enrolled = await this.repo.countEnrolled(m, session.id);
    const enrolment = existing ?? m.create(Enrolment, { sessionId: session.id, staffMemberId: staff.id });
    enrolment.status = enrolled < session.capacity ? EnrolmentStatus.ENROLLED : EnrolmentStatus.WAITLISTED;
    enrolment.completedOn = null;
    enrolment.enrolledAt = new Date();
    enrolment.enrolledBy = caller.principal!.userId;
    const saved = await this.repo.saveEnrolment(m, enrolment);
    caller.audit.touch(existing ? AuditAction.UPDATE : AuditAction.CREATE, 'Enrolment', [
      { id: saved.id, organisationId: staff.organisationId },
    ]);
    return (await this.repo.enrolment(m, s.scope, saved.id))!;
  }

  /** Cancels an enrolment of the caller's own staff; a freed place goes to the first on the waitlist. */
  async cancelEnrolment(caller: TrainingCaller, m: EntityManager, enrolmentId: string): Promise<EnrolmentRow> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const row = UUID.test(enrolmentId) ? await this.repo.enrolment(m, scope, enrolmentId) : null;
    const [found] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Enrolment');
    // Lock order as in enrol: the session first, then the enrolment.
    const capacity = await this.repo.lockSessionCapacity(m, found.sessionId);
    const enrolment = await this.repo.enrolment(m, scope, found.id, true);
    if (
      !enrolment ||
      (enrolment.status !== EnrolmentStatus.ENROLLED && enrolment.status !== EnrolmentStatus.WAITLISTED)
    ) {
      throw badInput('enrolmentId', 'only an enrolled or waitlisted enrolment can be cancelled');
    }
    await this.repo.saveEnrolment(
      m,
      Object.assign(new Enrolment(), this.plain(enrolment), { status: EnrolmentStatus.CANCELLED }),
    );
    caller.audit.touch(AuditAction.UPDATE, 'Enrolment', [enrolment]);
    await this.promoteWaitlist(caller, m, enrolment.sessionId, capacity);
    return (await this.repo.enrolment(m, scope, enrolment.id))!;
  }

  /** Attendance of an enrolment of the caller's own staff: COMPLETED (writes the completion) or NO_SHOW. */
  async recordAttendance(
    caller: TrainingCaller,
    m: EntityManager,
    enrolmentId: string,
    status: EnrolmentStatus,
    completedOn?: string | null,
  ): Promise<EnrolmentRow> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const row = UUID.test(enrolmentId) ? await this.repo.enrolment(m, scope, enrolmentId, true) : null;
    const [enrolment] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Enrolment');
    if (status !== EnrolmentStatus.COMPLETED && status !== EnrolmentStatus.NO_SHOW)
      throw badInput('status', 'must be COMPLETED or NO_SHOW');
    if (enrolment.status !== EnrolmentStatus.ENROLLED && enrolment.status !== EnrolmentStatus.NO_SHOW) {
      throw badInput('enrolmentId', 'attendance is recorded for enrolled staff (or corrected from NO_SHOW)');
    }
    const plain = Object.assign(new Enrolment(), this.plain(enrolment), { status });
    if (status === EnrolmentStatus.COMPLETED) {
      const sessionDay = todayInSweden(new Date(enrolment.sessionEndsAt));
      const on = dateArg('completedOn', completedOn, sessionDay);
      if (on > this.today()) throw badInput('completedOn', 'must not be in the future');
      plain.completedOn = on;
      await this.repo.saveCompletion(
        m,
        m.create(TrainingCompletion, {
          staffMemberId: enrolment.staffMemberId,
          courseId: enrolment.course.id,
          completedOn: on,
          enrolmentId: enrolment.id,
          recordedBy: caller.principal!.userId,
        }),
      );
      caller.audit.touch(AuditAction.CREATE, 'TrainingCompletion', [
        { id: enrolment.id, organisationId: enrolment.organisationId },
      ]);
    } else {
      plain.completedOn = null;
    }
    await this.repo.saveEnrolment(m, plain);
    caller.audit.touch(AuditAction.UPDATE, 'Enrolment', [enrolment]);
    return (await this.repo.enrolment(m, scope, enrolment.id))!;
  }

  private plain(e: EnrolmentRow): Partial<Enrolment> {
    return {
      id: e.id,
      sessionId: e.sessionId,
      staffMemberId: e.staffMemberId,
      status: e.status,
      completedOn: e.completedOn,
      enrolledAt: e.enrolledAt,
      enrolledBy: e.enrolledBy,
    };
  }

  /** A historical completion (a course taken before the register, or elsewhere), without a session. */
  async recordCompletion(
    caller: TrainingCaller,
    m: EntityManager,
    input: { staffMemberId: string; courseId: string; completedOn: string },
  ): Promise<CertificateView> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const [row] = UUID.test(input.staffMemberId) ? await this.repo.staffByIds(m, scope, [input.staffMemberId]) : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Staff member');
    const course = await this.courseById(m, input.courseId, 'courseId');
    const completedOn = dateArg('completedOn', input.completedOn, '');
    if (completedOn > this.today()) throw badInput('completedOn', 'must not be in the future');
    const saved = await this.repo.saveCompletion(
      m,
      m.create(TrainingCompletion, {
        staffMemberId: staff.id,
        courseId: course.id,
        completedOn,
        enrolmentId: null,
        recordedBy: caller.principal!.userId,
      }),
    );
    caller.audit.touch(AuditAction.CREATE, 'TrainingCompletion', [
      { id: saved.id, organisationId: staff.organisationId },
    ]);
    const [certificate] = await this.certificates(m, staff, [course], this.today());
    return certificate;
  }

  // --- certificates and records ----------------------------------------------------------------

  /** Certificates of one staff member: the given courses, plus every course required of or completed by them. */
  private async certificates(
    m: EntityManager,
    staff: StaffRef,
    only: Course[] | null,
    on: string,
  ): Promise<CertificateView[]> {
    const completions = await this.repo.completionsOf(m, [staff.id]);
    // The staff member's own organisation's requirements decide "required"; they are not returned.
    const requirements = (await this.repo.requirementsOfOrganisation(m, staff.organisationId)).filter((r) =>
      requirementApplies(r, staff),
    );
    const courses = only ?? (await this.repo.courses(m));
    const required = new Set(requirements.map((r) => r.courseId));
    const completed = new Set(completions.map((c) => c.courseId));
    const index = completionIndex(completions);
    return courses
      .filter((c) => only !== null || required.has(c.id) || completed.has(c.id))
      .map((course) => ({
        ...certificationOf(course, staff.id, index, on),
        course,
        required: required.has(course.id),
      }));
  }

  async staffCertificates(caller: TrainingCaller, staff: StaffRef, on?: string | null): Promise<CertificateView[]> {
    requireAccess(caller.principal, Capability.TRAINING_MANAGE, [staff], 'Staff member');
    return this.certificates(this.dataSource.manager, staff, null, dateArg('on', on, this.today()));
  }

  /** The caller's own training record, through the staff member linked to their login (none: an empty record). */
  async myTrainingRecord(caller: TrainingCaller, on?: string | null): Promise<TrainingRecord> {
    const principal = caller.principal;
    requireCapability(principal, Capability.TRAINING_SELF_READ);
    const date = dateArg('on', on, this.today());
    const row = await this.repo.staffByUser(this.dataSource.manager, principal!.userId);
    if (!row) return { staffMember: null, on: date, certificates: [], enrolments: [] };
    const [staff] = requireAccess(principal, Capability.TRAINING_SELF_READ, [row], 'Staff member');
    const certificates = await this.certificates(this.dataSource.manager, staff, null, date);
    const enrolments = await this.repo.enrolmentsOfStaff(this.dataSource.manager, staff.id);
    caller.audit.touch(AuditAction.READ, 'StaffMember', [staff]);
    caller.audit.touch(AuditAction.READ, 'Enrolment', enrolments);
    return { staffMember: staff, on: date, certificates, enrolments };
  }

  /**
   * The gate of the cases module: whether a user holds a valid (VALID or EXPIRING) certificate of
   * a course on a date (default today). A user without a linked staff member, an unknown course
   * or anything malformed answers false. The cases module has already authorised its caller;
   * this asks about that caller's own record.
   */
  async hasValidCertificate(userId: string, courseCode: string, on?: string): Promise<boolean> {
    try {
      const course = await this.repo.courseByCode(this.dataSource.manager, courseCode);
      return course ? await this.hasValidCertificateOfCourse(userId, course.id, on) : false;
    } catch {
      return false; // a gate denies on any failure
    }
  }

  /** `hasValidCertificate` for a course named by id: what the risk-assessment gates use. */
  async hasValidCertificateOfCourse(userId: string, courseId: string, on?: string): Promise<boolean> {
    try {
      if (!UUID.test(userId) || !UUID.test(courseId)) return false;
      const date = on ?? this.today();
      if (!isDate(date)) return false;
      const m = this.dataSource.manager;
      const staff = await this.repo.staffByUser(m, userId);
      const course = await this.repo.courseById(m, courseId);
      if (!staff || !course) return false;
      const completions = await this.repo.completionsOf(m, [staff.id]);
      return holdsCertificate(certificationOf(course, staff.id, completionIndex(completions), date).status);
    } catch {
      return false; // a gate denies on any failure
    }
  }

  // --- reports (own organisation) --------------------------------------------------------------

  async coverage(caller: TrainingCaller, on?: string | null): Promise<{ on: string; rows: CoverageRow[] }> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_REPORT);
    const date = dateArg('on', on, this.today());
    const m = this.dataSource.manager;
    // Statuses are counted in the database (per staff member in memory took seconds at 5,000 staff);
    // only the roles' case-insensitive match against the staff's distinct titles is decided here.
    // The version is read before the counts, so a report is never filed under a later version
    // than the data it was computed from.
    const [requirementRows, titles, version] = await Promise.all([
      this.repo.requirements(m, scope),
      this.repo.staffTitles(m, scope),
      this.repo.reportVersion(m),
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
      const groups = await this.repo.coverageGroups(m, scope, date, roleTitles);
      const organisationOf = new Map(requirements.map((r) => [r.id, r.organisationId]));
      // The staff the report names, by id (names need not be unique); each is of the requirement's organisation.
      const named = new Map(
        groups.flatMap((g) =>
          g.missingStaffIds.map((id) => [id, { id, organisationId: organisationOf.get(g.requirementId)! }] as const),
        ),
      );
      report = { rows: coverageRowsFromGroups(requirements, groups), named: [...named.values()] };
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
  async expiring(caller: TrainingCaller, withinDays: number, on?: string | null): Promise<ExpiringRow[]> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_REPORT);
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3650)
      throw badInput('withinDays', 'must be 0 to 3650');
    const date = dateArg('on', on, this.today());
    const m = this.dataSource.manager;
    const staff = requireAccess(
      caller.principal,
      Capability.TRAINING_REPORT,
      await this.repo.staffOfOrganisation(m, scope),
      'Staff member',
    );
    const byId = new Map(staff.map((s) => [s.id, s]));
    const courses = new Map((await this.repo.courses(m)).map((c) => [c.id, c]));
    const latest = await this.repo.latestCompletions(m, scope, date);
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
    caller: TrainingCaller,
    from: string,
    to: string,
  ): Promise<{ course: Course; completions: number; staff: number }[]> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_REPORT);
    const f = dateArg('from', from, '');
    const t = dateArg('to', to, '');
    if (t < f) throw badInput('to', 'must not be before from');
    if (daysBetween(f, t) > 366 * 20) throw badInput('to', 'at most 20 years');
    const m = this.dataSource.manager;
    const courses = new Map((await this.repo.courses(m)).map((c) => [c.id, c]));
    const rows = await this.repo.completionsPerCourse(m, scope, f, t);
    return rows
      .filter((r) => courses.has(r.courseId))
      .map((r) => ({ course: courses.get(r.courseId)!, completions: r.completions, staff: r.staff }))
      .sort((a, b) => a.course.code.localeCompare(b.course.code));
  }
}

/** A session's own fields from its input, validated (creation and change alike). */
function sessionFields(
  input: Omit<SessionInput, 'courseId'>,
): Pick<TrainingSession, 'startsAt' | 'endsAt' | 'place' | 'capacity' | 'instructor' | 'joint'> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime())) throw badInput('startsAt', 'is required');
  if (Number.isNaN(endsAt.getTime()) || endsAt < startsAt) throw badInput('endsAt', 'must not be before startsAt');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 1000)
    throw badInput('capacity', 'must be 1 to 1000');
  return {
    startsAt,
    endsAt,
    place: text('place', input.place, 500),
    capacity: input.capacity,
    instructor: text('instructor', input.instructor),
    joint: input.joint ?? false,
  };
}

/** The fields of a partial input that were given (GraphQL passes omitted optional fields as undefined or null). */
function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
