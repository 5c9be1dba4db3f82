import { describe, expect, it } from 'vitest';
import { Role } from '../../src/access/roles';
import {
  incompatiblePair,
  mayReviewBreakGlass,
  roleChangeDecision,
  RoleChangeRefusal,
} from '../../src/access/separation-of-duties';

/** An independent copy of the separation-of-duties table: which pairs may never be held together. */
const FORBIDDEN_PAIRS: [Role, Role][] = [
  [Role.AUDITOR, Role.SOCIAL_WORKER],
  [Role.AUDITOR, Role.POLICE_LIAISON],
  [Role.AUDITOR, Role.SAFETY_COORDINATOR],
  [Role.AUDITOR, Role.PARTNER_CONTACT],
  [Role.AUDITOR, Role.ADMIN],
  [Role.ADMIN, Role.SOCIAL_WORKER],
  [Role.ADMIN, Role.POLICE_LIAISON],
  [Role.ADMIN, Role.TRAINING_COORDINATOR],
  [Role.ADMIN, Role.SAFETY_COORDINATOR],
  [Role.ADMIN, Role.PARTNER_CONTACT],
];
const ROLES = Object.values(Role);
const forbidden = (a: Role, b: Role): boolean =>
  FORBIDDEN_PAIRS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

describe('separation of duties', () => {
  it('refuses exactly the pairs of the table, in either order', () => {
    for (const a of ROLES) {
      for (const b of ROLES) {
        if (a === b) continue;
        expect(incompatiblePair([a, b]) !== null, `${a} + ${b}`).toBe(forbidden(a, b));
      }
    }
    // Allowed combinations stay allowed: a coordinator who is also an auditor, a social worker who coordinates training
    expect(incompatiblePair([Role.AUDITOR, Role.TRAINING_COORDINATOR])).toBeNull();
    expect(incompatiblePair([Role.SOCIAL_WORKER, Role.TRAINING_COORDINATOR])).toBeNull();
  });

  it('nobody changes their own roles', () => {
    const d = roleChangeDecision({
      actorUserId: 'admin',
      targetUserId: 'admin',
      current: [Role.ADMIN],
      next: [Role.ADMIN, Role.SOCIAL_WORKER],
    });
    expect(d).toMatchObject({ allowed: false, refusal: RoleChangeRefusal.OWN_ROLES });
    // Even a change that would otherwise be harmless
    expect(
      roleChangeDecision({ actorUserId: 'admin', targetUserId: 'admin', current: [Role.ADMIN], next: [Role.ADMIN] })
        .allowed,
    ).toBe(false);
  });

  it('ADMIN and AUDITOR are never newly granted through the API (four eyes), but may be kept or removed', () => {
    for (const role of [Role.ADMIN, Role.AUDITOR]) {
      expect(
        roleChangeDecision({ actorUserId: 'a', targetUserId: 'b', current: [Role.TRAINING_COORDINATOR], next: [role] }),
      ).toMatchObject({
        allowed: false,
        refusal: RoleChangeRefusal.PRIVILEGED_GRANT,
      });
      expect(roleChangeDecision({ actorUserId: 'a', targetUserId: null, current: [], next: [role] }).refusal).toBe(
        RoleChangeRefusal.PRIVILEGED_GRANT,
      );
    }
    expect(
      roleChangeDecision({
        actorUserId: 'a',
        targetUserId: 'b',
        current: [Role.AUDITOR],
        next: [Role.AUDITOR, Role.TRAINING_COORDINATOR],
      }).allowed,
    ).toBe(true);
    expect(
      roleChangeDecision({
        actorUserId: 'a',
        targetUserId: 'b',
        current: [Role.AUDITOR, Role.TRAINING_COORDINATOR],
        next: [Role.TRAINING_COORDINATOR],
      }).allowed,
    ).toBe(true);
  });

  it('content roles are granted to another user; incompatible sets are refused naming the pair', () => {
    expect(
      roleChangeDecision({
        actorUserId: 'a',
        targetUserId: 'b',
        current: [Role.SOCIAL_WORKER],
        next: [Role.SOCIAL_WORKER, Role.TRAINING_COORDINATOR],
      }).allowed,
    ).toBe(true);
    const d = roleChangeDecision({
      actorUserId: 'a',
      targetUserId: 'b',
      current: [Role.AUDITOR],
      next: [Role.AUDITOR, Role.SOCIAL_WORKER],
    });
    expect(d).toMatchObject({ allowed: false, refusal: RoleChangeRefusal.INCOMPATIBLE });
    expect(d.reason).toContain('AUDITOR');
    expect(d.reason).toContain('SOCIAL_WORKER');
  });

  it('denies a caller without an id', () => {
    expect(
      roleChangeDecision({ actorUserId: '', targetUserId: 'b', current: [], next: [Role.SOCIAL_WORKER] }).allowed,
    ).toBe(false);
  });

  it('the reviewer of a break-the-glass is never its opener', () => {
    expect(mayReviewBreakGlass('auditor', 'worker')).toBe(true);
    expect(mayReviewBreakGlass('same', 'same')).toBe(false);
    expect(mayReviewBreakGlass('', '')).toBe(false);
    expect(mayReviewBreakGlass(undefined, undefined)).toBe(false);
    expect(mayReviewBreakGlass('auditor', null)).toBe(false);
  });
});
