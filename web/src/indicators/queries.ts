import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

export const Indicators = graphql(`
  query Indicators {
    indicators {
      code
      nameSv
      nameEn
      description
      reportedBy
      active
      threshold
      roundingBase
    }
  }
`);

export function useIndicators() {
  return useQuery(Indicators, { fetchPolicy: 'cache-first' });
}

export const IndicatorTableFields = graphql(`
  fragment IndicatorTableFields on IndicatorTable {
    indicatorCode
    year
    protected
    coarsened
    granularity
    requestedGranularity
    threshold
    roundingBase
    rows {
      area {
        id
        name
      }
      cells {
        period
        month
        value
        suppressed
        published
      }
      total {
        value
        suppressed
      }
    }
    columnTotals {
      period
      month
      value
      suppressed
      published
    }
    grandTotal {
      value
      suppressed
    }
  }
`);
