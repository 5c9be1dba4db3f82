import { graphql } from '../../gql';

export const AuditEventRow = graphql(`
  fragment AuditEventRow on AuditEvent {
    id
    occurredAt
    action
    outcome
    entityType
    entityIds
    purpose
    operationName
    errorCode
    actorId
    actor {
      id
      displayName
      organisation {
        id
        name
      }
    }
  }
`);

export const AuditEvents = graphql(`
  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AuditEventRow
        }
      }
    }
  }
`);

export const AuditTrail = graphql(`
  query AuditTrail($entityType: String!, $entityId: ID!, $first: Int, $after: String) {
    auditTrail(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AuditEventRow
        }
      }
    }
  }
`);

export const ExportTrail = graphql(`
  query ExportAuditTrail($entityType: String!, $entityId: ID!, $from: DateTime, $to: DateTime) {
    exportAuditTrail(entityType: $entityType, entityId: $entityId, from: $from, to: $to) {
      filename
      contentType
      csv
      rowCount
      truncated
    }
  }
`);

export const VerifyLog = graphql(`
  query VerifyAuditLog {
    verifyAuditLog {
      ok
      checkedEvents
      checkedCheckpoints
      unsealedEvents
      firstInvalidEventId
      problem
    }
  }
`);

export const AuditOrganisations = graphql(`
  query AuditOrganisations {
    partnerships {
      id
      organisations {
        id
        name
      }
    }
  }
`);

/** The record types the audit log names most often (the entity types the API writes). */
export const ENTITY_TYPES = [
  'Case',
  'CaseTask',
  'CaseMeeting',
  'CaseNote',
  'RiskAssessment',
  'CaseMember',
  'CaseShare',
  'CaseBreakGlass',
  'CaseHistory',
  'User',
  'UserSession',
  'Organisation',
  'PreventionActivity',
  'StaffMember',
  'TrainingSession',
  'TrainingCompletion',
  'DetectionRecord',
];
