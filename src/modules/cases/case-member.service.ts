import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { caseWorkerRoles, CaseOperation, isOwnOrganisation, mayWorkCases } from '../../access/case-access';
import { badInput, InputReason } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import type { CaseRepository, MemberRow, UserFacts } from './case.repository';
import type { CaseService } from './case.service';
import { auditChildren, UUID } from './case.support';
import { CaseReason } from './cases.reasons';

export const MAX_CANDIDATES = 50;
const MAX_SEARCH = 100;

/** A colleague who could be made a member of a case. */
export interface MemberCandidate {
  userId: string;
  displayName: string;
}

/**
 * The members of a case: who is added and removed, and whom a member may add.
 *
 * Who a member may add to a case: the case workers of the member's own organisation who are not
 * members yet. Need-to-know: only a caller who may add members to this case (`MANAGE_OWN_MEMBERS`,
 * a member of the owner, or of a partner while its legal basis is active) learns these names, and
 * only those of its own organisation; anyone else gets NOT_FOUND for the case, as for `addCaseMember`.
 */
export class CaseMemberService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly repo: CaseRepository,
  ) {}

  async candidates(caller: Actor, caseId: string, search: string | null | undefined): Promise<MemberCandidate[]> {
    const words = searchWords(search);
    const manager = this.dataSource.manager;
    const view = await this.cases.authorise(caller, manager, caseId, CaseOperation.MANAGE_OWN_MEMBERS, false);
    const organisationId = caller.principal.organisationId;
    const rows = await this.repo.memberCandidates(
      manager,
      view.id,
      organisationId,
      caseWorkerRoles(),
      words,
      MAX_CANDIDATES,
    );
    // The query keeps to case workers of the caller's organisation; the access layer has the last word.
    const candidates = rows.filter((u) => u.organisationId === organisationId && mayWorkCases(u.roles));
    caller.audit.touch(
      AuditAction.READ,
      'User',
      candidates.map((u) => ({ id: u.id, organisationId: u.organisationId })),
    );
    return candidates.map((u) => ({ userId: u.id, displayName: u.displayName }));
  }

  /**
   * The owner's members add users of the owner organisation; once sharing is active, a partner
   * organisation's case workers add their own colleagues. Only users who can work cases at all.
   */
  async add(caller: Actor, manager: EntityManager, caseId: string, userId: string): Promise<MemberRow> {
    const view = await this.cases.authorise(caller, manager, caseId, CaseOperation.MANAGE_OWN_MEMBERS, true);
    const principal = caller.principal;
    const user = await this.ownOrganisationUser(caller, manager, userId);
    // Nobody adds themselves (a member already is one; anyone else is refused above).
    if (user.id === principal.userId) throw badInput('userId', CaseReason.SELF_ADD, 'nobody adds themselves to a case');
    if (user.disabled || !mayWorkCases(user.roles))
      throw badInput(
        'userId',
        CaseReason.USER_DOES_NOT_WORK_CASES,
        'the user does not work cases (social worker or police liaison)',
      );
    const member = await this.repo.insertMember(manager, view.id, user, principal.userId);
    if (!member) throw badInput('userId', CaseReason.ALREADY_MEMBER, 'is already a member of the case');
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseMember', user.id, 'CREATE', 'userId', null, user.id),
    ]);
    auditChildren(caller.audit, AuditAction.CREATE, 'CaseMember', view.ownerOrganisationId, [member]);
    // A partner's member added by a colleague: the partner's auditors see it too.
    caller.audit.touch(AuditAction.CREATE, 'CaseMember', [{ id: member.id, organisationId: member.organisationId }]);
    return member;
  }

  /** A user of the caller's own organisation (members are managed per organisation); any other answers like an unknown one. */
  private async ownOrganisationUser(caller: Actor, manager: EntityManager, userId: string): Promise<UserFacts> {
    const user = UUID.test(userId ?? '') ? await this.repo.userFacts(manager, userId) : null;
    if (!user || !isOwnOrganisation(caller.principal, user.organisationId))
      throw badInput('userId', CaseReason.UNKNOWN_USER, 'unknown user of your organisation');
    return user;
  }

  async remove(caller: Actor, manager: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const view = await this.cases.authorise(caller, manager, caseId, CaseOperation.MANAGE_OWN_MEMBERS, true);
    const user = await this.ownOrganisationUser(caller, manager, userId);
    if (
      user.organisationId === view.ownerOrganisationId &&
      (await this.repo.memberCount(manager, view.id, view.ownerOrganisationId)) <= 1
    ) {
      throw badInput(
        'userId',
        CaseReason.LAST_OWNER_MEMBER,
        'the last member of the owner organisation cannot be removed',
      );
    }
    const removed = await this.repo.deleteMember(manager, view.id, user.id);
    if (!removed) throw badInput('userId', CaseReason.NOT_A_MEMBER, 'is not a member of the case');
    await this.repo.appendHistory(manager, view.id, [
      this.cases.entry(caller, 'CaseMember', user.id, 'DELETE', 'userId', user.id, null),
    ]);
    auditChildren(caller.audit, AuditAction.DELETE, 'CaseMember', view.ownerOrganisationId, [removed]);
    caller.audit.touch(AuditAction.DELETE, 'CaseMember', [{ id: removed.id, organisationId: removed.organisationId }]);
    return true;
  }
}

function searchWords(search: string | null | undefined): string[] {
  if (search === undefined || search === null) return [];
  if (search.length > MAX_SEARCH)
    throw badInput('search', InputReason.TEXT_TOO_LONG, `at most ${MAX_SEARCH} characters`);
  const words = search.normalize('NFC').split(/\s+/).filter(Boolean);
  if (words.length > 5) throw badInput('search', InputReason.TOO_MANY_WORDS, 'at most 5 words');
  return words;
}
