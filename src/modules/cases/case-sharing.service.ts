import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import {
  CaseOperation,
  isOwnOrganisation,
  mayWorkCases,
  shareAcceptance,
  ShareAcceptance,
} from '../../access/case-access';
import { Capability } from '../../access/policy';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { CaseReason } from './cases.reasons';
import { refuseIdentityNumber } from '../../shared/identity-number';
import { AuditAction } from '../audit/audit.recorder';
import { addDays } from '../training/certification-status';
import { CaseStatus, ConsentScope, LegalBasisKind, StatutoryGround } from './case.entities';
import type { CaseRepository, IncomingShareRow, MemberRow } from './case.repository';
import { LegalGroundRepository } from './legal-ground.repository';
import { auditChildren, boundedText, type CaseService, type LegalBasisInput, type ShareView } from './case.service';
import { UUID } from '../../shared/ids';

/** A consent may be recorded for at most this long; it must be renewed after. */
const MAX_CONSENT_DAYS = 366;

function id(field: string, value: string | null | undefined): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, InputReason.INVALID_ID, 'must be an id');
  return value.toLowerCase();
}

function dateArg(field: string, value: Date | string | null | undefined): string {
  const text =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw badInput(field, InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
  return text;
}

/**
 * Sharing a case: the owner addresses a share to an organisation on one legal basis; one of that
 * organisation's case workers takes it and becomes its first member; further members come only
 * from a member (`CaseMemberService.add`); the owner ends a partner's membership or the share.
 * Every decision goes through src/access (`caseAccess`, `shareAcceptance`).
 */
export class CaseSharingService {
  private readonly grounds = new LegalGroundRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly repo: CaseRepository,
  ) {}

  /** Shares the case with an organisation of the owner's partnerships, on one recorded legal basis. */
  async share(
    caller: Actor,
    manager: EntityManager,
    caseId: string,
    organisationId: string,
    basis: LegalBasisInput,
    contactFunction?: string | null,
  ): Promise<ShareView> {
    const view = await this.cases.authorise(caller, manager, caseId, CaseOperation.SHARE, true);
    if (view.status !== CaseStatus.OPEN) throw badInput('caseId', CaseReason.CASE_CLOSED, 'the case is closed');
    const principal = caller.principal;
    const partner = id('organisationId', organisationId);
    // Only organisations of a partnership the owner is in (Täby never sees Danderyd's cases).
    if (partner === principal.organisationId || !principal.partnershipOrganisationIds.includes(partner)) {
      throw badInput(
        'organisationId',
        CaseReason.ORGANISATION_OUTSIDE_PARTNERSHIPS,
        'not an organisation of your partnerships',
      );
    }
    const existing = (await this.repo.sharing.sharesOf(manager, [view.id])).filter(
      (s) => s.organisationId === partner && s.active,
    );
    if (existing.length > 0)
      throw badInput(
        'organisationId',
        CaseReason.ALREADY_SHARED,
        'the case is already shared with this organisation on an active legal basis',
      );
    const values = this.legalBasis(basis);
    // The catalogue must hold a version of the ground in force today; the database records it on the share.
    const code = values.basisKind === LegalBasisKind.STATUTORY ? values.statutoryGround! : 'CONSENT';
    if (!(await this.grounds.inForce(manager, code)))
      throw badInput(
        values.basisKind === LegalBasisKind.STATUTORY ? 'legalBasis.statutoryGround' : 'legalBasis.kind',
        CaseReason.LEGAL_GROUND_NOT_IN_FORCE,
        'no version of this legal ground is in force today (see legalGrounds)',
      );
    const contact =
      contactFunction === undefined || contactFunction === null
        ? null
        : refuseIdentityNumber('contactFunction', boundedText('contactFunction', contactFunction, 100));
    const shareId = await this.repo.sharing.insertShare(manager, {
      caseId: view.id,
      organisationId: partner,
      ...values,
      contactFunction: contact,
      createdBy: principal.userId,
    });
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseShare', shareId, 'CREATE', 'organisationId', null, partner),
      this.cases.entry(
        caller,
        'CaseShare',
        shareId,
        'CREATE',
        'legalBasis',
        null,
        values.basisKind === LegalBasisKind.STATUTORY
          ? `STATUTORY:${values.statutoryGround}`
          : `CONSENT:${values.consentScope}`,
      ),
    ]);
    // The receiving organisation's auditors see the share addressed to it.
    caller.audit.touch(AuditAction.CREATE, 'CaseShare', [
      { id: shareId, organisationId: view.ownerOrganisationId },
      { id: shareId, organisationId: partner },
    ]);
    return (await this.repo.sharing.shareById(manager, shareId))!;
  }

  private legalBasis(basis: LegalBasisInput): {
    basisKind: LegalBasisKind;
    statutoryGround: StatutoryGround | null;
    consentScope: ConsentScope | null;
    consentGivenOn: string | null;
    consentExpiresAt: Date | null;
  } {
    if (basis.kind === LegalBasisKind.STATUTORY) {
      if (!basis.statutoryGround || !Object.values(StatutoryGround).includes(basis.statutoryGround))
        throw badInput(
          'legalBasis.statutoryGround',
          CaseReason.STATUTORY_GROUND_REQUIRED,
          'a statutory ground is required',
        );
      if (basis.consentScope || basis.consentGivenOn || basis.consentExpiresAt)
        throw badInput(
          'legalBasis',
          CaseReason.STATUTORY_BASIS_WITH_CONSENT,
          'a statutory basis takes no consent fields',
        );
      return {
        basisKind: LegalBasisKind.STATUTORY,
        statutoryGround: basis.statutoryGround,
        consentScope: null,
        consentGivenOn: null,
        consentExpiresAt: null,
      };
    }
    if (basis.kind !== LegalBasisKind.CONSENT)
      throw badInput('legalBasis.kind', InputReason.UNKNOWN_VALUE, 'must be CONSENT or STATUTORY');
    if (basis.statutoryGround)
      throw badInput(
        'legalBasis.statutoryGround',
        CaseReason.CONSENT_WITH_STATUTORY_GROUND,
        'a consent takes no statutory ground',
      );
    if (!basis.consentScope || !Object.values(ConsentScope).includes(basis.consentScope))
      throw badInput(
        'legalBasis.consentScope',
        CaseReason.CONSENT_SCOPE_REQUIRED,
        'the scope of the consent is required',
      );
    const givenOn = dateArg('legalBasis.consentGivenOn', basis.consentGivenOn);
    const today = this.cases.todayIs();
    if (givenOn > today)
      throw badInput('legalBasis.consentGivenOn', CaseReason.CONSENT_GIVEN_IN_FUTURE, 'must not be in the future');
    const expiresAt = basis.consentExpiresAt;
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()))
      throw badInput(
        'legalBasis.consentExpiresAt',
        CaseReason.CONSENT_EXPIRY_REQUIRED,
        'the expiry of the consent is required',
      );
    if (expiresAt.getTime() <= Date.now())
      throw badInput('legalBasis.consentExpiresAt', CaseReason.CONSENT_EXPIRY_IN_PAST, 'must be in the future');
    if (expiresAt.toISOString().slice(0, 10) > addDays(givenOn, MAX_CONSENT_DAYS))
      throw badInput(
        'legalBasis.consentExpiresAt',
        CaseReason.CONSENT_TOO_LONG,
        `must be at most ${MAX_CONSENT_DAYS} days after the consent was given`,
      );
    return {
      basisKind: LegalBasisKind.CONSENT,
      statutoryGround: null,
      consentScope: basis.consentScope,
      consentGivenOn: givenOn,
      consentExpiresAt: expiresAt,
    };
  }

  /** Records that the person withdrew consent: the partner's access ends with this transaction. */
  async withdrawConsent(caller: Actor, manager: EntityManager, shareId: string): Promise<ShareView> {
    return this.endShare(caller, manager, shareId, 'withdraw');
  }

  /** Ends a share (e.g. the statutory ground no longer applies). */
  async revokeShare(caller: Actor, manager: EntityManager, shareId: string): Promise<ShareView> {
    return this.endShare(caller, manager, shareId, 'revoke');
  }

  private async endShare(
    caller: Actor,
    manager: EntityManager,
    shareId: string,
    how: 'withdraw' | 'revoke',
  ): Promise<ShareView> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const share =
      typeof shareId === 'string' && UUID.test(shareId)
        ? await this.repo.sharing.shareById(manager, shareId, true)
        : null;
    if (!share) throw notFound('Legal basis');
    // The share answers like the case it belongs to: only the owner's members may end it.
    const view = await this.cases.authoriseAs('Legal basis', caller, manager, share.caseId, CaseOperation.SHARE);
    if (how === 'withdraw' && share.basisKind !== LegalBasisKind.CONSENT)
      throw badInput('shareId', CaseReason.ONLY_CONSENT_WITHDRAWABLE, 'only a consent can be withdrawn');
    if ((how === 'withdraw' ? share.consentWithdrawnAt : share.revokedAt) !== null)
      throw badInput(
        'shareId',
        how === 'withdraw' ? CaseReason.CONSENT_ALREADY_WITHDRAWN : CaseReason.SHARE_ALREADY_ENDED,
        how === 'withdraw' ? 'the consent is already withdrawn' : 'the share is already ended',
      );
    await this.repo.sharing.endShare(manager, share.id, how);
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(
        caller,
        'CaseShare',
        share.id,
        'UPDATE',
        how === 'withdraw' ? 'consentWithdrawnAt' : 'revokedAt',
        null,
        'set',
      ),
    ]);
    caller.audit.touch(AuditAction.UPDATE, 'CaseShare', [
      { id: share.id, organisationId: view.ownerOrganisationId },
      { id: share.id, organisationId: share.organisationId },
    ]);
    return (await this.repo.sharing.shareById(manager, share.id))!;
  }

  /**
   * The receiving organisation's inbox: active shares of open cases addressed to it, with only what
   * its case workers need to decide (risk level, legal basis, sender and its contact function).
   */
  async incoming(caller: Actor): Promise<IncomingShareRow[]> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const shares = await this.repo.sharing.incomingShares(this.dataSource.manager, caller.principal.organisationId);
    caller.audit.touch(
      AuditAction.READ,
      'CaseShare',
      shares.flatMap((s) => [
        { id: s.id, organisationId: s.senderOrganisationId },
        { id: s.id, organisationId: s.organisationId },
      ]),
    );
    return shares;
  }

  /** One case worker of the receiving organisation takes the share and becomes its first member of the case. */
  async accept(caller: Actor, manager: EntityManager, shareId: string): Promise<MemberRow> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal;
    const share =
      typeof shareId === 'string' && UUID.test(shareId)
        ? await this.repo.sharing.shareById(manager, shareId, true)
        : null;
    const [row] = share
      ? await this.repo.byIds(
          manager,
          { userId: principal.userId, organisationId: principal.organisationId },
          [share.caseId],
          true,
        )
      : [];
    const decision =
      share && row && row.status === CaseStatus.OPEN
        ? shareAcceptance(principal, {
            shareOrganisationId: share.organisationId,
            active: share.active,
            organisationMemberCount: await this.repo.memberCount(manager, share.caseId, share.organisationId),
          })
        : ShareAcceptance.NOT_FOUND;
    if (!share || !row || decision === ShareAcceptance.NOT_FOUND) {
      caller.audit.refused('CaseShare', typeof shareId === 'string' ? shareId : '', share?.organisationId ?? null);
      throw notFound('Legal basis');
    }
    if (decision === ShareAcceptance.ALREADY_TAKEN)
      throw badInput(
        'legalBasisId',
        CaseReason.SHARE_ALREADY_TAKEN,
        'the share is already taken: a member of your organisation adds you to the case',
      );
    const self = await this.repo.userFacts(manager, principal.userId);
    if (!self || self.disabled || !mayWorkCases(self.roles)) throw notFound('Legal basis');
    const member = await this.repo.insertMember(manager, share.caseId, self, principal.userId);
    if (!member) throw badInput('legalBasisId', CaseReason.ALREADY_MEMBER, 'you are already a member of the case');
    await this.repo.sharing.acceptShare(manager, share.id, principal.userId);
    await this.repo.appendHistory(manager, share.caseId, [
      this.cases.entry(caller, 'CaseShare', share.id, 'UPDATE', 'acceptedBy', null, principal.userId),
      this.cases.entry(caller, 'CaseMember', principal.userId, 'CREATE', 'userId', null, principal.userId),
    ]);
    this.cases.addPurposeOf(caller, row);
    const both = (recordId: string): { id: string; organisationId: string }[] => [
      { id: recordId, organisationId: row.ownerOrganisationId },
      { id: recordId, organisationId: share.organisationId },
    ];
    caller.audit.touch(AuditAction.UPDATE, 'CaseShare', both(share.id));
    caller.audit.touch(AuditAction.CREATE, 'CaseMember', both(member.id));
    return member;
  }

  /** The owner's members end the membership of a partner organisation's user (audited for both organisations). */
  async endPartnerMembership(caller: Actor, manager: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const view = await this.cases.authorise(caller, manager, caseId, CaseOperation.MANAGE_PARTNER_MEMBERS, true);
    const members = await this.repo.membersOf(manager, [view.id]);
    const target = typeof userId === 'string' ? members.find((x) => x.userId === userId.toLowerCase()) : undefined;
    if (!target || isOwnOrganisation(caller.principal, target.organisationId))
      throw badInput('userId', CaseReason.NOT_A_PARTNER_MEMBER, 'not a member of a partner organisation on this case');
    await this.repo.deleteMember(manager, view.id, target.userId);
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseMember', target.userId, 'DELETE', 'userId', target.userId, null),
    ]);
    auditChildren(caller.audit, AuditAction.DELETE, 'CaseMember', view.ownerOrganisationId, [target]);
    caller.audit.touch(AuditAction.DELETE, 'CaseMember', [{ id: target.id, organisationId: target.organisationId }]);
    return true;
  }
}
