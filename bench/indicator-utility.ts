/**
 * Utility of the cell-key method: the mean absolute deviation between published and true values,
 * per granularity, over every (indicator, owner, area, year) of detection_monthly with complete
 * years (docs/indicator-protection.md, "Utility"). Every period is treated as published, with no
 * coarsening, so the figures describe the method itself.
 *
 * Used by the indicators bench scenario (its million records) and runnable on the demo data:
 *   npm run build && DATABASE_URL=postgres://… node dist/bench/indicator-utility.js
 * (a scratch database, migrated, seeded, measured and dropped; five random secrets).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { loadConfig } from '../src/config/config';
import { withMigratedScratchDatabase } from '../src/db/scratch';
import { seedDemoData } from '../src/db/seed/demo-seed';
import { addKeys, cellKey, perturb, type ProtectionRule } from '../src/modules/indicators/indicator-protection';
import { DEFAULT_RULE } from '../src/modules/indicators/indicator-rule';

export interface MonthRow {
  indicatorCode: string;
  organisationId: string;
  areaId: string;
  year: number;
  month: number;
  total: number;
  keySum: number;
}

export interface UtilityFigures {
  granularity: 'MONTH' | 'QUARTER' | 'YEAR';
  cells: number;
  /** Mean true value of a cell. */
  meanTrue: number;
  /** Mean |published − true| over all cells, over the cells with a true value 1 … k−1, and over those ≥ k. */
  mad: number;
  madSmall: number;
  madLarge: number;
  /** Mean |published year total − true year total| when the total is the sum of the published cells. */
  madYearTotal: number;
}

export const UTILITY_SQL = `SELECT indicator_code AS "indicatorCode", organisation_id AS "organisationId", area_id AS "areaId", year, month,
  total::int AS total, key_sum::float8 AS "keySum" FROM detection_monthly WHERE year < extract(year FROM current_date)`;

export function utility(
  rows: readonly MonthRow[],
  secret: Buffer,
  rule: ProtectionRule = DEFAULT_RULE,
): UtilityFigures[] {
  const rowsOf = new Map<string, { count: number; keySum: number }[]>();
  for (const r of rows) {
    const key = `${r.indicatorCode}|${r.organisationId}|${r.areaId}|${r.year}`;
    const months = rowsOf.get(key) ?? Array.from({ length: 12 }, () => ({ count: 0, keySum: 0 }));
    months[r.month - 1] = {
      count: months[r.month - 1].count + r.total,
      keySum: addKeys(months[r.month - 1].keySum, r.keySum),
    };
    rowsOf.set(key, months);
  }
  return (
    [
      ['MONTH', 1],
      ['QUARTER', 3],
      ['YEAR', 12],
    ] as const
  ).map(([granularity, size]) => {
    let cells = 0;
    let trueSum = 0;
    let dev = 0;
    let small = 0;
    let devSmall = 0;
    let large = 0;
    let devLarge = 0;
    let devYear = 0;
    for (const months of rowsOf.values()) {
      let yearTrue = 0;
      let yearPublished = 0;
      for (let start = 0; start < 12; start += size) {
        const part = months.slice(start, start + size);
        const count = part.reduce((a, c) => a + c.count, 0);
        const keySum = part.reduce((a, c) => addKeys(a, c.keySum), 0);
        const published = perturb(count, cellKey(secret, keySum), rule);
        const d = Math.abs(published - count);
        cells++;
        trueSum += count;
        dev += d;
        if (count >= 1 && count < rule.threshold) {
          small++;
          devSmall += d;
        } else if (count >= rule.threshold) {
          large++;
          devLarge += d;
        }
        yearTrue += count;
        yearPublished += published;
      }
      devYear += Math.abs(yearPublished - yearTrue);
    }
    return {
      granularity,
      cells,
      meanTrue: trueSum / cells,
      mad: dev / cells,
      madSmall: small > 0 ? devSmall / small : 0,
      madLarge: large > 0 ? devLarge / large : 0,
      madYearTotal: devYear / rowsOf.size,
    };
  });
}

export async function utilityOf(pool: Pool, secret: Buffer): Promise<UtilityFigures[]> {
  return utility((await pool.query<MonthRow>(UTILITY_SQL)).rows, secret);
}

export function describeUtility(figures: readonly UtilityFigures[]): string {
  return figures
    .map(
      (f) =>
        `${f.granularity}: ${f.cells} cells, mean true ${f.meanTrue.toFixed(2)}, MAD ${f.mad.toFixed(3)} ` +
        `(true 1…k−1: ${f.madSmall.toFixed(3)}, true ≥ k: ${f.madLarge.toFixed(3)}); year total as the sum of the cells: MAD ${f.madYearTotal.toFixed(3)}`,
    )
    .join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const rows: MonthRow[] = await withMigratedScratchDatabase(config, async (ds) => {
    await seedDemoData(ds, { nodeEnv: 'test', password: config.seedPassword });
    return ds.query(UTILITY_SQL);
  });
  // Five random secrets on the same records: the figures move a little with the secret.
  for (let run = 1; run <= 5; run++) {
    console.log(
      `Demo data (complete years), k = ${DEFAULT_RULE.threshold}, rounding base ${DEFAULT_RULE.roundingBase}, secret ${run} of 5:`,
    );
    console.log(describeUtility(utility(rows, randomBytes(32))));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
