import { describe, expect, it } from 'vitest';
import type { PartnershipTopology } from '../../src/access/access';
import type { Principal } from '../../src/access/principal';
import { OrganisationKind, Role } from '../../src/access/roles';
import { requireTrainingSessionAccess, trainingSessionScope } from '../../src/access/training-session-access';
import { ErrorCode } from '../../src/shared/errors';

const DANDERYD = '00000000-0000-4000-8000-00000000000b';
const POLICE = '00000000-0000-4000-8000-00000000000a';
const TABY = '00000000-0000-4000-8000-00000000000c';
const PARTNERSHIP = '33333333-3333-4333-8333-333333333333';
const OTHER_PARTNERSHIP = '33333333-3333-4333-8333-444444444444';

const topology: PartnershipTopology[] = [
  { partnershipId: PARTNERSHIP, organisationIds: [DANDERYD, POLICE], areaIds: [] },
  { partnershipId: OTHER_PARTNERSHIP, organisationIds: [TABY, POLICE], areaIds: [] },
];

function coordinator(roles: Role[] = [Role.TRAINING_COORDINATOR]): Principal {
  return {
    userId: '11111111-1111-4111-8111-111111111111',
    organisationId: DANDERYD,
    organisationKind: OrganisationKind.SOCIAL_SERVICES,
    roles,
    sessionId: '22222222-2222-4222-8222-222222222222',
    sessionHash: 'f'.repeat(64),
    partnershipIds: [PARTNERSHIP],
    partnershipOrganisationIds: [DANDERYD, POLICE],
  };
}

const session = (organisationId: string, joint: boolean) => ({
  id: '55555555-5555-4555-8555-555555555555',
  organisationId,
  joint,
});

const code = (f: () => unknown): unknown => {
  try {
    f();
    return 'no error';
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
};

describe('trainingSessionScope', () => {
  it("reads the own organisation's sessions and joint ones of its partners only", () => {
    const s = trainingSessionScope(coordinator(), topology);
    expect(s.scope.organisationIds).toEqual([DANDERYD]);
    expect(s.jointOrganisationIds).toEqual([POLICE]);
  });

  it('denies a role without TRAINING_MANAGE', () => {
    expect(code(() => trainingSessionScope(coordinator([Role.SOCIAL_WORKER]), topology))).toBe(ErrorCode.FORBIDDEN);
    expect(code(() => trainingSessionScope(undefined, topology))).toBe(ErrorCode.UNAUTHENTICATED);
  });
});

describe('requireTrainingSessionAccess (own vs partner session)', () => {
  it("allows the own organisation's sessions and a partner's joint session", () => {
    const own = session(DANDERYD, false);
    const joint = session(POLICE, true);
    expect(requireTrainingSessionAccess(coordinator(), topology, [own, joint])).toEqual([own, joint]);
  });

  it("answers NOT_FOUND for a partner's own session, a session of an organisation outside the partnerships and a missing one", () => {
    expect(code(() => requireTrainingSessionAccess(coordinator(), topology, [session(POLICE, false)]))).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(code(() => requireTrainingSessionAccess(coordinator(), topology, [session(TABY, true)]))).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(code(() => requireTrainingSessionAccess(coordinator(), topology, [null]))).toBe(ErrorCode.NOT_FOUND);
  });

  it('denies a caller without TRAINING_MANAGE even its own session', () => {
    expect(
      code(() => requireTrainingSessionAccess(coordinator([Role.SOCIAL_WORKER]), topology, [session(DANDERYD, false)])),
    ).toBe(ErrorCode.FORBIDDEN);
  });
});
