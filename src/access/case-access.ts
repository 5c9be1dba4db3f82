import { Capability, scopeOf, Scope } from './policy';
import type { Principal } from './principal';
import { Role } from './roles';

/**
 * Who may do what with one case (DESIGN.md: "read/work a case: members only; another organisation
 * only while a legal basis is active"; "break-the-glass on a case of own organisation").
 *
 * The facts are read from the database for the caller in the same statement as the case, with
 * activeness of legal bases and break-glass evaluated there with the database's clock, so an
 * expiry is exact to the instant. This function only combines them; it is pure and deny-by-default:
 * an unknown operation, a missing fact or an exception inside the check grants nothing.
 */
export enum CaseOperation {
  /** Read the case and everything in it. */
  READ = 'read',
  /** Change the case: tasks, meetings, notes, assessments, risk level, status, own external reference. */
  WORK = 'work',
  /** Add or remove members of the caller's own organisation: only an existing member of that organisation. */
  MANAGE_OWN_MEMBERS = 'manage-own-members',
  /** End the membership of a partner organisation's user: the owner's members. */
  MANAGE_PARTNER_MEMBERS = 'manage-partner-members',
  /** Share the case with another organisation, withdraw consent, end a share. */
  SHARE = 'share',
  /**
   * Place or lift a legal hold (retention then keeps the case and its shares): the owner organisation's
   * members only. The records are the owner's to keep; a partner reads under its legal basis and decides nothing
   * about how long the owner keeps them.
   */
  LEGAL_HOLD = 'legal-hold',
}

/** How the caller reaches a case; recorded as the purpose of the access in the audit log. */
export enum CaseAccessVia {
  /** A member of the owner organisation. */
  MEMBER = 'MEMBER',
  /** A member of a partner organisation, under an active legal basis. */
  PARTNER = 'PARTNER',
  /** A user of the owner organisation through an active break-the-glass access (read only). */
  BREAK_GLASS = 'BREAK_GLASS',
}

/** What the database says about one case and the caller. */
export interface CaseAccessFacts {
  caseId: string;
  ownerOrganisationId: string;
  /** The caller is a member of the case. */
  callerIsMember: boolean;
  /** Shares of the case with the caller's organisation whose legal basis is active now (evaluated in SQL). */
  activeSharesWithCaller: readonly { shareId: string; legalBasis: string }[];
  /** The caller's own break-the-glass access to the case that is active now (evaluated in SQL), if any. */
  activeBreakGlassId: string | null;
}

export interface CaseAccessGrant {
  caseId: string;
  via: CaseAccessVia;
  /** For the audit log: the legal basis (partner) or the break-glass access the access rests on. */
  purpose: string | null;
}

const sameId = (a: unknown, b: unknown): boolean => typeof a === 'string' && a !== '' && a === b;

/** The grant for `operation` on the case, or null (the caller answers NOT_FOUND, as if the case did not exist). */
export function caseAccess(
  principal: Principal | undefined,
  facts: CaseAccessFacts | null | undefined,
  operation: CaseOperation,
): CaseAccessGrant | null {
  try {
    if (!principal || !facts) return null;
    if (scopeOf(principal.roles, Capability.CASE_READ) !== Scope.MEMBERSHIP) return null;
    if (sameId(facts.ownerOrganisationId, principal.organisationId)) {
      if (facts.callerIsMember === true) return { caseId: facts.caseId, via: CaseAccessVia.MEMBER, purpose: null };
      // MANAGE_PARTNER_MEMBERS and every other operation: members only.
      if (
        operation === CaseOperation.READ &&
        typeof facts.activeBreakGlassId === 'string' &&
        facts.activeBreakGlassId !== ''
      ) {
        return {
          caseId: facts.caseId,
          via: CaseAccessVia.BREAK_GLASS,
          purpose: `break-glass:${facts.activeBreakGlassId}`,
        };
      }
      return null;
    }
    // Another organisation's case: only while a legal basis for sharing with the caller's organisation is active.
    const shares = facts.activeSharesWithCaller.filter((s) => typeof s.shareId === 'string' && s.shareId !== '');
    if (shares.length === 0) return null;
    const purpose = shares
      .map((s) => `legal-basis:${s.shareId}:${s.legalBasis}`)
      .sort()
      .join(' ');
    switch (operation) {
      case CaseOperation.READ:
      case CaseOperation.WORK:
      case CaseOperation.MANAGE_OWN_MEMBERS:
        // The partner organisation decides who of its staff works the case, but only through a
        // member: the first one takes the share (`shareAcceptance`), nobody joins on their own.
        return facts.callerIsMember === true ? { caseId: facts.caseId, via: CaseAccessVia.PARTNER, purpose } : null;
      case CaseOperation.SHARE:
      case CaseOperation.MANAGE_PARTNER_MEMBERS:
      case CaseOperation.LEGAL_HOLD:
        return null;
      default:
        return null;
    }
  } catch {
    return null; // deny on any failure inside a check
  }
}

