import { graphql } from '../gql';

/** The organisation's staff register (200 at a time, by name); `search`: words the API finds in name, unit or job title. */
export const StaffRegister = graphql(`
  query StaffRegister($after: String, $search: String) {
    staffMembers(first: 200, after: $after, search: $search) {
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
