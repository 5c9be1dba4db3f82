import type { EntityManager } from 'typeorm';

export interface FindingRow {
  id: string;
  activityId: string;
  activityOrganisationId: string;
  placeId: string | null;
  description: string;
  suggestedMeasure: string | null;
  ownerOrganisationId: string;
  dueOn: string;
  status: string;
  followedUpInActivityId: string | null;
  createdAt: Date;
}

const COLUMNS = `f.id, f.activity_id AS "activityId", a.organisation_id AS "activityOrganisationId", f.place_id AS "placeId",
  f.description, f.suggested_measure AS "suggestedMeasure", f.owner_organisation_id AS "ownerOrganisationId",
  f.due_on::text AS "dueOn", f.status, f.followed_up_in_activity_id AS "followedUpInActivityId", f.created_at AS "createdAt"`;

/** Findings of prevention activities. The service decides who sees them (through their activity). */
export class PreventionFindingRepository {
  async insert(
    manager: EntityManager,
    v: {
      activityId: string;
      placeId: string | null;
      description: string;
      suggestedMeasure: string | null;
      ownerOrganisationId: string;
      dueOn: string;
      createdBy: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO prevention_finding (activity_id, place_id, description, suggested_measure, owner_organisation_id, due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.activityId, v.placeId, v.description, v.suggestedMeasure, v.ownerOrganisationId, v.dueOn, v.createdBy],
    );
    return rows[0].id;
  }

  async byId(manager: EntityManager, id: string, lock = false): Promise<FindingRow | null> {
    const rows: FindingRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM prevention_finding f JOIN prevention_activity a ON a.id = f.activity_id
        WHERE f.id = $1 ${lock ? 'FOR UPDATE OF f' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Findings raised in these activities, and open findings at these places (to follow up on a later walk). */
  byActivitiesOrOpenAtPlaces(
    manager: EntityManager,
    activityIds: readonly string[],
    placeIds: readonly string[],
  ): Promise<FindingRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM prevention_finding f JOIN prevention_activity a ON a.id = f.activity_id
        WHERE f.activity_id = ANY($1::uuid[])
           OR (f.place_id = ANY($2::uuid[]) AND f.status IN ('OPEN', 'IN_PROGRESS'))
        ORDER BY f.due_on, f.id LIMIT 500`,
      [[...activityIds], [...placeIds]],
    );
  }

  async update(
    manager: EntityManager,
    id: string,
    status: string,
    followedUpInActivityId: string | null,
  ): Promise<void> {
    await manager.query(`UPDATE prevention_finding SET status = $2, followed_up_in_activity_id = $3 WHERE id = $1`, [
      id,
      status,
      followedUpInActivityId,
    ]);
  }
}
