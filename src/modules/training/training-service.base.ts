import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../shared/errors';
import { TrainingReason } from './training.reasons';
import { todayInSweden } from './certification-status';
import { certificationOf, completionIndex, requirementApplies } from './training-coverage.report';
import { Course } from './training.entities';
import { CourseRepository } from './course.repository';
import { StaffMemberRepository } from './staff-member.repository';
import { TrainingCompletionRepository } from './training-completion.repository';
import { TrainingSessionRepository } from './training-session.repository';
import { UUID, StaffRef, CertificateView, type CertificateKey } from './training.support';

/** What every training service shares: the repository, the clock, course lookup and certificates of a staff member. */
export abstract class TrainingServiceBase {
  protected readonly staffRepo = new StaffMemberRepository();
  protected readonly courseRepo = new CourseRepository();
  protected readonly sessionRepo = new TrainingSessionRepository();
  protected readonly completionRepo = new TrainingCompletionRepository();

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly today: () => string = () => todayInSweden(),
  ) {}

  protected async courseById(manager: EntityManager, id: string, field: string): Promise<Course> {
    const [course] = UUID.test(id) ? await this.courseRepo.coursesByIds(manager, [id]) : [];
    if (!course) throw badInput(field, TrainingReason.UNKNOWN_COURSE, 'unknown course');
    return course;
  }

  /** Certificates of one staff member: the given courses, plus every course required of or completed by them. */
  protected async certificates(
    manager: EntityManager,
    staff: StaffRef,
    only: Course[] | null,
    on: string,
  ): Promise<CertificateView[]> {
    const [certificates] = await this.certificatesOfMany(manager, [{ staff, on }], only);
    return certificates;
  }

  /**
   * `certificates` of many staff members at once, each on its own date: one statement for their
   * completions, one for their organisations' requirements and (without `only`) one for the catalogue,
   * whatever their number (the `StaffMember.certificates` loader).
   */
  protected async certificatesOfMany(
    manager: EntityManager,
    keys: readonly CertificateKey[],
    only: Course[] | null = null,
  ): Promise<CertificateView[][]> {
    if (keys.length === 0) return [];
    const completions = await this.completionRepo.completionsOf(manager, [...new Set(keys.map((k) => k.staff.id))]);
    // Each staff member's own organisation's requirements decide "required"; they are not returned.
    const requirementRows = await this.courseRepo.requirementsOfOrganisations(manager, [
      ...new Set(keys.map((k) => k.staff.organisationId)),
    ]);
    const courses = only ?? (await this.courseRepo.courses(manager));
    return keys.map(({ staff, on }) => {
      const own = completions.filter((c) => c.staffMemberId === staff.id);
      const requirements = requirementRows.filter(
        (r) => r.organisationId === staff.organisationId && requirementApplies(r, staff),
      );
      const required = new Set(requirements.map((r) => r.courseId));
      const completed = new Set(own.map((c) => c.courseId));
      const index = completionIndex(own);
      return courses
        .filter((c) => only !== null || required.has(c.id) || completed.has(c.id))
        .map((course) => ({
          ...certificationOf(course, staff.id, index, on),
          course,
          required: required.has(course.id),
        }));
    });
  }
}
