import { describe, expect, it } from 'vitest';
import {
  cameraAccess,
  CameraOperation,
  footageRequestAccess,
  FootageRequestOperation,
} from '../../src/access/camera-access';
import type { Principal } from '../../src/access/principal';
import { OrganisationKind, Role } from '../../src/access/roles';
import {
  cameraStatus,
  CameraStatus,
  daysInOperation,
  outageDuring,
  permitStatus,
  PermitStatus,
} from '../../src/modules/cameras/camera-operation';

const camera = {
  operatingSince: '2024-03-01',
  decommissionedOn: null,
  permitDecidedOn: '2024-01-15',
  permitValidUntil: '2026-06-30',
};

describe('permit status', () => {
  it('is NOT_YET_VALID before the decision, VALID, EXPIRES_SOON within 90 days of its end (inclusive), EXPIRED after', () => {
    expect(permitStatus(camera, '2024-01-14')).toBe(PermitStatus.NOT_YET_VALID);
    expect(permitStatus(camera, '2024-01-15')).toBe(PermitStatus.VALID);
    expect(permitStatus(camera, '2026-03-31')).toBe(PermitStatus.VALID); // 91 days before its last day
    expect(permitStatus(camera, '2026-04-01')).toBe(PermitStatus.EXPIRES_SOON); // 90 days before
    expect(permitStatus(camera, '2026-06-30')).toBe(PermitStatus.EXPIRES_SOON);
    expect(permitStatus(camera, '2026-07-01')).toBe(PermitStatus.EXPIRED);
  });
});

describe('camera status and days in operation', () => {
  const outages = [
    { startedOn: '2025-02-10', endedOn: '2025-02-12' },
    { startedOn: '2025-02-12', endedOn: '2025-02-20' }, // overlaps the first: counted once
    { startedOn: '2025-12-30', endedOn: '2026-01-05' }, // crosses the year
  ];

  it('counts the days of the year from the start of operation, less the outages, up to today', () => {
    expect(daysInOperation(camera, [], 2024, '2024-12-31')).toBe(306); // 1 March – 31 December (leap year)
    expect(daysInOperation(camera, outages, 2025, '2025-12-31')).toBe(365 - 11 - 2);
    expect(daysInOperation(camera, outages, 2026, '2026-01-10')).toBe(10 - 5);
    expect(daysInOperation(camera, [], 2023, '2026-01-10')).toBe(0); // before operation
    expect(daysInOperation({ ...camera, decommissionedOn: '2025-01-31' }, [], 2025, '2025-12-31')).toBe(31);
    // An open outage lasts until today.
    expect(daysInOperation(camera, [{ startedOn: '2025-12-01', endedOn: null }], 2025, '2025-12-10')).toBe(334 - 0);
  });

  it('is OUT_OF_ORDER while an outage covers today, NOT_STARTED before, DECOMMISSIONED after', () => {
    expect(cameraStatus(camera, outages, '2025-02-15')).toBe(CameraStatus.OUT_OF_ORDER);
    expect(cameraStatus(camera, outages, '2025-02-21')).toBe(CameraStatus.IN_OPERATION);
    expect(cameraStatus(camera, [{ startedOn: '2025-02-21', endedOn: null }], '2025-03-21')).toBe(
      CameraStatus.OUT_OF_ORDER,
    );
    expect(cameraStatus(camera, [], '2024-02-01')).toBe(CameraStatus.NOT_STARTED);
    expect(cameraStatus({ ...camera, decommissionedOn: '2025-01-31' }, [], '2025-02-01')).toBe(
      CameraStatus.DECOMMISSIONED,
    );
  });

  it('flags a window that an outage overlaps', () => {
    expect(outageDuring(outages, '2025-02-20', '2025-02-21')).toBe(true);
    expect(outageDuring(outages, '2025-02-21', '2025-02-22')).toBe(false);
    expect(outageDuring([{ startedOn: '2025-03-01', endedOn: null }], '2025-04-01', '2025-04-01')).toBe(true);
  });
});

describe('camera access', () => {
  const SAFETY = '00000000-0000-4000-8000-000000000001';
  const POLICE = '00000000-0000-4000-8000-000000000002';
  const SOCIAL = '00000000-0000-4000-8000-000000000003';
  const OTHER_SAFETY = '00000000-0000-4000-8000-000000000004';
  const AREA = '00000000-0000-4000-8000-0000000000a1';
  const OTHER_AREA = '00000000-0000-4000-8000-0000000000a2';
  const topology = [{ partnershipId: 'p1', organisationIds: [SAFETY, POLICE, SOCIAL], areaIds: [AREA] }];
  const who = (organisationId: string, roles: Role[]): Principal => ({
    userId: `u-${organisationId}`,
    organisationId,
    organisationKind: OrganisationKind.POLICE,
    roles,
    sessionId: 's',
    sessionHash: 'h',
    partnershipIds: topology.filter((p) => p.organisationIds.includes(organisationId)).map((p) => p.partnershipId),
    partnershipOrganisationIds: [SAFETY, POLICE, SOCIAL],
  });
  const cam = { organisationId: SAFETY, areaId: AREA };
  const coordinator = who(SAFETY, [Role.SAFETY_COORDINATOR]);
  const liaison = who(POLICE, [Role.POLICE_LIAISON]);
  const social = who(SOCIAL, [Role.SOCIAL_WORKER]);
  const auditor = who(POLICE, [Role.AUDITOR]);

  it('the owner reads and manages; the partner police read and request; nobody else anything', () => {
    const ops = Object.values(CameraOperation);
    const grid = (p: Principal, c = cam) => ops.map((op) => cameraAccess(p, c, op, topology));
    expect(grid(coordinator)).toEqual([true, true, false]);
    expect(grid(liaison)).toEqual([true, false, true]);
    expect(grid(social)).toEqual([false, false, false]);
    expect(grid(auditor)).toEqual([false, false, false]);
    expect(grid(who(OTHER_SAFETY, [Role.SAFETY_COORDINATOR]))).toEqual([false, false, false]);
    // A camera outside the partnership's areas is not the police's to see.
    expect(grid(liaison, { organisationId: SAFETY, areaId: OTHER_AREA })).toEqual([false, false, false]);
    expect(cameraAccess(undefined, cam, CameraOperation.READ, topology)).toBe(false);
    expect(cameraAccess(liaison, null, CameraOperation.READ, topology)).toBe(false);
  });

  it('a request is read by both sides (auditors included), decided by the owner, withdrawn and linked to a case by the requester', () => {
    const request = { ownerOrganisationId: SAFETY, requestingOrganisationId: POLICE };
    const ops = Object.values(FootageRequestOperation);
    const grid = (p: Principal) => ops.map((op) => footageRequestAccess(p, request, op));
    expect(grid(coordinator)).toEqual([true, true, false, false]);
    expect(grid(liaison)).toEqual([true, false, true, true]);
    expect(grid(auditor)).toEqual([true, false, false, true]);
    expect(grid(who(SAFETY, [Role.AUDITOR]))).toEqual([true, false, false, false]);
    expect(grid(social)).toEqual([false, false, false, false]);
    expect(grid(who(SOCIAL, [Role.AUDITOR]))).toEqual([false, false, false, false]);
  });
});
