import { describe, expect, it } from 'vitest';
import {
  allowedSubset,
  hasCapability,
  organisationScope,
  requireAccess,
  requireCapability,
  type OrganisationScope,
  type Owned,
} from '../../src/access/access';
import { Capability, scopeOf, Scope } from '../../src/access/policy';
import type { Principal } from '../../src/access/principal';
import { OrganisationKind, Role } from '../../src/access/roles';
import { assertNoUndefined, assertScope } from '../../src/db/scoped-repository';
import { AppError, ErrorCode } from '../../src/shared/errors';

const {
  SOCIAL_WORKER: SW,
  POLICE_LIAISON: PL,
  TRAINING_COORDINATOR: TC,
  AUDITOR: AUD,
  ADMIN,
  SAFETY_COORDINATOR: SC,
  PARTNER_CONTACT: PC,
} = Role;
const O = Scope.OWN;
const P = Scope.PARTNERSHIP;
const SELF = Scope.SELF;
const MEM = Scope.MEMBERSHIP;

/**
 * DESIGN.md's access table, written out by hand (not derived from POLICY): capability → the scope
 * of each role, `null` where the table says "–". A capability added to the enum without a row here
 * fails the completeness test below. The comments give DESIGN.md's five columns; the last two
 * (SAFETY_COORDINATOR, PARTNER_CONTACT) are the table of docs/provisioning.md:
 * reference data P P; places P –; record activities O O; read activities P (O + shared) and O; nothing else.
 */
