import type { DataSource } from 'typeorm';
import type { Actor } from '../../access/actor';
import { caseWorkerRoles, CaseOperation, mayWorkCases } from '../../access/case-access';
import { badInput } from '../../shared/errors';
import { AuditAction } from '../audit/audit.recorder';
import type { CaseRepository } from './case.repository';
import type { CaseService } from './case.service';

export const MAX_CANDIDATES = 50;
const MAX_SEARCH = 100;

/** A colleague who could be made a member of a case. */
export interface MemberCandidate {
  userId: string;
  displayName: string;
}

/**
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
    const m = this.dataSource.manager;
    const view = await this.cases.authorise(caller, m, caseId, CaseOperation.MANAGE_OWN_MEMBERS, false);
    const organisationId = caller.principal.organisationId;
    const rows = await this.repo.memberCandidates(m, view.id, organisationId, caseWorkerRoles(), words, MAX_CANDIDATES);
    // The query keeps to case workers of the caller's organisation; the access layer has the last word.
    const candidates = rows.filter((u) => u.organisationId === organisationId && mayWorkCases(u.roles));
    caller.audit.touch(
      AuditAction.READ,
      'User',
      candidates.map((u) => ({ id: u.id, organisationId: u.organisationId })),
    );
    return candidates.map((u) => ({ userId: u.id, displayName: u.displayName }));
  }
}

function searchWords(search: string | null | undefined): string[] {
  if (search === undefined || search === null) return [];
  if (search.length > MAX_SEARCH) throw badInput('search', `at most ${MAX_SEARCH} characters`);
  const words = search.normalize('NFC').split(/\s+/).filter(Boolean);
  if (words.length > 5) throw badInput('search', 'at most 5 words');
  return words;
}
