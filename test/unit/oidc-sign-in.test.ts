import { describe, expect, it } from 'vitest';
import {
  authenticationLevelMet,
  decideSignIn,
  mappedRoles,
  SignInRefusal,
  type ProviderRules,
} from '../../src/access/oidc-sign-in';
import { OrganisationKind, Role } from '../../src/access/roles';
import { separationOfDutiesConflict } from '../../src/access/separation-of-duties';
import { parseProviderFile, ProviderFileError } from '../../src/modules/identity/oidc/oidc-providers.file';

const RULES: ProviderRules = {
  organisationKind: OrganisationKind.SOCIAL_SERVICES,
  rolesClaim: 'groups',
  roleMapping: { sw: [Role.SOCIAL_WORKER], audit: [Role.AUDITOR], police: [Role.POLICE_LIAISON], admin: [Role.ADMIN] },
  requiredAcr: ['urn:loa:3'],
  requiredAmr: ['mfa', 'hwk'],
};

describe('the sign-in decision from verified claims', () => {
  it('requires the authentication level: an acr value or an amr method listed', () => {
    expect(authenticationLevelMet({ amr: ['pwd', 'mfa'] }, RULES)).toBe(true);
    expect(authenticationLevelMet({ acr: 'urn:loa:3' }, RULES)).toBe(true);
    expect(authenticationLevelMet({ amr: ['pwd'], acr: 'urn:loa:2' }, RULES)).toBe(false);
    expect(authenticationLevelMet({ amr: 'mfa' }, RULES)).toBe(false); // amr is an array by definition
    expect(authenticationLevelMet({ amr: ['mfa'] }, { requiredAcr: [], requiredAmr: [] })).toBe(false);
  });

  it('maps claim values to roles, ignoring unknown values and inherited names', () => {
    expect(mappedRoles({ groups: ['sw', 'nothing', 'constructor', 'toString'] }, RULES)).toEqual([Role.SOCIAL_WORKER]);
    expect(mappedRoles({ groups: 'sw' }, RULES)).toEqual([Role.SOCIAL_WORKER]);
    expect(mappedRoles({ groups: [{ sw: true }] }, RULES)).toEqual([]);
    expect(mappedRoles({}, RULES)).toEqual([]);
  });

  it('refuses missing MFA first, then no role, then separation of duties; drops roles the organisation kind cannot hold', () => {
    expect(decideSignIn({ amr: ['pwd'], groups: ['sw'] }, RULES)).toEqual({
      allowed: false,
      refusal: SignInRefusal.MFA_REQUIRED,
    });
    expect(decideSignIn({ amr: ['mfa'], groups: ['police'] }, RULES)).toEqual({
      allowed: false,
      refusal: SignInRefusal.NO_MAPPED_ROLE,
    });
    expect(decideSignIn({ amr: ['mfa'], groups: ['sw', 'audit'] }, RULES)).toEqual({
      allowed: false,
      refusal: SignInRefusal.SEPARATION_OF_DUTIES,
    });
    expect(decideSignIn({ amr: ['mfa'], groups: ['admin', 'sw'] }, RULES)).toEqual({
      allowed: false,
      refusal: SignInRefusal.SEPARATION_OF_DUTIES,
    });
    expect(decideSignIn({ amr: ['hwk'], groups: ['sw', 'police'] }, RULES)).toEqual({
      allowed: true,
      roles: [Role.SOCIAL_WORKER],
    });
  });

  it('separation of duties: auditors and admins hold no content role, nor each other', () => {
    expect(separationOfDutiesConflict([Role.AUDITOR, Role.ADMIN])).not.toBeNull();
    expect(separationOfDutiesConflict([Role.AUDITOR, Role.POLICE_LIAISON])).not.toBeNull();
    expect(separationOfDutiesConflict([Role.ADMIN, Role.SOCIAL_WORKER])).not.toBeNull();
    expect(separationOfDutiesConflict([Role.SOCIAL_WORKER, Role.TRAINING_COORDINATOR])).toBeNull();
  });
});

describe('the providers file', () => {
  const valid = {
    slug: 'danderyd',
    organisation: 'Danderyds kommun socialtjänst',
    issuer: 'https://login.example.se/tenant/v2.0',
    clientId: 'abc',
    clientSecretFile: '/run/secrets/x',
    roleMapping: { g: ['SOCIAL_WORKER'] },
    requiredAmr: ['mfa'],
  };
  const parse = (providers: unknown[], env = 'production') => parseProviderFile(JSON.stringify({ providers }), env);

  it('reads a provider with defaults for scopes and the roles claim', () => {
    expect(parse([valid])[0]).toMatchObject({
      slug: 'danderyd',
      scopes: ['openid', 'profile', 'email'],
      rolesClaim: 'groups',
      requiredAcr: [],
      requiredAmr: ['mfa'],
    });
  });

  it('refuses what would weaken sign-in, naming the field but never a value', () => {
    const problems = (entry: Record<string, unknown>, env?: string): string[] => {
      try {
        parse([{ ...valid, ...entry }], env);
        return [];
      } catch (error) {
        return (error as ProviderFileError).problems;
      }
    };
    expect(problems({ requiredAmr: [] })).toEqual([expect.stringContaining('must require multi-factor')]);
    expect(problems({ issuer: 'http://127.0.0.1:9000' })).toEqual([
      expect.stringContaining('issuer must be an https URL'),
    ]);
    expect(problems({ issuer: 'http://127.0.0.1:9000' }, 'test')).toEqual([]);
    expect(problems({ issuer: 'http://idp.example.se' }, 'development')).toHaveLength(1);
    expect(problems({ clientSecret: 'hunter2-secret' })).toEqual([expect.stringContaining('clientSecretFile')]);
    expect(problems({ clientSecret: 'hunter2-secret' }).join()).not.toContain('hunter2');
    expect(problems({ roleMapping: { g: ['SUPERUSER'] } })).toHaveLength(1);
    expect(problems({ scopes: ['profile'] })).toHaveLength(1);
    expect(problems({ slug: 'Bad Slug!' })).toHaveLength(1);
  });
});
