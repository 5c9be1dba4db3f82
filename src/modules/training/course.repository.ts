import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { Course, TrainingRequirement } from './training.entities';
import { COURSE, courseJson, own } from './training-repository.support';

/** The course catalogue (shared, not organisation-owned) and each organisation's requirements. */
export class CourseRepository {
  // --- courses (shared catalogue: not organisation-owned) -----------------------------------

  courses(manager: EntityManager): Promise<Course[]> {
    return manager.query(`SELECT ${COURSE} FROM course c ORDER BY c.code`);
  }

  async coursesByIds(manager: EntityManager, ids: readonly string[]): Promise<Course[]> {
    if (ids.length === 0) return [];
    return manager.query(`SELECT ${COURSE} FROM course c WHERE c.id = ANY($1::uuid[])`, [[...ids]]);
  }

  async courseByCode(manager: EntityManager, code: string): Promise<Course | null> {
    const [row]: Course[] = await manager.query(`SELECT ${COURSE} FROM course c WHERE c.code = $1`, [code]);
    return row ?? null;
  }

  /** Organisations whose risk-assessment gates use the course. */
  async gatingOrganisations(manager: EntityManager, courseId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT organisation_id AS id FROM risk_assessment_gate WHERE course_id = $1`,
      [courseId],
    );
    return rows.map((r) => r.id);
  }

  async courseById(manager: EntityManager, id: string): Promise<Course | null> {
    const [row]: Course[] = await manager.query(`SELECT ${COURSE} FROM course c WHERE c.id = $1`, [id]);
    return row ?? null;
  }

  async courseForUpdate(manager: EntityManager, id: string): Promise<Course | null> {
    const [row]: Course[] = await manager.query(`SELECT ${COURSE} FROM course c WHERE c.id = $1 FOR UPDATE`, [id]);
    return row ? Object.assign(new Course(), row) : null;
  }

  saveCourse(manager: EntityManager, course: Course): Promise<Course> {
    return manager.save(Course, course);
  }

  // --- requirements ----------------------------------------------------------------------------

  requirements(
    manager: EntityManager,
    scope: OrganisationScope,
  ): Promise<(TrainingRequirement & { course: Course })[]> {
    return manager.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.course_id AS "courseId", r.role, r.unit, r.created_at AS "createdAt", ${courseJson}
         FROM training_requirement r JOIN course c ON c.id = r.course_id
        WHERE r.organisation_id = ANY($1::uuid[]) ORDER BY c.code, r.role NULLS FIRST, r.unit NULLS FIRST, r.id`,
      [own(scope)],
    );
  }

  /**
   * The requirements of staff members' own organisations, to mark which certificates are required of
   * them in their records. Keyed by those staff members' organisations (already authorised).
   */
  requirementsOfOrganisations(
    manager: EntityManager,
    organisationIds: readonly string[],
  ): Promise<TrainingRequirement[]> {
    return manager.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.course_id AS "courseId", r.role, r.unit FROM training_requirement r WHERE r.organisation_id = ANY($1::uuid[])`,
      [[...organisationIds]],
    );
  }

  async requirementById(
    manager: EntityManager,
    scope: OrganisationScope,
    id: string,
  ): Promise<TrainingRequirement | null> {
    const [row]: TrainingRequirement[] = await manager.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.course_id AS "courseId", r.role, r.unit FROM training_requirement r
        WHERE r.id = $1 AND r.organisation_id = ANY($2::uuid[]) FOR UPDATE`,
      [id, own(scope)],
    );
    return row ?? null;
  }

  saveRequirement(manager: EntityManager, r: TrainingRequirement): Promise<TrainingRequirement> {
    return manager.save(TrainingRequirement, r);
  }

  async deleteRequirement(manager: EntityManager, scope: OrganisationScope, id: string): Promise<void> {
    await manager.query(`DELETE FROM training_requirement WHERE id = $1 AND organisation_id = ANY($2::uuid[])`, [
      id,
      own(scope),
    ]);
  }
}
