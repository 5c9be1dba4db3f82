import { In, type EntityManager } from 'typeorm';
import { Camera, CameraOutage, FootageRequest, FootageRequestEvent, FootageRequestStatus } from './camera.entities';

/** A camera with the area of its place (what the access rule needs). */
export interface CameraRow extends Camera {
  areaId: string;
}

export interface FootageRequestFilter {
  cameraId?: string;
  statuses?: readonly FootageRequestStatus[];
}

/** Per camera and year: requests received and handed over (wholly or partly). */
export interface FootageCounts {
  cameraId: string;
  received: number;
  handedOver: number;
}

const CAMERA_COLUMNS = `c.id, c.organisation_id AS "organisationId", c.place_id AS "placeId",
  c.commitment_id AS "commitmentId", c.name, c.coverage, c.permit_reference AS "permitReference",
  to_char(c.permit_decided_on, 'YYYY-MM-DD') AS "permitDecidedOn",
  to_char(c.permit_valid_until, 'YYYY-MM-DD') AS "permitValidUntil", c.permit_conditions AS "permitConditions",
  c.retention_days AS "retentionDays", to_char(c.operating_since, 'YYYY-MM-DD') AS "operatingSince",
  to_char(c.decommissioned_on, 'YYYY-MM-DD') AS "decommissionedOn", c.created_by AS "createdBy",
  c.created_at AS "createdAt", p.area_id AS "areaId"`;

/**
 * The only place cameras, their outages and footage requests are queried. Reads are bounded by the
 * organisations the service derived from the caller's scope; the access rule in
 * `src/access/camera-access.ts` then decides per record.
 */
export class CameraRepository {
  /** Cameras owned by the given organisations, optionally only those of some places or a commitment. */
  cameras(
    manager: EntityManager,
    organisationIds: readonly string[],
    filter: { placeId?: string; commitmentId?: string } = {},
  ): Promise<CameraRow[]> {
    if (organisationIds.length === 0) return Promise.resolve([]);
    const params: unknown[] = [[...organisationIds]];
    const where = ['c.organisation_id = ANY($1::uuid[])'];
    if (filter.placeId !== undefined) {
      params.push(filter.placeId);
      where.push(`c.place_id = $${params.length}`);
    }
    if (filter.commitmentId !== undefined) {
      params.push(filter.commitmentId);
      where.push(`c.commitment_id = $${params.length}`);
    }
    return manager.query(
      `SELECT ${CAMERA_COLUMNS} FROM camera c JOIN place p ON p.id = c.place_id
        WHERE ${where.join(' AND ')} ORDER BY c.name, c.id`,
      params,
    );
  }

  /** The cameras serving a commitment, whoever owns them (the yearly follow-up counts them). */
  camerasServing(manager: EntityManager, commitmentId: string): Promise<CameraRow[]> {
    return manager.query(
      `SELECT ${CAMERA_COLUMNS} FROM camera c JOIN place p ON p.id = c.place_id
        WHERE c.commitment_id = $1 ORDER BY c.name, c.id`,
      [commitmentId],
    );
  }

  async camera(manager: EntityManager, id: string, lock = false): Promise<CameraRow | null> {
    const rows: CameraRow[] = await manager.query(
      `SELECT ${CAMERA_COLUMNS} FROM camera c JOIN place p ON p.id = c.place_id WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The area of a place, or null when there is no such place. */
  async placeArea(manager: EntityManager, placeId: string): Promise<string | null> {
    const rows: { areaId: string }[] = await manager.query(`SELECT area_id AS "areaId" FROM place WHERE id = $1`, [
      placeId,
    ]);
    return rows[0]?.areaId ?? null;
  }

  /** The partnership of a commitment, or null. */
  async commitmentPartnership(manager: EntityManager, commitmentId: string): Promise<string | null> {
    const rows: { partnershipId: string }[] = await manager.query(
      `SELECT partnership_id AS "partnershipId" FROM commitment WHERE id = $1`,
      [commitmentId],
    );
    return rows[0]?.partnershipId ?? null;
  }

  outages(manager: EntityManager, cameraIds: readonly string[]): Promise<CameraOutage[]> {
    if (cameraIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT id, camera_id AS "cameraId", to_char(started_on, 'YYYY-MM-DD') AS "startedOn",
              to_char(ended_on, 'YYYY-MM-DD') AS "endedOn", note, recorded_by AS "recordedBy", created_at AS "createdAt"
         FROM camera_outage WHERE camera_id = ANY($1::uuid[]) ORDER BY started_on DESC, id`,
      [[...cameraIds]],
    );
  }

