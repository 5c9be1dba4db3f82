import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { Capability, organisationScope, requireAccess } from '../../access/access';
import { badInput, InputReason } from '../../shared/errors';
import { TrainingReason } from './training.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { isDate } from './certification-status';
import { CsvSyntaxError, foldName, parseCsv } from './training-csv';
import { StaffMember, TrainingCompletion } from './training.entities';
import { INVISIBLE_FORMATTING, INVISIBLE_FORMATTING_MESSAGE } from '../../shared/plain-text';
import { ImportRejection, ImportReport, MAX_IMPORT_ROWS } from './training.support';
import { TrainingServiceBase } from './training-service.base';

/** CSV imports of staff and completions: all or nothing, with a report per rejected row. */
export class TrainingImportService extends TrainingServiceBase {
  // --- CSV imports: all or nothing, with a report per rejected row ------------------------------

  /** Parses an import's CSV; the header must hold the required columns (any order, optional ones allowed). */
  private importRows(
    csv: string,
    required: string[],
    optional: string[],
  ): { rows: { line: number; get: (c: string) => string }[]; rejected: ImportRejection[] } {
    if (typeof csv !== 'string' || csv.length > 1_000_000)
      throw badInput('csv', InputReason.TEXT_TOO_LONG, 'must be CSV text of at most 1 MB');
    let parsed;
    try {
      parsed = parseCsv(csv);
    } catch (error) {
      if (error instanceof CsvSyntaxError) return { rows: [], rejected: [{ line: error.line, reason: error.message }] };
      throw error;
    }
    if (parsed.length === 0)
      throw badInput('csv', TrainingReason.CSV_HEADER_MISSING, 'is empty (a header row is required)');
    const header = parsed[0].cells.map((h) => h.trim().toLowerCase());
    const repeated = [...new Set(header.filter((h, i) => header.indexOf(h) !== i))];
    if (repeated.length > 0)
      throw badInput('csv', TrainingReason.CSV_REPEATED_COLUMN, `repeated column ${repeated.join(', ')}`);
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length > 0)
      throw badInput('csv', TrainingReason.CSV_MISSING_COLUMN, `header lacks ${missing.join(', ')}`);
    const unknown = header.filter((h) => !required.includes(h) && !optional.includes(h));
    if (unknown.length > 0)
      throw badInput('csv', TrainingReason.CSV_UNKNOWN_COLUMN, `unknown column ${unknown.join(', ')}`);
    if (parsed.length - 1 > MAX_IMPORT_ROWS)
      throw badInput('csv', TrainingReason.CSV_TOO_MANY_ROWS, `at most ${MAX_IMPORT_ROWS} rows`);
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
  async importStaff(caller: Actor, manager: EntityManager, csv: string): Promise<ImportReport> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const organisationId = caller.principal.organisationId;
    const { rows, rejected } = this.importRows(csv, ['name', 'unit', 'title'], ['user_email']);
    const existing = new Set(
      (await this.staffRepo.staffOfOrganisation(manager, scope)).map((s) => `${s.name}\u0000${s.unit}`),
    );
    const emails = [...new Set(rows.map((r) => r.get('user_email').toLowerCase()).filter((e) => e !== ''))];
    const users = new Map(
      (await this.staffRepo.usersOfOrganisationByEmail(manager, organisationId, emails)).map((u) => [u.email, u.id]),
    );
    const linked = new Set(await this.staffRepo.linkedUserIds(manager, [...users.values()]));
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
      else accepted.push(manager.create(StaffMember, { organisationId, name, unit, title, userId }));
    }
    if (rejected.length > 0) return { imported: 0, rejected: rejected.sort((a, b) => a.line - b.line) };
    const saved: StaffMember[] = [];
    for (const s of accepted) saved.push(await this.staffRepo.saveStaff(manager, s));
    caller.audit.touch(AuditAction.CREATE, 'StaffMember', saved);
    return { imported: saved.length, rejected: [] };
  }

  /** Historical completions `name,unit,course_code,completed_on` of the own register; all or nothing. */
  async importCompletions(caller: Actor, manager: EntityManager, csv: string): Promise<ImportReport> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const { rows, rejected } = this.importRows(csv, ['name', 'unit', 'course_code', 'completed_on'], []);
    const staff = requireAccess(
      caller.principal,
      Capability.TRAINING_MANAGE,
      await this.staffRepo.staffOfOrganisation(manager, scope),
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
    const courses = new Map((await this.courseRepo.courses(manager)).map((c) => [c.code, c]));
    const recorded = new Set(
      (
        await this.completionRepo.completionsOf(
          manager,
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
          manager.create(TrainingCompletion, {
            staffMemberId: matches[0].id,
            courseId: course!.id,
            completedOn: on,
            enrolmentId: null,
            recordedBy: caller.principal.userId,
          }),
        );
    }
    if (rejected.length > 0) return { imported: 0, rejected: rejected.sort((a, b) => a.line - b.line) };
    const saved: TrainingCompletion[] = [];
    for (const c of accepted) saved.push(await this.completionRepo.saveCompletion(manager, c));
    caller.audit.touch(
      AuditAction.CREATE,
      'TrainingCompletion',
      saved.map((c) => ({ id: c.id, organisationId: caller.principal.organisationId })),
    );
    return { imported: saved.length, rejected: [] };
  }
}
