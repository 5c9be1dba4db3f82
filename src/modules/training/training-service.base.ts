import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../../shared/errors';
import { todayInSweden } from './certification-status';
import { certificationOf, completionIndex, requirementApplies } from './training-coverage.report';
import { Course } from './training.entities';
import { CourseRepository } from './course.repository';
import { StaffMemberRepository } from './staff-member.repository';
import { TrainingCompletionRepository } from './training-completion.repository';
import { TrainingSessionRepository } from './training-session.repository';
import { UUID, StaffRef, CertificateView } from './training.support';

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

  protected async courseById(m: EntityManager, id: string, field: string): Promise<Course> {
    const [course] = UUID.test(id) ? await this.courseRepo.coursesByIds(m, [id]) : [];
    if (!course) throw badInput(field, 'unknown course');
    return course;
  }

  /** Certificates of one staff member: the given courses, plus every course required of or completed by them. */
  protected async certificates(
    m: EntityManager,
    staff: StaffRef,
    only: Course[] | null,
    on: string,
  ): Promise<CertificateView[]> {
    const completions = await this.completionRepo.completionsOf(m, [staff.id]);
    // The staff member's own organisation's requirements decide "required"; they are not returned.
    const requirements = (await this.courseRepo.requirementsOfOrganisation(m, staff.organisationId)).filter((r) =>
      requirementApplies(r, staff),
    );
    const courses = only ?? (await this.courseRepo.courses(m));
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
}
