import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { assertScope } from '../../db/scoped-repository';
import type { PreventionActivityStatus, PreventionActivityType } from '../prevention/prevention-activity.entity';
import type { Commitment } from '../prevention/prevention.entities';
import { CommitmentTarget, SafetySurvey } from './effect.entities';

/** One group of a commitment's activities of a year: quarter, type and status (all owners, all visibilities). */
export interface ReportActivityRow {
  commitmentId: string;
  quarter: number;
  type: PreventionActivityType;
  status: PreventionActivityStatus;
  activities: number;
  /** Of those, kept to the owner organisation (visibility ORGANISATION): counted, never detailed. */
  organisationOnly: number;
  peopleReached: number;
  placeIds: string[];
}

/**
 * The partnership report's own reads, and the effect measures' rows. Every read takes the scope of
 * the partnership built by src/access/partnership-report.ts (its organisations) and the partnership id.
 */
export class PartnershipReportRepository {
  async commitments(manager: EntityManager, scope: OrganisationScope, partnershipId: string): Promise<Commitment[]> {
    assertScope(scope);
    return manager.query(
      `SELECT id, partnership_id AS "partnershipId", title, description, responsible_organisation_ids AS "responsibleOrganisationIds",
              period_start::text AS "periodStart", period_end::text AS "periodEnd", status, created_at AS "createdAt"
         FROM commitment WHERE partnership_id = $1 ORDER BY period_start, title`,
      [partnershipId],
    );
  }

  /**
   * Findings of safety walks and patrols raised in the year's activities of the commitments, and how many
   * are done: counted for every activity, organisation-only ones included, so every partner sees the same.
   */
  async findingTotals(
    manager: EntityManager,
    scope: OrganisationScope,
    commitmentIds: readonly string[],
    year: number,
  ): Promise<{ commitmentId: string; raised: number; done: number }[]> {
    assertScope(scope);
    if (commitmentIds.length === 0) return [];
    const rows: { commitmentId: string; raised: string; done: string }[] = await manager.query(
      `SELECT a.commitment_id AS "commitmentId", count(*) AS raised, count(*) FILTER (WHERE f.status = 'DONE') AS done
         FROM prevention_finding f JOIN prevention_activity a ON a.id = f.activity_id
        WHERE a.commitment_id = ANY($1::uuid[])
          AND a.starts_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Europe/Stockholm')
          AND a.starts_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Europe/Stockholm')
        GROUP BY a.commitment_id`,
      [[...commitmentIds], year],
    );
    return rows.map((r) => ({ commitmentId: r.commitmentId, raised: Number(r.raised), done: Number(r.done) }));
  }

  async organisations(
    manager: EntityManager,
    scope: OrganisationScope,
  ): Promise<{ id: string; name: string; kind: string }[]> {
    assertScope(scope);
    return manager.query(`SELECT id, name, kind FROM organisation WHERE id = ANY($1::uuid[]) ORDER BY name`, [
      [...scope.organisationIds],
    ]);
  }

  async areas(manager: EntityManager, areaIds: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (areaIds.length === 0) return [];
    return manager.query(`SELECT id, name FROM area WHERE id = ANY($1::uuid[]) ORDER BY name`, [[...areaIds]]);
  }

