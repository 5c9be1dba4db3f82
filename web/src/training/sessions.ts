import { graphql } from '../gql';

/** The sessions a coordinator sees (own and partners' joint ones) with their own staff's enrolments. */
export const TrainingSessions = graphql(`
  query TrainingSessions {
    trainingSessions(first: 200) {
      totalCount
      edges {
        node {
          id
          startsAt
          endsAt
          place
          instructor
          capacity
          enrolledCount
          waitlistedCount
          joint
          cancelledAt
          organisationId
          course {
            id
            code
            title
          }
          enrolments {
            id
            status
            staffMember {
              id
            }
          }
        }
      }
    }
  }
`);

export const Enrol = graphql(`
  mutation Enrol($sessionId: ID!, $staffMemberId: ID!) {
    enrol(sessionId: $sessionId, staffMemberId: $staffMemberId) {
      id
      status
      staffMember {
        id
        name
      }
    }
  }
`);
