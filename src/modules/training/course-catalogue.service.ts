import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { courseEditDecision, CourseEditDecision } from '../../access/training-gate';
import { Capability, organisationScope, requireAccess, requireCapability } from '../../access/access';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { TrainingReason } from './training.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { Course, TrainingRequirement } from './training.entities';
import { UUID, CourseInput, text } from './training.support';
import { TrainingServiceBase } from './training-service.base';

/** The course catalogue shared by every organisation, and each organisation's requirements. */
export class CourseCatalogueService extends TrainingServiceBase {
  // --- courses: a catalogue shared by every organisation ----------------------------------------

  async courses(caller: Actor): Promise<Course[]> {
    // Everyone reads the catalogue (their own record names its courses); TRAINING_SELF_READ is held by every role.
    requireCapability(caller.principal, Capability.TRAINING_SELF_READ);
    return this.courseRepo.courses(this.dataSource.manager);
  }

  async createCourse(caller: Actor, manager: EntityManager, input: CourseInput): Promise<Course> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    // A new course is the creating organisation's: only its coordinators change it (courseEditDecision).
    const course = manager.create(Course, { ownerOrganisationId: caller.principal.organisationId });
    await this.applyCourse(manager, course, input);
    const saved = await this.courseRepo.saveCourse(manager, course);
    caller.audit.touch(AuditAction.CREATE, 'Course', [{ id: saved.id, organisationId: saved.ownerOrganisationId }]);
    return saved;
  }

  async updateCourse(caller: Actor, manager: EntityManager, id: string, input: CourseInput): Promise<Course> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const course = UUID.test(id) ? await this.courseRepo.courseForUpdate(manager, id) : null;
    if (!course) throw notFound('Course');
    // A course a risk-assessment gate uses belongs to the gated organisation, and its code is fixed.
    const changesCode = input.code !== undefined && input.code !== null && input.code.trim() !== course.code;
    const decision = courseEditDecision(
      caller.principal.organisationId,
      {
        ownerOrganisationId: course.ownerOrganisationId,
        gatingOrganisationIds: await this.courseRepo.gatingOrganisations(manager, course.id),
      },
      changesCode,
    );
    if (decision === CourseEditDecision.NOT_FOUND) throw notFound('Course');
    if (decision === CourseEditDecision.CODE_LOCKED)
      throw badInput(
        'code',
        TrainingReason.COURSE_CODE_USED_BY_GATE,
        'a risk-assessment gate uses this course: its code cannot change',
      );
    await this.applyCourse(manager, course, input);
    const saved = await this.courseRepo.saveCourse(manager, course);
    caller.audit.touch(AuditAction.UPDATE, 'Course', [{ id: saved.id, organisationId: saved.ownerOrganisationId }]);
    return saved;
  }

  private async applyCourse(manager: EntityManager, course: Course, input: CourseInput): Promise<void> {
    if (input.code !== undefined || course.code === undefined) {
      const code = text('code', input.code, 40);
      if (!/^[\p{L}\p{N}:_-]+$/u.test(code))
        throw badInput('code', InputReason.INVALID_FORMAT, 'letters, digits, ":", "_" and "-" only');
      const clash = await this.courseRepo.courseByCode(manager, code);
      if (clash && clash.id !== course.id)
        throw badInput('code', TrainingReason.COURSE_CODE_TAKEN, 'a course with this code exists');
      course.code = code;
    }
    if (input.title !== undefined || course.title === undefined) course.title = text('title', input.title);
    if (input.provider !== undefined || course.provider === undefined)
      course.provider = text('provider', input.provider);
    if (input.hours !== undefined || course.hours === undefined) {
      if (!Number.isInteger(input.hours) || input.hours! < 0 || input.hours! > 1000)
        throw badInput('hours', InputReason.NUMBER_OUT_OF_RANGE, 'must be 0 to 1000');
      course.hours = input.hours!;
    }
    if (input.validityMonths !== undefined) {
      if (
        input.validityMonths !== null &&
        (!Number.isInteger(input.validityMonths) || input.validityMonths < 1 || input.validityMonths > 240)
      ) {
        throw badInput(
          'validityMonths',
          InputReason.NUMBER_OUT_OF_RANGE,
          'must be 1 to 240 months, or null for no expiry',
        );
      }
      course.validityMonths = input.validityMonths;
    }
    course.validityMonths ??= null;
    if (input.renewalWindowDays !== undefined) {
      if (!Number.isInteger(input.renewalWindowDays) || input.renewalWindowDays < 0 || input.renewalWindowDays > 730)
        throw badInput('renewalWindowDays', InputReason.NUMBER_OUT_OF_RANGE, 'must be 0 to 730 days');
      course.renewalWindowDays = input.renewalWindowDays;
    }
    course.renewalWindowDays ??= 90;
  }

  // --- requirements ----------------------------------------------------------------------------

  async requirements(caller: Actor): Promise<(TrainingRequirement & { course: Course })[]> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const rows = requireAccess(
      caller.principal,
      Capability.TRAINING_MANAGE,
      await this.courseRepo.requirements(this.dataSource.manager, scope),
      'Requirement',
    );
    caller.audit.touch(AuditAction.READ, 'TrainingRequirement', rows);
    return rows;
  }

  async createRequirement(
    caller: Actor,
    manager: EntityManager,
    input: { courseId: string; role?: string | null; unit?: string | null },
  ): Promise<TrainingRequirement & { course: Course }> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const course = await this.courseById(manager, input.courseId, 'courseId');
    const role = input.role === undefined || input.role === null ? null : text('role', input.role);
    const unit = input.unit === undefined || input.unit === null ? null : text('unit', input.unit);
    const saved = await this.courseRepo.saveRequirement(
      manager,
      manager.create(TrainingRequirement, {
        organisationId: caller.principal.organisationId,
        courseId: course.id,
        role,
        unit,
      }),
    );
    caller.audit.touch(AuditAction.CREATE, 'TrainingRequirement', [saved]);
    return Object.assign(saved, { course });
  }

  async deleteRequirement(caller: Actor, manager: EntityManager, id: string): Promise<boolean> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const row = UUID.test(id) ? await this.courseRepo.requirementById(manager, scope, id) : null;
    const [requirement] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Requirement');
    await this.courseRepo.deleteRequirement(manager, scope, requirement.id);
    caller.audit.touch(AuditAction.DELETE, 'TrainingRequirement', [requirement]);
    return true;
  }
}
