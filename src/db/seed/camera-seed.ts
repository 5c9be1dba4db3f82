import type { EntityManager } from 'typeorm';
import {
  Camera,
  CameraOutage,
  FootageRequest,
  FootageRequestEvent,
  FootageRequestStatus,
  FootageRequestStep,
} from '../../modules/cameras/camera.entities';
import { Commitment, Place } from '../../modules/prevention/prevention.entities';

interface SeedRequest {
  camera: 0 | 1;
  /** Start of the window, Swedish local time as UTC for simplicity of reading: the instant is what counts. */
  windowStart: string;
  hours: number;
  reason: string;
  incidentNumber: string | null;
  /** Requested this many hours after the window ended. */
  after: number;
  outcome: FootageRequestStatus;
  note: string | null;
}

const CAMERAS = [
  {
    name: 'Vendevägen, busshållplatsen',
    coverage: 'Busshållplatsen Vendevägen och trottoaren mellan Vendevägen 1 och 9.',
    permitReference: 'KS 2022/0147',
    permitDecidedOn: '2022-11-15',
    permitValidUntil: '2029-11-30',
    permitConditions:
      'Bevakning dygnet runt. Inspelat material sparas i högst 14 dagar och lämnas endast ut till Polismyndigheten. ' +
      'Skyltning vid båda infarterna. Ingen ljudupptagning. Fönster och entréer till bostäder maskeras.',
    retentionDays: 14,
    operatingSince: '2023-01-09',
  },
  {
    name: 'Vendevägen, gångtunneln',
    coverage: 'Gångtunneln under Vendevägen mot Mörby centrum, båda mynningarna.',
    permitReference: 'KS 2023/0391',
    permitDecidedOn: '2023-09-20',
    permitValidUntil: '2027-02-15',
    permitConditions:
      'Bevakning kl. 18–06. Inspelat material sparas i högst 14 dagar. Skyltning vid båda mynningarna. Ingen ljudupptagning.',
    retentionDays: 14,
    operatingSince: '2023-10-02',
  },
] as const;

const OUTAGES = [
  { camera: 0, startedOn: '2024-06-03', endedOn: '2024-06-05', note: 'Strömavbrott i området.' },
  { camera: 1, startedOn: '2025-03-10', endedOn: '2025-03-24', note: 'Kamerahuset skadat; kameran utbytt.' },
] as const;

const REQUESTS: readonly SeedRequest[] = [
  {
    camera: 0,
    windowStart: '2024-02-17T21:00:00Z',
    hours: 3,
    reason: 'Misshandel vid busshållplatsen; gärningspersonens flyktväg.',
    incidentNumber: '5000-K23145-24',
    after: 40,
    outcome: FootageRequestStatus.HANDED_OVER,
    note: null,
  },
  {
    camera: 1,
    windowStart: '2024-09-06T22:00:00Z',
    hours: 4,
    reason: 'Rån i gångtunneln.',
    incidentNumber: '5000-K98812-24',
    after: 30,
    outcome: FootageRequestStatus.HANDED_OVER,
    note: null,
  },
  {
    camera: 0,
    windowStart: '2024-11-29T15:00:00Z',
    hours: 2,
    reason: 'Skadegörelse på väntkur.',
    incidentNumber: null,
    after: 60,
    outcome: FootageRequestStatus.REFUSED,
    note: 'Skadegörelse på kommunens egendom hanteras genom kommunens egen anmälan; inget brott mot person.',
  },
  {
    camera: 1,
    windowStart: '2025-01-24T23:00:00Z',
    hours: 3,
    reason: 'Hot och ofredande mot ungdomar i gångtunneln.',
    incidentNumber: '5000-K10233-25',
    after: 20,
    outcome: FootageRequestStatus.HANDED_OVER,
    note: null,
  },
  {
    camera: 1,
    windowStart: '2025-03-22T20:00:00Z',
    hours: 4,
    reason: 'Misshandel vid tunnelns norra mynning.',
    incidentNumber: '5000-K33871-25',
    after: 24,
    outcome: FootageRequestStatus.PARTLY_HANDED_OVER,
    note: 'Kameran var ur funktion till och med 24 mars; material finns bara från busshållplatsens kamera för samma tid.',
  },
  {
    camera: 0,
    windowStart: '2025-08-15T19:00:00Z',
    hours: 5,
    reason: 'Rån mot person som väntade på bussen.',
    incidentNumber: '5000-K71002-25',
    after: 16,
    outcome: FootageRequestStatus.HANDED_OVER,
    note: null,
  },
  {
    camera: 0,
    windowStart: '2026-05-02T22:00:00Z',
    hours: 3,
    reason: 'Grov misshandel; vittnen uppger att gärningspersonerna gick mot Mörby centrum.',
    incidentNumber: '5000-K40551-26',
    after: 30,
    outcome: FootageRequestStatus.HANDED_OVER,
    note: null,
  },
];