const EXPECTED: Record<Capability, Record<Role, Scope | null>> = {
  // Not a row of the table: open to anyone, even without a session; no role "holds" it.
  [Capability.PUBLIC]: { [SW]: null, [PL]: null, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // Not a row of the table: the caller's own session (me, logout) — every role, own record only.
  [Capability.SESSION_SELF]: { [SW]: SELF, [PL]: SELF, [TC]: SELF, [AUD]: SELF, [ADMIN]: SELF, [SC]: SELF, [PC]: SELF },
  // read partnerships, areas, places, commitments: P P P O O
  [Capability.REFERENCE_READ]: { [SW]: P, [PL]: P, [TC]: P, [AUD]: O, [ADMIN]: O, [SC]: P, [PC]: P },
  // create/edit commitments and their follow-up: P P – – –
  [Capability.COMMITMENT_WRITE]: { [SW]: P, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // Not a row of DESIGN.md's table: places of the partnership's areas are kept by the partnership's
  // practitioners (issue 4) — like commitments: P P – – –
  [Capability.PLACE_WRITE]: { [SW]: P, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: P, [PC]: null },
  // record/edit prevention activities: O O – – –
  [Capability.ACTIVITY_WRITE]: { [SW]: O, [PL]: O, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: O, [PC]: O },
  // read prevention activities: O + those shared with P (the record's sharing narrows P, tested below)
  [Capability.ACTIVITY_READ]: { [SW]: P, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: P, [PC]: O },
  // read own training record: self for every role
  [Capability.TRAINING_SELF_READ]: {
    [SW]: SELF,
    [PL]: SELF,
    [TC]: SELF,
    [AUD]: SELF,
    [ADMIN]: SELF,
    [SC]: SELF,
    [PC]: SELF,
  },
  // manage courses, sessions, enrolments, requirements, staff register: – – O – –
  [Capability.TRAINING_MANAGE]: { [SW]: null, [PL]: null, [TC]: O, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // training coverage and expiry reports: – – O – –
  [Capability.TRAINING_REPORT]: { [SW]: null, [PL]: null, [TC]: O, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // record detection data: O O – – –
  [Capability.DETECTION_RECORD]: { [SW]: O, [PL]: O, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // read own organisation's unprotected indicator figures: O O – – –
  [Capability.INDICATOR_READ_OWN]: { [SW]: O, [PL]: O, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // read protected shared indicator tables: P P – – –
  [Capability.INDICATOR_READ_PROTECTED]: {
    [SW]: P,
    [PL]: P,
    [TC]: null,
    [AUD]: null,
    [ADMIN]: null,
    [SC]: null,
    [PC]: null,
  },
  // create cases: O O – – –
  [Capability.CASE_CREATE]: { [SW]: O, [PL]: O, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // read/work a case: members only
  [Capability.CASE_READ]: { [SW]: MEM, [PL]: MEM, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // break-the-glass on a case of own org: O O – – –
  [Capability.CASE_BREAK_GLASS]: { [SW]: O, [PL]: O, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // Issue #24: a legal hold on a case, decided by the owner organisation's members of the case
  [Capability.CASE_LEGAL_HOLD]: {
    [SW]: MEM,
    [PL]: MEM,
    [TC]: null,
    [AUD]: null,
    [ADMIN]: null,
    [SC]: null,
    [PC]: null,
  },
  // break-glass review queue (part of "read audit log, log extracts, break-glass review"): – – – O –
  [Capability.BREAK_GLASS_REVIEW]: {
    [SW]: null,
    [PL]: null,
    [TC]: null,
    [AUD]: O,
    [ADMIN]: null,
    [SC]: null,
    [PC]: null,
  },
  // read audit log, log extracts, break-glass review: – – – O –
  [Capability.AUDIT_READ]: { [SW]: null, [PL]: null, [TC]: null, [AUD]: O, [ADMIN]: null, [SC]: null, [PC]: null },
  // manage users, roles, sessions: – – – – O
  [Capability.USER_MANAGE]: { [SW]: null, [PL]: null, [TC]: null, [AUD]: null, [ADMIN]: O, [SC]: null, [PC]: null },
  // Not a row of DESIGN.md's table (docs/provisioning.md): an admin closes a partnership of its own
  // organisation once its end date has come — reference data, not content: – – – – O – –
  [Capability.PARTNERSHIP_CLOSE]: {
    [SW]: null,
    [PL]: null,
    [TC]: null,
    [AUD]: null,
    [ADMIN]: O,
    [SC]: null,
    [PC]: null,
  },
  // Cameras (docs/cameras.md): the safety function runs them; the partner police request footage;
  // the auditors of both organisations follow every request.
  [Capability.CAMERA_READ]: { [SW]: null, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: O, [PC]: null },
  [Capability.CAMERA_MANAGE]: { [SW]: null, [PL]: null, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: O, [PC]: null },
  [Capability.FOOTAGE_REQUEST]: { [SW]: null, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  [Capability.FOOTAGE_DECIDE]: { [SW]: null, [PL]: null, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: O, [PC]: null },
  [Capability.FOOTAGE_READ]: { [SW]: null, [PL]: O, [TC]: null, [AUD]: O, [ADMIN]: null, [SC]: O, [PC]: null },
  // issue #22, "my work": one's own tasks and actions — the content roles, each for themselves
  [Capability.MY_WORK]: { [SW]: SELF, [PL]: SELF, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: SELF, [PC]: SELF },
  [Capability.MY_NOTIFICATIONS]: {
    [SW]: SELF,
    [PL]: SELF,
    [TC]: null,
    [AUD]: SELF,
    [ADMIN]: null,
    [SC]: SELF,
    [PC]: SELF,
  },
  // issue #22, multi-agency meetings of the partnership: the case workers (case items by case access)
  [Capability.MEETING_WORK]: { [SW]: P, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: null, [PC]: null },
  // Issue #23: the joint yearly report of a partnership: SW, PL, SC and TC of the partnership.
  [Capability.PARTNERSHIP_REPORT_READ]: {
    [SW]: P,
    [PL]: P,
    [TC]: P,
    [AUD]: null,
    [ADMIN]: null,
    [SC]: P,
    [PC]: null,
  },
  // Issue #23: safety surveys and commitment targets: SW, PL and SC of the partnership.
  [Capability.EFFECT_RECORD]: { [SW]: P, [PL]: P, [TC]: null, [AUD]: null, [ADMIN]: null, [SC]: P, [PC]: null },
};

/** Capabilities over content (activities, detection data, cases, training records): never ADMIN's. */
const CONTENT_CAPABILITIES: readonly Capability[] = [
  Capability.COMMITMENT_WRITE,
  Capability.PLACE_WRITE,
  Capability.ACTIVITY_WRITE,
  Capability.ACTIVITY_READ,
  Capability.PARTNERSHIP_REPORT_READ,
  Capability.EFFECT_RECORD,
  Capability.TRAINING_MANAGE,
  Capability.TRAINING_REPORT,
  Capability.DETECTION_RECORD,
  Capability.INDICATOR_READ_OWN,
  Capability.INDICATOR_READ_PROTECTED,
  Capability.CASE_CREATE,
  Capability.CASE_READ,
  Capability.CASE_BREAK_GLASS,
  Capability.CASE_LEGAL_HOLD,
  Capability.MY_WORK,
  Capability.MEETING_WORK,
  Capability.BREAK_GLASS_REVIEW,
  Capability.AUDIT_READ,
  Capability.CAMERA_READ,
  Capability.CAMERA_MANAGE,
  Capability.FOOTAGE_REQUEST,
  Capability.FOOTAGE_DECIDE,
  Capability.FOOTAGE_READ,
];

const ORG_POLICE = '00000000-0000-4000-8000-00000000000a';
const ORG_DANDERYD = '00000000-0000-4000-8000-00000000000b';
const ORG_TABY = '00000000-0000-4000-8000-00000000000c';
const ORG_ELSEWHERE = '00000000-0000-4000-8000-00000000000d';

function principal(roles: Role[], overrides: Partial<Principal> = {}): Principal {
  return {
    userId: '11111111-1111-4111-8111-111111111111',
    organisationId: ORG_DANDERYD,
    organisationKind: OrganisationKind.SOCIAL_SERVICES,
    roles,
    sessionId: '22222222-2222-4222-8222-222222222222',
    sessionHash: 'f'.repeat(64),
    partnershipIds: ['33333333-3333-4333-8333-333333333333'],
    partnershipOrganisationIds: [ORG_DANDERYD, ORG_POLICE],
    ...overrides,
  };
}

const rec = (id: string, organisationId: string, extra: Partial<Owned> = {}): Owned => ({
  id,
  organisationId,
  ...extra,
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('policy table (DESIGN.md, "Access policy")', () => {
  it('the expected table covers every capability and every role', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.values(Capability).sort());
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row).sort()).toEqual(Object.values(Role).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([cap, row]) =>
    Object.entries(row).map(([role, scope]) => ({ cap: cap as Capability, role: role as Role, scope })),
  );
  it.each(cases)('scopeOf([$role], $cap) = $scope', ({ cap, role, scope }) => {
    expect(scopeOf([role], cap)).toBe(scope);
  });

  it.each(cases)('requireCapability / hasCapability agree with the table for $role on $cap', ({ cap, role, scope }) => {
    const caller = principal([role]);
    if (cap === Capability.PUBLIC) {
      expect(requireCapability(caller, cap)).toBe(Scope.ANY);
      expect(hasCapability(caller, cap)).toBe(true);
    } else if (scope === null) {
      const error = thrown(() => requireCapability(caller, cap));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.FORBIDDEN);
      expect(hasCapability(caller, cap)).toBe(false);
    } else {
      expect(requireCapability(caller, cap)).toBe(scope);
      expect(hasCapability(caller, cap)).toBe(true);
    }
  });

  it('ADMIN holds no content capability (and no audit access: separation of duties)', () => {
    for (const cap of CONTENT_CAPABILITIES) expect(scopeOf([ADMIN], cap), cap).toBeNull();
    // What ADMIN does have: user management, reference data of its organisation, its own session/record.
    const adminCaps = Object.values(Capability)
      .filter((c) => scopeOf([ADMIN], c) !== null)
      .sort();
    expect(adminCaps).toEqual(
      [
        Capability.PARTNERSHIP_CLOSE,
        Capability.REFERENCE_READ,
        Capability.SESSION_SELF,
        Capability.TRAINING_SELF_READ,
        Capability.USER_MANAGE,
      ].sort(),
    );
  });

  it('several roles get the broadest grant; no roles get nothing', () => {
    expect(scopeOf([AUD, TC], Capability.REFERENCE_READ)).toBe(P);
    expect(scopeOf([TC, AUD], Capability.REFERENCE_READ)).toBe(P);
    expect(scopeOf([TC, AUD], Capability.AUDIT_READ)).toBe(O);
    expect(scopeOf([], Capability.REFERENCE_READ)).toBeNull();
    expect(scopeOf([], Capability.SESSION_SELF)).toBeNull();
  });

  it('unknown roles and capabilities are denied, including names inherited from Object.prototype', () => {
    for (const bogus of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'SUPERUSER']) {
      expect(scopeOf([bogus as Role], Capability.USER_MANAGE), bogus).toBeNull();
      expect(hasCapability(principal([bogus as Role]), Capability.AUDIT_READ), bogus).toBe(false);
    }
    expect(hasCapability(principal([SW]), 'no.such.capability' as Capability)).toBe(false);
    expect(
      (thrown(() => requireCapability(principal([SW]), 'no.such.capability' as Capability)) as AppError).code,
    ).toBe(ErrorCode.FORBIDDEN);
  });

  it('no caller: UNAUTHENTICATED for everything but PUBLIC', () => {
    for (const cap of Object.values(Capability)) {
      if (cap === Capability.PUBLIC) {
        expect(requireCapability(undefined, cap)).toBe(Scope.ANY);
        continue;
      }
      expect((thrown(() => requireCapability(undefined, cap)) as AppError).code, cap).toBe(ErrorCode.UNAUTHENTICATED);
      expect(allowedSubset(undefined, cap, [rec('r', ORG_DANDERYD)])).toEqual([]);
    }
  });

  it('a principal whose roles cannot be read is denied, not crashed', () => {
    const broken = principal([SW]);
    Object.defineProperty(broken, 'roles', {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(hasCapability(broken, Capability.REFERENCE_READ)).toBe(false);
    expect((thrown(() => requireCapability(broken, Capability.REFERENCE_READ)) as AppError).code).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(allowedSubset(broken, Capability.REFERENCE_READ, [rec('r', ORG_DANDERYD)])).toEqual([]);
  });
});

describe('allowedSubset and requireAccess', () => {
  const sw = principal([SW]); // Danderyd social worker, partnership with the police
  const own = rec('own', ORG_DANDERYD);
  const partner = rec('partner', ORG_POLICE);
  const otherPartnership = rec('taby', ORG_TABY);
  const stranger = rec('stranger', ORG_ELSEWHERE);

  it("OWN: only records of the caller's organisation", () => {
    expect(allowedSubset(sw, Capability.ACTIVITY_WRITE, [own, partner, otherPartnership, stranger])).toEqual([own]);
  });

  it("PARTNERSHIP: own organisation and organisations of the caller's partnerships only", () => {
    expect(allowedSubset(sw, Capability.REFERENCE_READ, [own, partner, otherPartnership, stranger])).toEqual([
      own,
      partner,
    ]);
  });

  it('PARTNERSHIP with per-record sharing ("O + those shared with P"): unshared partner records are denied', () => {
    const unshared = rec('unshared', ORG_POLICE, { sharedWithOrganisationIds: [] });
    const shared = rec('shared', ORG_POLICE, { sharedWithOrganisationIds: [ORG_DANDERYD, ORG_POLICE] });
    const sharedElsewhere = rec('elsewhere', ORG_POLICE, { sharedWithOrganisationIds: [ORG_TABY] });
    const ownUnshared = rec('own-unshared', ORG_DANDERYD, { sharedWithOrganisationIds: [] });
    expect(allowedSubset(sw, Capability.ACTIVITY_READ, [unshared, shared, sharedElsewhere, ownUnshared])).toEqual([
      shared,
      ownUnshared,
    ]);
  });

  it("SELF: only the caller's own record", () => {
    const mine = rec('mine', ORG_DANDERYD, { userId: sw.userId });
    const colleague = rec('colleague', ORG_DANDERYD, { userId: '44444444-4444-4444-8444-444444444444' });
    const nobody = rec('nobody', ORG_DANDERYD, { userId: null });
    expect(allowedSubset(sw, Capability.TRAINING_SELF_READ, [mine, colleague, nobody])).toEqual([mine]);
  });

  it('MEMBERSHIP: only records listing the caller as member, whatever the organisation', () => {
    const member = rec('member', ORG_POLICE, { memberUserIds: ['x', sw.userId] });
    const notMember = rec('not-member', ORG_DANDERYD, { memberUserIds: ['x'] });
    const noMembers = rec('no-members', ORG_DANDERYD);
    expect(allowedSubset(sw, Capability.CASE_READ, [member, notMember, noMembers])).toEqual([member]);
  });

  it('a role without the capability gets nothing, even of its own organisation', () => {
    expect(allowedSubset(principal([ADMIN]), Capability.ACTIVITY_READ, [own])).toEqual([]);
    expect(
      allowedSubset(principal([TC]), Capability.CASE_READ, [rec('c', ORG_DANDERYD, { memberUserIds: [sw.userId] })]),
    ).toEqual([]);
  });

  it('an exception inside a check denies that record only', () => {
    const throwing = { id: 'boom' } as Owned;
    Object.defineProperty(throwing, 'organisationId', {
      get: () => {
        throw new Error('lazy relation not loaded');
      },
    });
    const throwingShare = rec('boom-share', ORG_POLICE);
    Object.defineProperty(throwingShare, 'sharedWithOrganisationIds', {
      get: () => {
        throw new Error('boom');
      },
    });
    const throwingMembers = rec('boom-members', ORG_DANDERYD);
    Object.defineProperty(throwingMembers, 'memberUserIds', {
      get: () => {
        throw new Error('boom');
      },
    });
    const throwingUser = rec('boom-user', ORG_DANDERYD);
    Object.defineProperty(throwingUser, 'userId', {
      get: () => {
        throw new Error('boom');
      },
    });

    expect(allowedSubset(sw, Capability.ACTIVITY_WRITE, [throwing, own])).toEqual([own]);
    expect(allowedSubset(sw, Capability.ACTIVITY_READ, [throwingShare, own])).toEqual([own]);
    expect(allowedSubset(sw, Capability.CASE_READ, [throwingMembers])).toEqual([]);
    expect(allowedSubset(sw, Capability.TRAINING_SELF_READ, [throwingUser])).toEqual([]);
    // A Proxy that throws on any access: still just denied.
    const hostile = new Proxy({} as Owned, {
      get: () => {
        throw new Error('hostile');
      },
    });
    expect(allowedSubset(sw, Capability.REFERENCE_READ, [hostile, partner])).toEqual([partner]);
    const error = thrown(() => requireAccess(sw, Capability.ACTIVITY_WRITE, [throwing]));
    expect((error as AppError).code).toBe(ErrorCode.NOT_FOUND);
  });

  it('missing identifying data on either side never matches (undefined === undefined is not access)', () => {
    const noOrg = principal([SW], {
      organisationId: undefined as unknown as string,
      userId: undefined as unknown as string,
    });
    const orphan = { id: 'orphan' } as Owned; // no organisationId, no userId
    expect(allowedSubset(noOrg, Capability.ACTIVITY_WRITE, [orphan])).toEqual([]);
    expect(allowedSubset(noOrg, Capability.TRAINING_SELF_READ, [orphan])).toEqual([]);
    expect(allowedSubset(noOrg, Capability.REFERENCE_READ, [orphan])).toEqual([]);
    expect(
      allowedSubset(noOrg, Capability.CASE_READ, [{ ...orphan, memberUserIds: [undefined as unknown as string] }]),
    ).toEqual([]);
  });

  it.each([
    { scope: 'OWN', cap: Capability.ACTIVITY_WRITE, yes: own, no: partner },
    { scope: 'PARTNERSHIP', cap: Capability.REFERENCE_READ, yes: partner, no: otherPartnership },
    {
      scope: 'SELF',
      cap: Capability.TRAINING_SELF_READ,
      yes: rec('mine', ORG_DANDERYD, { userId: sw.userId }),
      no: rec('theirs', ORG_DANDERYD, { userId: 'other' }),
    },
    {
      scope: 'MEMBERSHIP',
      cap: Capability.CASE_READ,
      yes: rec('c1', ORG_POLICE, { memberUserIds: [sw.userId] }),
      no: rec('c2', ORG_DANDERYD, { memberUserIds: [] }),
    },
  ])('requireAccess under $scope: the allowed record passes, the other is NOT_FOUND', ({ cap, yes, no }) => {
    expect(requireAccess(sw, cap, [yes])).toEqual([yes]);
    const denied = thrown(() => requireAccess(sw, cap, [yes, no], 'Thing')) as AppError;
    const absent = thrown(() => requireAccess(sw, cap, [yes, null], 'Thing')) as AppError;
    expect(denied.code).toBe(ErrorCode.NOT_FOUND);
    expect([denied.code, denied.message]).toEqual([absent.code, absent.message]);
  });

  it('requireAccess returns the records when every one is allowed', () => {
    expect(requireAccess(sw, Capability.REFERENCE_READ, [own, partner])).toEqual([own, partner]);
    expect(requireAccess(sw, Capability.REFERENCE_READ, [])).toEqual([]);
  });

  it('NOT_FOUND is identical for a record that is absent and one the caller may not see', () => {
    const absent = thrown(() => requireAccess(sw, Capability.ACTIVITY_WRITE, [null], 'PreventionActivity')) as AppError;
    const undef = thrown(() =>
      requireAccess(sw, Capability.ACTIVITY_WRITE, [undefined], 'PreventionActivity'),
    ) as AppError;
    const notAllowed = thrown(() =>
      requireAccess(sw, Capability.ACTIVITY_WRITE, [partner], 'PreventionActivity'),
    ) as AppError;
    const oneOfMany = thrown(() =>
      requireAccess(sw, Capability.ACTIVITY_WRITE, [own, stranger], 'PreventionActivity'),
    ) as AppError;
    for (const e of [absent, undef, notAllowed, oneOfMany]) {
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe(ErrorCode.NOT_FOUND);
      expect(e.message).toBe(absent.message);
      expect(e.details).toEqual(absent.details);
      expect(e.name).toBe(absent.name);
    }
    expect(absent.message).not.toMatch(/forbid|allow|access|permission|organisation/i);
  });
});

describe('organisationScope', () => {
  it("PARTNERSHIP scope covers the partnership organisations; OWN only the caller's", () => {
    const sw = principal([SW]);
    expect(organisationScope(sw, Capability.REFERENCE_READ).organisationIds).toEqual([ORG_DANDERYD, ORG_POLICE]);
    expect(organisationScope(sw, Capability.ACTIVITY_WRITE).organisationIds).toEqual([ORG_DANDERYD]);
    expect(organisationScope(principal([AUD]), Capability.REFERENCE_READ).organisationIds).toEqual([ORG_DANDERYD]);
    expect(organisationScope(principal([AUD]), Capability.AUDIT_READ).scope).toBe(Scope.OWN);
  });

  it('an organisation in no partnership still has a non-empty scope (its own)', () => {
    const lonely = principal([SW], { partnershipIds: [], partnershipOrganisationIds: [] });
    expect(organisationScope(lonely, Capability.REFERENCE_READ).organisationIds).toEqual([ORG_DANDERYD]);
  });

  it('is frozen: a service cannot widen it', () => {
    const scope = organisationScope(principal([SW]), Capability.REFERENCE_READ);
    expect(Object.isFrozen(scope)).toBe(true);
    expect(Object.isFrozen(scope.organisationIds)).toBe(true);
  });

  it('refuses callers without the capability or without a session', () => {
    expect((thrown(() => organisationScope(principal([ADMIN]), Capability.ACTIVITY_READ)) as AppError).code).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect((thrown(() => organisationScope(undefined, Capability.REFERENCE_READ)) as AppError).code).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
  });
});

describe('scoped repository guards', () => {
  const scope = organisationScope(principal([SW]), Capability.REFERENCE_READ);
  const withIds = (organisationIds: unknown): OrganisationScope => ({ ...scope, organisationIds }) as OrganisationScope;

  it('assertScope refuses a missing scope, an empty organisation list and bad ids', () => {
    expect(() => assertScope(undefined)).toThrow(/unscoped/);
    expect(() => assertScope(null as unknown as OrganisationScope)).toThrow(/unscoped/);
    expect(() => assertScope(withIds([]))).toThrow(/unscoped/);
    expect(() => assertScope(withIds(undefined))).toThrow();
    expect(() => assertScope(withIds('00000000-0000-4000-8000-00000000000b'))).toThrow();
    expect(() => assertScope(withIds([undefined]))).toThrow();
    expect(() => assertScope(withIds(['']))).toThrow();
    expect(() => assertScope(withIds([ORG_DANDERYD, null]))).toThrow();
    expect(() => assertScope(scope)).not.toThrow();
  });

  it('assertNoUndefined refuses undefined anywhere in a where, nested too', () => {
    expect(() => assertNoUndefined({ id: undefined })).toThrow(/where\.id/);
    expect(() => assertNoUndefined({ id: 'x', organisation: { id: undefined } })).toThrow(/where\.organisation\.id/);
    expect(() => assertNoUndefined({ a: { b: { c: undefined } } })).toThrow(/where\.a\.b\.c/);
    expect(() => assertNoUndefined({ a: [{ b: undefined }] })).toThrow(/undefined/);
    expect(() => assertNoUndefined({ a: [undefined] })).toThrow(/undefined/);
    const bare = Object.assign(Object.create(null) as object, { id: undefined });
    expect(() => assertNoUndefined({ nested: bare })).toThrow(/undefined/);
    // null is a real value (IS NULL), and so are empty strings and zero
    expect(() => assertNoUndefined({ deletedAt: null, name: '', n: 0, nested: { ok: false } })).not.toThrow();
  });
});
