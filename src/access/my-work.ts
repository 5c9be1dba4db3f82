import { caseAccess, CaseOperation, type CaseAccessFacts } from './case-access';
import { CaseContentCategory, contentVisible, type CaseContentAudience, type CaseEdges } from './case-content';
import { agendaCaseVisible } from './meeting-access';
import type { Principal } from './principal';

/**
 * "My work" (`myTasks`): which tasks and actions belong on a person's own list. A work item is the
 * caller's when it is assigned to the caller, or to the caller's organisation without a person. A
 * case task appears only while the caller may read its case now (member, or partner under an active
 * legal basis — never through break-the-glass, which is for reading one case, not for a work list)
 * and the caller's organisation may see the task (audience and legal basis, `contentVisible`).
 * Pure and deny-by-default.
 */
export interface AssignedWork {
  assignedOrganisationId: string;
  assignedUserId: string | null;
}

export function assignedToCaller(principal: Principal | undefined, item: AssignedWork): boolean {
  if (!principal) return false;
  if (item.assignedUserId !== null) return item.assignedUserId === principal.userId;
  return item.assignedOrganisationId === principal.organisationId;
}

export interface CaseTaskFacts extends AssignedWork {
  authorOrganisationId: string;
  audience: CaseContentAudience;
}

export function caseTaskOnMyList(
  principal: Principal | undefined,
  facts: CaseAccessFacts | undefined,
  edges: CaseEdges | undefined,
  task: CaseTaskFacts,
): boolean {
  try {
    if (!principal || !facts || !edges || !facts.callerIsMember) return false;
    if (!caseAccess(principal, facts, CaseOperation.READ)) return false;
    if (!assignedToCaller(principal, task)) return false;
    return contentVisible(principal.organisationId, edges, {
      authorOrganisationId: task.authorOrganisationId,
      audience: task.audience,
      category: CaseContentCategory.TASK,
    });
  } catch {
    return false; // an exception inside a check denies
  }
}

/** A meeting action is on the list of its owner while the owner may see its agenda item (src/access/meeting-access.ts). */
export function meetingActionOnMyList(
  principal: Principal | undefined,
  facts: CaseAccessFacts | undefined,
  edges: CaseEdges | undefined,
  action: AssignedWork,
): boolean {
  try {
    return assignedToCaller(principal, action) && agendaCaseVisible(principal, facts, edges);
  } catch {
    return false;
  }
}

/**
 * The action of a safety walk's finding is on the list of everyone of its owner organisation (a finding's
 * action has an owner organisation, never a person; src/access/finding-access.ts lets that organisation read it).
 */
export function findingActionOnMyList(
  principal: Principal | undefined,
  action: { ownerOrganisationId: string },
): boolean {
  return assignedToCaller(principal, { assignedOrganisationId: action.ownerOrganisationId, assignedUserId: null });
}