  async outage(manager: EntityManager, id: string): Promise<CameraOutage | null> {
    const rows: CameraOutage[] = await manager.query(
      `SELECT id, camera_id AS "cameraId", to_char(started_on, 'YYYY-MM-DD') AS "startedOn",
              to_char(ended_on, 'YYYY-MM-DD') AS "endedOn", note, recorded_by AS "recordedBy", created_at AS "createdAt"
         FROM camera_outage WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async saveCamera(manager: EntityManager, camera: Partial<Camera>): Promise<string> {
    const saved = await manager.save(manager.create(Camera, camera));
    return saved.id;
  }

  async saveOutage(manager: EntityManager, outage: Partial<CameraOutage>): Promise<string> {
    const saved = await manager.save(manager.create(CameraOutage, outage));
    return saved.id;
  }

  /** Whether the caller is a member of a case of its own organisation (a footage request may cite it). */
  async memberOfOwnCase(
    manager: EntityManager,
    caseId: string,
    organisationId: string,
    userId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM case_file c JOIN case_member m ON m.case_id = c.id AND m.user_id = $3
        WHERE c.id = $1 AND c.owner_organisation_id = $2`,
      [caseId, organisationId, userId],
    );
    return rows.length > 0;
  }

  /** Requests the organisation made or received, newest first. */
  footageRequests(
    manager: EntityManager,
    organisationId: string,
    filter: FootageRequestFilter,
    limit: number,
  ): Promise<FootageRequest[]> {
    const where: Record<string, unknown>[] = [
      { ownerOrganisationId: organisationId },
      { requestingOrganisationId: organisationId },
    ];
    const extra: Record<string, unknown> = {};
    if (filter.cameraId !== undefined) extra.cameraId = filter.cameraId;
    if (filter.statuses !== undefined && filter.statuses.length > 0) extra.status = In([...filter.statuses]);
    return manager.find(FootageRequest, {
      where: where.map((w) => ({ ...w, ...extra })),
      order: { requestedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  footageRequest(manager: EntityManager, id: string, lock = false): Promise<FootageRequest | null> {
    return manager.findOne(FootageRequest, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  async saveRequest(manager: EntityManager, request: Partial<FootageRequest>): Promise<FootageRequest> {
    return manager.save(manager.create(FootageRequest, request));
  }

  async addEvent(manager: EntityManager, event: Partial<FootageRequestEvent>): Promise<void> {
    await manager.insert(FootageRequestEvent, event);
  }

  events(manager: EntityManager, requestIds: readonly string[]): Promise<FootageRequestEvent[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return manager.find(FootageRequestEvent, {
      where: { requestId: In([...requestIds]) },
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  /** Requests received per camera in a calendar year (Europe/Stockholm) and how many were handed over. */
  async footageCounts(manager: EntityManager, cameraIds: readonly string[], year: number): Promise<FootageCounts[]> {
    if (cameraIds.length === 0) return [];
    const rows: { cameraId: string; received: string; handedOver: string }[] = await manager.query(
      `SELECT camera_id AS "cameraId", count(*) AS received,
              count(*) FILTER (WHERE status IN ('HANDED_OVER', 'PARTLY_HANDED_OVER')) AS "handedOver"
         FROM footage_request
        WHERE camera_id = ANY($1::uuid[])
          AND requested_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Europe/Stockholm')
          AND requested_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Europe/Stockholm')
        GROUP BY camera_id`,
      [[...cameraIds], year],
    );
    return rows.map((r) => ({ cameraId: r.cameraId, received: Number(r.received), handedOver: Number(r.handedOver) }));
  }
}
