import { graphql } from '../../gql';
import type { CaseDetailsQuery } from '../../gql/graphql';

export const CaseDetails = graphql(`
  query CaseDetails($id: ID!) {
    case(id: $id) {
      id
      externalReference
      riskLevel
      status
      access
      openedAt
      closedAt
      owner {
        id
        name
      }
      members {
        userId
        displayName
        organisationId
        addedAt
      }
      legalBases {
        id
        kind
        statutoryGround
        consentScope
        consentGivenOn
        consentExpiresAt
        consentWithdrawnAt
        revokedAt
        active
        acceptedAt
        organisationId
        contactFunction
        createdAt
      }
      notes {
        id
        text
        audience
        authorId
        authorOrganisationId
        createdAt
      }
      tasks {
        id
        title
        status
        dueOn
        audience
        assignedOrganisationId
        assignedUserId
      }
      meetings {
        id
        heldOn
        decisions
        audience
        participantOrganisationIds
        authorOrganisationId
      }
      riskAssessments {
        id
        method
        level
        assessedOn
        assessorId
        assessorOrganisationId
        audience
      }
      history {
        id
        occurredAt
        action
        entityType
        field
        oldValue
        newValue
        actorUserId
        actorOrganisationId
      }
    }
    partnerships {
      id
      organisations {
        id
        name
      }
    }
  }
`);

export type CaseData = NonNullable<CaseDetailsQuery['case']>;

/** Names of the organisations the caller knows (its partnerships'), for ids in the case. */
export function organisationNames(data: CaseDetailsQuery | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of data?.partnerships ?? []) for (const o of p.organisations) names.set(o.id, o.name);
  if (data?.case) names.set(data.case.owner.id, data.case.owner.name);
  return names;
}