/**
 * The demo's cameras at Vendevägen: owned by Danderyd's safety function, serving the commitment
 * "Kamerabevakning vid Vendevägen", with outages and the police's footage requests 2024–2026.
 * Seeded only when no camera exists yet.
 */
export async function seedCameras(
  manager: EntityManager,
  input: {
    safetyFunction: { organisationId: string; userId: string };
    police: { organisationId: string; userId: string };
    areaId: string;
  },
): Promise<number> {
  if ((await manager.count(Camera)) > 0) return 0;
  const place = await manager.findOneOrFail(Place, { where: { areaId: input.areaId, name: 'Vendevägen' } });
  const commitment = await manager.findOne(Commitment, { where: { title: 'Kamerabevakning vid Vendevägen' } });
  const cameras: Camera[] = [];
  for (const c of CAMERAS) {
    cameras.push(
      await manager.save(
        manager.create(Camera, {
          ...c,
          organisationId: input.safetyFunction.organisationId,
          placeId: place.id,
          commitmentId: commitment?.id ?? null,
          decommissionedOn: null,
          createdBy: input.safetyFunction.userId,
        }),
      ),
    );
  }
  for (const o of OUTAGES)
    await manager.insert(CameraOutage, {
      cameraId: cameras[o.camera].id,
      startedOn: o.startedOn,
      endedOn: o.endedOn,
      note: o.note,
      recordedBy: input.safetyFunction.userId,
    });
  for (const r of REQUESTS) {
    const windowStart = new Date(r.windowStart);
    const windowEnd = new Date(windowStart.getTime() + r.hours * 3_600_000);
    const requestedAt = new Date(windowEnd.getTime() + r.after * 3_600_000);
    const decidedAt = new Date(requestedAt.getTime() + 26 * 3_600_000);
    const saved = await manager.save(
      manager.create(FootageRequest, {
        cameraId: cameras[r.camera].id,
        ownerOrganisationId: input.safetyFunction.organisationId,
        requestingOrganisationId: input.police.organisationId,
        requestedBy: input.police.userId,
        windowStart,
        windowEnd,
        reason: r.reason,
        caseId: null,
        incidentNumber: r.incidentNumber,
        status: r.outcome,
        decidedAt,
        decidedBy: input.safetyFunction.userId,
        decisionNote: r.note,
        requestedAt,
      }),
    );
    await manager.insert(FootageRequestEvent, [
      {
        requestId: saved.id,
        step: FootageRequestStep.REQUESTED,
        status: FootageRequestStatus.REQUESTED,
        actorUserId: input.police.userId,
        actorOrganisationId: input.police.organisationId,
        note: null,
        at: requestedAt,
      },
      {
        requestId: saved.id,
        step: FootageRequestStep.DECIDED,
        status: r.outcome,
        actorUserId: input.safetyFunction.userId,
        actorOrganisationId: input.safetyFunction.organisationId,
        note: r.note,
        at: decidedAt,
      },
    ]);
  }
  return cameras.length;
}
