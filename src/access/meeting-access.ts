import { caseAccess, CaseAccessVia, CaseOperation, type CaseAccessFacts } from './case-access';
import { CaseContentAudience, CaseContentCategory, contentVisible, type CaseEdges } from './case-content';
import type { Principal } from './principal';

/**
 * Multi-agency meetings (src/modules/meetings). A meeting belongs to a partnership; its attendees
 * are organisations (and people of them). Its agenda holds cases; what a case's item says (the
 * case, its decision, its actions) is case content of category MEETING, so the case-access rules
 * decide who sees it: an attendee sees an item only when they may read the case now as a member
 * (the owner's, or a partner's under an active legal basis that covers meetings). Break-the-glass
 * is for one urgent case, not for meeting minutes. Everyone else sees that an item exists, no more.
 * Pure and deny-by-default: an exception inside a check denies.
 */
export interface MeetingFacts {
  partnershipId: string;
  attendeeOrganisationIds: readonly string[];
}

/** The caller's organisation attends the meeting, of one of the caller's partnerships. */
export function meetingVisible(principal: Principal | undefined, meeting: MeetingFacts | null | undefined): boolean {
  try {
    if (!principal || !meeting) return false;
    return (
      principal.partnershipIds.includes(meeting.partnershipId) &&
      meeting.attendeeOrganisationIds.includes(principal.organisationId)
    );
  } catch {
    return false;
  }
}

/** The caller may see the content of an agenda item about this case: `operation` READ, or WORK to change it. */
export function agendaCaseVisible(
  principal: Principal | undefined,
  facts: CaseAccessFacts | null | undefined,
  edges: CaseEdges | null | undefined,
  operation: CaseOperation.READ | CaseOperation.WORK = CaseOperation.READ,
): boolean {
  try {
    if (!principal || !facts || !edges) return false;
    const grant = caseAccess(principal, facts, operation);
    if (!grant || grant.via === CaseAccessVia.BREAK_GLASS) return false;
    return contentVisible(principal.organisationId, edges, {
      authorOrganisationId: edges.ownerOrganisationId,
      audience: CaseContentAudience.SHARED,
      category: CaseContentCategory.MEETING,
    });
  } catch {
    return false;
  }
}

/** An organisation may own an action on a case item when it could see the item: the owner, or a partner whose active share covers meetings. */
export function actionOwnerAllowed(edges: CaseEdges | null | undefined, organisationId: string): boolean {
  try {
    if (!edges) return false;
    return contentVisible(organisationId, edges, {
      authorOrganisationId: edges.ownerOrganisationId,
      audience: CaseContentAudience.SHARED,
      category: CaseContentCategory.MEETING,
    });
  } catch {
    return false;
  }
}