  async partnershipName(manager: EntityManager, partnershipId: string): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(`SELECT name FROM partnership WHERE id = $1`, [partnershipId]);
    return rows[0]?.name ?? null;
  }

  /**
   * The activities of the partnership's commitments whose start falls in the given years (Swedish local
   * time), of the partnership's organisations in its areas, whatever their visibility: the numbers are
   * the same for every partner. Grouped: no title, description or note leaves here.
   */
  async activityGroups(
    manager: EntityManager,
    scope: OrganisationScope,
    areaIds: readonly string[],
    commitmentIds: readonly string[],
    fromYear: number,
    toYear: number,
  ): Promise<(ReportActivityRow & { year: number })[]> {
    assertScope(scope);
    if (commitmentIds.length === 0 || areaIds.length === 0) return [];
    const rows: (Omit<ReportActivityRow, 'activities' | 'organisationOnly' | 'peopleReached' | 'placeIds'> & {
      year: number;
      activities: string;
      organisationOnly: string;
      people: string;
      places: string[] | null;
    })[] = await manager.query(
      `SELECT a.commitment_id AS "commitmentId",
              extract(year FROM a.starts_at AT TIME ZONE 'Europe/Stockholm')::int AS year,
              extract(quarter FROM a.starts_at AT TIME ZONE 'Europe/Stockholm')::int AS quarter, a.type, a.status,
              count(*) AS activities, count(*) FILTER (WHERE a.visibility = 'ORGANISATION') AS "organisationOnly",
              coalesce(sum(a.people_reached), 0) AS people,
              array_agg(DISTINCT a.place_id) FILTER (WHERE a.place_id IS NOT NULL) AS places
         FROM prevention_activity a
        WHERE a.commitment_id = ANY($1::uuid[]) AND a.organisation_id = ANY($2::uuid[]) AND a.area_id = ANY($3::uuid[])
          AND a.starts_at >= make_timestamptz($4, 1, 1, 0, 0, 0, 'Europe/Stockholm')
          AND a.starts_at < make_timestamptz($5 + 1, 1, 1, 0, 0, 0, 'Europe/Stockholm')
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      [[...commitmentIds], [...scope.organisationIds], [...areaIds], fromYear, toYear],
    );
    return rows.map((r) => ({
      commitmentId: r.commitmentId,
      year: r.year,
      quarter: r.quarter,
      type: r.type,
      status: r.status,
      activities: Number(r.activities),
      organisationOnly: Number(r.organisationOnly),
      peopleReached: Number(r.people),
      placeIds: r.places ?? [],
    }));
  }

  // --- effect measures -------------------------------------------------------------------------

  surveys(
    manager: EntityManager,
    scope: OrganisationScope,
    partnershipId: string,
    toYear: number,
  ): Promise<SafetySurvey[]> {
    assertScope(scope);
    return manager
      .getRepository(SafetySurvey)
      .createQueryBuilder('s')
      .where('s.partnership_id = :partnershipId AND s.year <= :toYear', { partnershipId, toYear })
      .orderBy('s.year', 'ASC')
      .addOrderBy('s.area_id', 'ASC')
      .getMany();
  }

  surveyForUpdate(
    manager: EntityManager,
    scope: OrganisationScope,
    partnershipId: string,
    areaId: string,
    year: number,
  ): Promise<SafetySurvey | null> {
    assertScope(scope);
    return manager
      .getRepository(SafetySurvey)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.partnership_id = :partnershipId AND s.area_id = :areaId AND s.year = :year', {
        partnershipId,
        areaId,
        year,
      })
      .getOne();
  }

  saveSurvey(manager: EntityManager, survey: SafetySurvey): Promise<SafetySurvey> {
    return manager.save(SafetySurvey, survey);
  }

  targets(manager: EntityManager, scope: OrganisationScope, partnershipId: string): Promise<CommitmentTarget[]> {
    assertScope(scope);
    return manager
      .getRepository(CommitmentTarget)
      .createQueryBuilder('t')
      .where('t.partnership_id = :partnershipId', { partnershipId })
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  targetForUpdate(
    manager: EntityManager,
    scope: OrganisationScope,
    commitmentId: string,
    description: string,
  ): Promise<CommitmentTarget | null> {
    assertScope(scope);
    return manager
      .getRepository(CommitmentTarget)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.commitment_id = :commitmentId AND t.description = :description', { commitmentId, description })
      .getOne();
  }

  saveTarget(manager: EntityManager, target: CommitmentTarget): Promise<CommitmentTarget> {
    return manager.save(CommitmentTarget, target);
  }

  async commitmentOfPartnership(manager: EntityManager, partnershipId: string, commitmentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM commitment WHERE id = $1 AND partnership_id = $2`, [
      commitmentId,
      partnershipId,
    ]);
    return rows.length > 0;
  }
}
