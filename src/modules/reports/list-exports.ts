/** Activity lists, the coverage report and indicator tables as exported documents (Swedish headers and labels). */
import type { CellValue } from '../../shared/export-file';
import type { IndicatorTable } from '../indicators/indicator-tables';
import type { PreventionActivity } from '../prevention/prevention-activity.entity';
import type { CoverageRow } from '../training/training-coverage.report';
import type { ExportDocument } from './export-document';
import { ACTIVITY_STATUS_SV, ACTIVITY_TYPE_SV, label, VISIBILITY_SV } from './export-labels';
import { ACTIVITY_TYPE_SV as TYPES } from './export-labels';

const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const day = (at: Date | string | null): CellValue =>
  at === null ? null : { date: STOCKHOLM_DAY.format(new Date(at)) };

export interface ActivityNames {
  owner: (id: string) => string;
  area: (id: string) => string;
  place: (id: string | null) => string;
  commitment: (id: string | null) => string;
}

export function activitiesDocument(activities: readonly PreventionActivity[], names: ActivityNames): ExportDocument {
  const byType = new Map<string, number>();
  for (const a of activities) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
  return {
    title: 'Förebyggande aktiviteter',
    subtitle: `${activities.length} aktiviteter som du får se`,
    paragraphs: [],
    sheets: [
      {
        name: 'Aktiviteter',
        title: 'Förebyggande aktiviteter',
        columns: [
          { header: 'Datum', kind: 'date' },
          { header: 'Titel', kind: 'text' },
          { header: 'Typ', kind: 'text' },
          { header: 'Status', kind: 'text' },
          { header: 'Organisation', kind: 'text' },
          { header: 'Område', kind: 'text' },
          { header: 'Plats', kind: 'text' },
          { header: 'Löfte', kind: 'text' },
          { header: 'Nådda personer', kind: 'integer' },
          { header: 'Synlighet', kind: 'text' },
        ],
        rows: activities.map((a) => [
          day(a.startsAt),
          a.title,
          label(ACTIVITY_TYPE_SV, a.type),
          label(ACTIVITY_STATUS_SV, a.status),
          names.owner(a.organisationId),
          names.area(a.areaId),
          names.place(a.placeId),
          names.commitment(a.commitmentId),
          a.peopleReached,
          label(VISIBILITY_SV, a.visibility),
        ]),
      },
    ],
    charts: [
      {
        title: 'Aktiviteter per typ',
        bars: [...byType.entries()].map(([type, n]) => ({ label: label(TYPES, type), value: n })),
      },
    ],
  };
}

export function coverageDocument(on: string, rows: readonly CoverageRow[]): ExportDocument {
  return {
    title: `Utbildningstäckning ${on}`,
    subtitle: 'Andel personal med giltigt intyg per krav och enhet',
    paragraphs: [],
    sheets: [
      {
        name: 'Täckning',
        title: `Utbildningstäckning ${on}`,
        columns: [
          { header: 'Datum', kind: 'date' },
          { header: 'Kurskod', kind: 'text' },
          { header: 'Kurs', kind: 'text' },
          { header: 'Roll', kind: 'text' },
          { header: 'Enhet', kind: 'text' },
          { header: 'Personal', kind: 'integer' },
          { header: 'Med giltigt intyg', kind: 'integer' },
          { header: 'Andel', kind: 'share' },
          { header: 'Giltiga', kind: 'integer' },
          { header: 'Går snart ut', kind: 'integer' },
          { header: 'Utgångna', kind: 'integer' },
          { header: 'Saknas', kind: 'integer' },
          { header: 'Personal utan giltigt intyg', kind: 'text' },
        ],
        rows: rows.map((r) => [
          { date: on },
          r.course.code,
          r.course.title,
          r.role ?? 'Alla',
          r.unit,
          r.staffCount,
          r.coveredCount,
          r.share,
          r.valid,
          r.expiring,
          r.expired,
          r.missing,
          r.missingStaff.join('; '),
        ]),
      },
    ],
    charts: [
      {
        title: 'Andel med giltigt intyg (%)',
        bars: rows.map((r) => ({ label: `${r.course.code} ${r.unit}`, value: Math.round(r.share * 1000) / 10 })),
      },
    ],
  };
}

const PERIOD_SV: Record<string, (p: number) => string> = {
  MONTH: (p) => ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'][p - 1],
  QUARTER: (p) => `Kvartal ${p}`,
  YEAR: () => 'Helår',
};

export function indicatorDocument(name: string, table: IndicatorTable): ExportDocument {
  const periodLabel = PERIOD_SV[table.granularity] ?? ((p: number) => String(p));
  const periods = table.columnTotals.map((c) => c.period);
  const kind = table.protected ? 'skyddad tabell (cellnyckelmetoden)' : 'egna exakta siffror';
  return {
    title: `${name} ${table.year}`,
    subtitle: `Indikator ${table.indicatorCode}, ${kind}`,
    paragraphs: table.protected
      ? ['Tomma celler är ännu inte publicerade. Summor är summan av de publicerade cellerna.']
      : [],
    sheets: [
      {
        name: 'Indikator',
        title: `${name} ${table.year}`,
        columns: [
          { header: 'Område', kind: 'text' },
          ...periods.map((p) => ({ header: periodLabel(p), kind: 'integer' as const })),
          { header: 'Summa', kind: 'integer' },
        ],
        rows: [
          ...table.rows.map((r): CellValue[] => [r.area.name, ...r.cells.map((c) => c.value), r.total.value]),
          ['Summa', ...table.columnTotals.map((c) => c.value), table.grandTotal.value],
        ],
      },
    ],
    charts: [
      {
        title: `${name} per period`,
        bars: table.columnTotals.map((c) => ({ label: periodLabel(c.period), value: c.value ?? 0 })),
      },
    ],
  };
}
