import { describe, expect, it } from 'vitest';
import { IndicatorTableKind, indicatorTableKind } from '../../src/access/indicator-access';
import type { Principal } from '../../src/access/principal';
import { OrganisationKind, Role } from '../../src/access/roles';
import { ErrorCode } from '../../src/shared/errors';

const DANDERYD = '00000000-0000-4000-8000-00000000000b';
const POLICE = '00000000-0000-4000-8000-00000000000a';

function principal(roles: Role[], organisationId = DANDERYD): Principal {
  return {
    userId: '11111111-1111-4111-8111-111111111111',
    organisationId,
    organisationKind: organisationId === POLICE ? OrganisationKind.POLICE : OrganisationKind.SOCIAL_SERVICES,
    roles,
    sessionId: '22222222-2222-4222-8222-222222222222',
    sessionHash: 'f'.repeat(64),
    partnershipIds: ['33333333-3333-4333-8333-333333333333'],
    partnershipOrganisationIds: [DANDERYD, POLICE],
  };
}

const code = (f: () => unknown): unknown => {
  try {
    f();
    return 'no error';
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
};

describe('indicatorTableKind (exact vs protected table)', () => {
  it("reads an indicator of the caller's own kind of organisation as exact figures", () => {
    expect(indicatorTableKind(principal([Role.SOCIAL_WORKER]), OrganisationKind.SOCIAL_SERVICES)).toBe(
      IndicatorTableKind.EXACT,
    );
    expect(indicatorTableKind(principal([Role.POLICE_LIAISON], POLICE), OrganisationKind.POLICE)).toBe(
      IndicatorTableKind.EXACT,
    );
  });

  it("reads the other kind's indicator only as the protected table", () => {
    expect(indicatorTableKind(principal([Role.SOCIAL_WORKER]), OrganisationKind.POLICE)).toBe(
      IndicatorTableKind.PROTECTED,
    );
    expect(indicatorTableKind(principal([Role.POLICE_LIAISON], POLICE), OrganisationKind.SOCIAL_SERVICES)).toBe(
      IndicatorTableKind.PROTECTED,
    );
  });

  it('denies a caller without the capability the table needs, and an anonymous one', () => {
    for (const role of [Role.TRAINING_COORDINATOR, Role.AUDITOR, Role.ADMIN]) {
      expect(code(() => indicatorTableKind(principal([role]), OrganisationKind.SOCIAL_SERVICES))).toBe(
        ErrorCode.FORBIDDEN,
      );
      expect(code(() => indicatorTableKind(principal([role]), OrganisationKind.POLICE))).toBe(ErrorCode.FORBIDDEN);
    }
    expect(code(() => indicatorTableKind(undefined, OrganisationKind.POLICE))).toBe(ErrorCode.UNAUTHENTICATED);
  });
});
