import { graphql } from '../gql';

/** The organisation's staff register (the first 200, by name). */
export const StaffRegister = graphql(`
  query StaffRegister($after: String) {
    staffMembers(first: 200, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          unit
          title
          userId
        }
      }
    }
  }
`);
