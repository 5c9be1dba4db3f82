import type { EntityManager } from 'typeorm';
import { OrganisationKind } from '../../access/roles';
import { stockholmDate } from '../../shared/dates';
import { seededRandom } from './seed-random';

/**
 * The indicators of DESIGN.md. Codes are stable: tables, tests and integrations refer to them. The
 * definitions and their default rule are reference data installed by the migration
 * InstallIndicatorDefinitions; the demo seed only records detections against them.
 */
export const INDICATORS: readonly {
  code: string;
  nameSv: string;
  nameEn: string;
  description: string;
  reportedBy: OrganisationKind;
}[] = [
  {
    code: 'SOC_FREDA_SCREENINGS',
    nameSv: 'Genomförda FREDA-kortfrågor',
    nameEn: 'FREDA short-question screenings done',
    description: 'Samtal där socialtjänsten ställt FREDA-kortfrågorna om våld.',
    reportedBy: OrganisationKind.SOCIAL_SERVICES,
  },
  {
    code: 'SOC_FREDA_DISCLOSED',
    nameSv: 'Screeningar där våld framkommit',
    nameEn: 'Screenings with disclosed violence',
    description: 'FREDA-kortfrågor där den tillfrågade berättat om våld i nära relation.',
    reportedBy: OrganisationKind.SOCIAL_SERVICES,
  },
  {
    code: 'SOC_CHILD_CONCERN_REPORTS',
    nameSv: 'Orosanmälningar om barn som upplevt våld',
    nameEn: 'Reports of concern about children exposed to violence',
    description: 'Inkomna orosanmälningar om barn som bevittnat eller utsatts för våld i nära relation.',
    reportedBy: OrganisationKind.SOCIAL_SERVICES,
  },
  {
    code: 'SOC_PROTECTED_HOUSING',
    nameSv: 'Placeringar i skyddat boende',
    nameEn: 'Placements in protected housing',
    description: 'Beslutade placeringar i skyddat boende för våldsutsatta.',
    reportedBy: OrganisationKind.SOCIAL_SERVICES,
  },
  {
    code: 'POL_CLOSE_RELATIONSHIP_OFFENCES',
    nameSv: 'Anmälda brott i nära relation',
    nameEn: 'Reported offences in close relationships',
    description: 'Anmälda brott där gärningsperson och brottsoffer har en nära relation.',
    reportedBy: OrganisationKind.POLICE,
  },
  {
    code: 'POL_RESTRAINING_ORDERS',
    nameSv: 'Kontaktförbud',
    nameEn: 'Restraining orders',
    description: 'Beslutade kontaktförbud (tidigare besöksförbud).',
    reportedBy: OrganisationKind.POLICE,
  },
  {
    code: 'POL_RISK_ASSESSMENTS',
    nameSv: 'Genomförda riskbedömningar',
    nameEn: 'Risk assessments made',
    description: 'Strukturerade riskbedömningar (t.ex. SARA:SV, PATRIARK) vid brott i nära relation.',
    reportedBy: OrganisationKind.POLICE,
  },
];

/** Mean detections per month in Danderyd and in Täby (Täby has about twice the population). */
const MONTHLY_MEAN: Record<string, [number, number]> = {
  SOC_FREDA_SCREENINGS: [7, 13],
  SOC_FREDA_DISCLOSED: [2, 4],
  SOC_CHILD_CONCERN_REPORTS: [3, 6],
  SOC_PROTECTED_HOUSING: [0.4, 0.9],
  POL_CLOSE_RELATIONSHIP_OFFENCES: [5, 11],
  POL_RESTRAINING_ORDERS: [0.6, 1.4],
  POL_RISK_ASSESSMENTS: [4, 8],
};

const FIRST_YEAR = 2023;
const LAST_YEAR = 2026;

/** Poisson-distributed count (Knuth), from the deterministic generator. */
function poisson(mean: number, next: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

export interface IndicatorSeedArea {
  areaId: string;
  /** 0: Danderyd, 1: Täby (which mean applies). */
  size: 0 | 1;
  /** Owner and recorder of the social-services indicators in this area. */
  socialServices: { organisationId: string; userId: string };
}

/**
 * Only when no detection record exists yet: monthly detection counts 2023–2026 for Danderyd and Täby up to today (nothing
 * in the future): social-services indicators owned by the municipality's social services,
 * police indicators by the police. Counts are small, so protected tables visibly suppress.
 */
export async function seedIndicators(
  manager: EntityManager,
  input: { police: { organisationId: string; userId: string }; areas: IndicatorSeedArea[]; now?: Date },
): Promise<number> {
  const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM detection_record`);
  if (n > 0) return 0;

  const today = stockholmDate(input.now ?? new Date());
  const rows: { code: string; areaId: string; on: string; count: number; organisationId: string; userId: string }[] =
    [];
  INDICATORS.forEach((d, di) => {
    for (const area of input.areas) {
      const owner = d.reportedBy === OrganisationKind.POLICE ? input.police : area.socialServices;
      const next = seededRandom(1_000 * (di + 1) + area.size);
      for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
        for (let month = 1; month <= 12; month++) {
          const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
          // Slightly more in winter and around the holidays, as services report.
          const season = month === 12 || month <= 2 ? 1.2 : month >= 6 && month <= 8 ? 0.85 : 1;
          let left = poisson(MONTHLY_MEAN[d.code][area.size] * season, next);
          // Recorded in one to three batches a month, on working-day-like dates.
          while (left > 0) {
            const count = Math.min(left, 1 + Math.floor(next() * Math.max(1, left)));
            left -= count;
            const day = 1 + Math.floor(next() * days);
            const on = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            if (on <= today)
              rows.push({
                code: d.code,
                areaId: area.areaId,
                on,
                count,
                organisationId: owner.organisationId,
                userId: owner.userId,
              });
          }
        }
      }
    }
  });
  if (rows.length === 0) return 0;
  await manager.query(
    `INSERT INTO detection_record (indicator_code, area_id, occurred_on, count, organisation_id, recorded_by, recorded_at)
     SELECT code, area, day, count, org, usr, least(day::timestamptz + interval '16 hours', now())
       FROM unnest($1::text[], $2::uuid[], $3::date[], $4::int[], $5::uuid[], $6::uuid[]) AS r(code, area, day, count, org, usr)`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.areaId),
      rows.map((r) => r.on),
      rows.map((r) => r.count),
      rows.map((r) => r.organisationId),
      rows.map((r) => r.userId),
    ],
  );
  return rows.length;
}
