import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

/** Areas, places and commitments the signed-in person's partnerships cover: the choices of forms and filters. */
const PreventionReference = graphql(`
  query PreventionReference {
    areas {
      id
      name
    }
    places {
      id
      name
      feltUnsafe
      cameraMonitored
      area {
        id
        name
      }
    }
    commitments {
      id
      title
      status
      periodStart
      periodEnd
      responsibleOrganisations {
        id
        name
      }
    }
  }
`);

export function usePreventionReference() {
  return useQuery(PreventionReference, { fetchPolicy: 'cache-first' });
}