export enum ShareAcceptance {
  ALLOWED = 'ALLOWED',
  /** Not a share with the caller's organisation, not active, or the caller works no cases: answers NOT_FOUND. */
  NOT_FOUND = 'NOT_FOUND',
  /** The organisation already has a member: further members come from a member. */
  ALREADY_TAKEN = 'ALREADY_TAKEN',
}

/** What the database says about one share for the caller. */
export interface ShareFacts {
  shareOrganisationId: string;
  /** The share's legal basis is active now (evaluated in SQL). */
  active: boolean;
  /** How many users of the share's organisation are members of the case now. */
  organisationMemberCount: number;
}

/**
 * Taking a share addressed to the caller's organisation: one of its case workers accepts it and
 * becomes the organisation's first member of the case. Once it has a member, only a member adds more.
 */
export function shareAcceptance(
  principal: Principal | undefined,
  facts: ShareFacts | null | undefined,
): ShareAcceptance {
  try {
    if (!principal || !facts) return ShareAcceptance.NOT_FOUND;
    if (scopeOf(principal.roles, Capability.CASE_READ) !== Scope.MEMBERSHIP) return ShareAcceptance.NOT_FOUND;
    if (!sameId(facts.shareOrganisationId, principal.organisationId) || facts.active !== true)
      return ShareAcceptance.NOT_FOUND;
    return facts.organisationMemberCount === 0 ? ShareAcceptance.ALLOWED : ShareAcceptance.ALREADY_TAKEN;
  } catch {
    return ShareAcceptance.NOT_FOUND;
  }
}

export enum BreakGlassDecision {
  ALLOWED = 'ALLOWED',
  /** Not the caller's organisation's case (or none): answers NOT_FOUND. */
  NOT_FOUND = 'NOT_FOUND',
  /** A member needs no break-the-glass. */
  ALREADY_MEMBER = 'ALREADY_MEMBER',
}

/** Break-the-glass: a social worker or police liaison of the owner organisation who is not a member. Never across organisations. */
export function breakGlassDecision(
  principal: Principal | undefined,
  facts: CaseAccessFacts | null | undefined,
): BreakGlassDecision {
  try {
    if (!principal || !facts) return BreakGlassDecision.NOT_FOUND;
    if (scopeOf(principal.roles, Capability.CASE_BREAK_GLASS) !== Scope.OWN) return BreakGlassDecision.NOT_FOUND;
    if (!sameId(facts.ownerOrganisationId, principal.organisationId)) return BreakGlassDecision.NOT_FOUND;
    return facts.callerIsMember === false ? BreakGlassDecision.ALLOWED : BreakGlassDecision.ALREADY_MEMBER;
  } catch {
    return BreakGlassDecision.NOT_FOUND;
  }
}

/** Whether an organisation is the caller's own: members of a case are added and removed per organisation, each by its own users. */
export function isOwnOrganisation(
  principal: Principal | undefined,
  organisationId: string | null | undefined,
): boolean {
  return principal !== undefined && sameId(organisationId, principal.organisationId);
}

/** The roles whose holders can work cases (CASE_READ by membership): the only users who may be made members. */
export function caseWorkerRoles(): Role[] {
  return Object.values(Role).filter((r) => scopeOf([r], Capability.CASE_READ) === Scope.MEMBERSHIP);
}

/** Whether a user holding `roles` can work cases at all (only such users may be made members). */
export function mayWorkCases(roles: readonly string[]): boolean {
  try {
    // Role strings come from the database; scopeOf ignores anything that is not a known role.
    return scopeOf(roles as Parameters<typeof scopeOf>[0], Capability.CASE_READ) === Scope.MEMBERSHIP;
  } catch {
    return false;
  }
}

/**
 * Who sees a case's legal hold (`Case.legalHold`): those reading the case for the owner organisation
 * (its members, and a break-the-glass reader, who must know the case is kept). A partner does not: the hold
 * and its reason (a pending court case, a supervisory review) are the owner's records management, not
 * content its legal basis covers.
 */
export function legalHoldVisible(grant: CaseAccessGrant | null | undefined): boolean {
  return grant?.via === CaseAccessVia.MEMBER || grant?.via === CaseAccessVia.BREAK_GLASS;
}

/**
 * Who sees a case's external reference (`Case.externalReference`, the caller's own organisation's
 * reference): a member of the case, of the owner or of a partner, each its own organisation's. A
 * break-the-glass reader does not (the access is for the case's content, not the organisation's filing).
 */
export function externalReferenceVisible(
  grant: CaseAccessGrant | null | undefined,
  callerIsMember: boolean | null | undefined,
): boolean {
  return callerIsMember === true && grant !== null && grant !== undefined && grant.via !== CaseAccessVia.BREAK_GLASS;
}
