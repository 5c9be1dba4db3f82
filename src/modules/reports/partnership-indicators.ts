import type { EntityManager } from 'typeorm';
import type { PartnershipTopology } from '../../access/access';
import type { PublicationPolicy } from '../indicators/indicator-publication';
import { DEFAULT_RULE, ruleForYear } from '../indicators/indicator-rule';
import {
  frozenCells,
  IndicatorGranularity,
  protectedTable,
  uniquePairs,
  wantedMonths,
} from '../indicators/indicator-tables';
import { IndicatorRepository, type OwnerArea } from '../indicators/indicator.repository';

export interface ReportIndicatorYear {
  year: number;
  /** The protected yearly figure of the partnership's areas; null while not published. */
  value: number | null;
  suppressed: boolean;
}

export interface ReportIndicator {
  code: string;
  name: string;
  reportedBy: string;
  years: ReportIndicatorYear[];
}

/**
 * The partnership's indicators at yearly granularity, protected for every reader alike (the owner's
 * own figures too): the same frozen publications and cell keys as a partner's `indicatorTable`, over
 * the organisations of the partnership and the areas it covers. So every partner reads the same numbers.
 */
export async function partnershipIndicators(
  manager: EntityManager,
  partnership: PartnershipTopology,
  fromYear: number,
  toYear: number,
  today: string,
  options: { cellKeySecret: Buffer; publication: PublicationPolicy },
): Promise<ReportIndicator[]> {
  const repo = new IndicatorRepository();
  const definitions = await repo.definitions(manager);
  const allPairs: OwnerArea[] = partnership.organisationIds.flatMap((organisationId) =>
    partnership.areaIds.map((areaId) => ({ organisationId, areaId })),
  );
  const result: ReportIndicator[] = [];
  for (const d of definitions) {
    const data = await repo.tableData(manager, d.code, fromYear, toYear, allPairs, partnership.areaIds);
    if (!data) continue;
    const pairs = uniquePairs(
      allPairs.filter((p) => data.organisationKinds.get(p.organisationId) === data.definition.reportedBy),
    );
    const { wanted, points } = wantedMonths(fromYear, toYear, today, options.publication);
    const published = await repo.publishedMonths(manager, d.code, pairs, wanted);
    const years: ReportIndicatorYear[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      const rule = ruleForYear(data.versions, year) ?? { ...DEFAULT_RULE, validFrom: '2000-01-01' };
      const table = protectedTable(
        d.code,
        year,
        rule,
        data.areas,
        frozenCells(data.areas, published, points, year),
        IndicatorGranularity.YEAR,
        options.cellKeySecret,
      );
      years.push({ year, value: table.grandTotal.value, suppressed: table.grandTotal.suppressed });
    }
    result.push({ code: d.code, name: d.nameSv, reportedBy: d.reportedBy, years });
  }
  return result;
}
