/** The partnership report as an exported document (CSV, xlsx, PDF): Swedish headers and labels. */
import type { CellValue } from '../../shared/export-file';
import type { ExportDocument, ExportSheet } from './export-document';
import {
  ACTIVITY_STATUS_SV,
  ACTIVITY_TYPE_SV,
  COMMITMENT_STATUS_SV,
  DIRECTION_SV,
  label,
  MEASURE_SV,
  ORGANISATION_KIND_SV,
} from './export-labels';
import type { PartnershipReport } from './partnership-report';

const quarterName = (q: number | null, year: number): string => (q === null ? `Helår ${year}` : `Kvartal ${q}`);

export function reportDocument(r: PartnershipReport): ExportDocument {
  const activities: ExportSheet = {
    name: 'Aktiviteter',
    title: `Aktiviteter per löfte, kvartal, typ och status ${r.year}`,
    columns: [
      { header: 'Löfte', kind: 'text' },
      { header: 'Period', kind: 'text' },
      { header: 'Typ', kind: 'text' },
      { header: 'Status', kind: 'text' },
      { header: 'Aktiviteter', kind: 'integer' },
      { header: 'Nådda personer', kind: 'integer' },
      { header: 'Platser', kind: 'integer' },
    ],
    rows: r.commitments.flatMap((c) =>
      c.periods.flatMap((p) => [
        ...p.byTypeAndStatus.map((x): CellValue[] => [
          c.title,
          quarterName(p.quarter, r.year),
          label(ACTIVITY_TYPE_SV, x.type),
          label(ACTIVITY_STATUS_SV, x.status),
          x.activities,
          x.peopleReached,
          null,
        ]),
        [c.title, quarterName(p.quarter, r.year), 'Alla', 'Alla', p.activities, p.peopleReached, p.placesCovered],
      ]),
    ),
  };
  const commitments: ExportSheet = {
    name: 'Löften',
    title: `Medborgarlöften ${r.year}`,
    columns: [
      { header: 'Löfte', kind: 'text' },
      { header: 'Ansvariga', kind: 'text' },
      { header: 'Status', kind: 'text' },
      { header: 'Från', kind: 'date' },
      { header: 'Till', kind: 'date' },
      { header: 'Aktiviteter', kind: 'integer' },
      { header: 'Varav endast egen organisation', kind: 'integer' },
      { header: 'Nådda personer', kind: 'integer' },
      { header: 'Platser', kind: 'integer' },
    ],
    rows: r.commitments.map((c) => {
      const year = c.periods[4];
      return [
        c.title,
        c.responsibleOrganisations.join(', '),
        label(COMMITMENT_STATUS_SV, c.status),
        { date: c.periodStart },
        { date: c.periodEnd },
        year.activities,
        c.organisationOnlyActivities,
        year.peopleReached,
        year.placesCovered,
      ];
    }),
  };
  const years = r.commitments[0]?.targets[0]?.values.map((v) => v.year) ?? [r.year - 3, r.year - 2, r.year - 1, r.year];
  const targets: ExportSheet = {
    name: 'Förväntad effekt',
    title: 'Förväntad effekt per löfte, mot tidigare år',
    columns: [
      { header: 'Löfte', kind: 'text' },
      { header: 'Förväntad effekt', kind: 'text' },
      { header: 'Mått', kind: 'text' },
      { header: 'Mål', kind: 'text' },
      ...years.map((y) => ({ header: String(y), kind: 'decimal' as const })),
      { header: 'Uppnått', kind: 'text' },
    ],
    rows: r.commitments.flatMap((c) =>
      c.targets.map((t): CellValue[] => {
        const share = t.measure === 'SURVEY_SHARE';
        return [
          c.title,
          t.description,
          share
            ? `${label(MEASURE_SV, t.measure)}: ${t.surveyQuestion} – ${t.surveyAnswer}`
            : label(MEASURE_SV, t.measure),
          `${label(DIRECTION_SV, t.direction)} ${share ? `${Math.round(t.targetValue * 1000) / 10} %` : t.targetValue}`,
          ...t.values.map((v) => (v.value === null ? null : share ? Math.round(v.value * 1000) / 10 : v.value)),
          t.met === null ? 'Ej mätt' : t.met ? 'Ja' : 'Nej',
        ];
      }),
    ),
  };
  const surveys: ExportSheet = {
    name: 'Trygghetsmätning',
    title: 'Trygghetsmätning per område och år (andel svarande)',
    columns: [
      { header: 'År', kind: 'integer' },
      { header: 'Område', kind: 'text' },
      { header: 'Svarande', kind: 'integer' },
      { header: 'Fråga', kind: 'text' },
      { header: 'Svar', kind: 'text' },
      { header: 'Andel', kind: 'share' },
    ],
    rows: r.surveys.flatMap((s) =>
      s.questions.flatMap((q) =>
        q.answers.map((a): CellValue[] => [s.year, s.areaName, s.respondents, q.question, a.answer, a.share]),
      ),
    ),
  };
  const training: ExportSheet = {
    name: 'Utbildning',
    title: `Utbildningstäckning ${r.training.on} (andel med giltigt intyg)`,
    columns: [
      { header: 'Organisation', kind: 'text' },
      { header: 'Kurs', kind: 'text' },
      { header: 'Roll', kind: 'text' },
      { header: 'Enhet', kind: 'text' },
      { header: 'Personal', kind: 'integer' },
      { header: 'Med giltigt intyg', kind: 'integer' },
      { header: 'Andel', kind: 'share' },
    ],
    rows: r.training.organisations.flatMap((o) => [
      ...o.requirements.map((q): CellValue[] => [
        o.organisationName,
        `${q.courseCode} ${q.courseTitle}`,
        q.role ?? 'Alla',
        q.unit,
        q.staffCount,
        q.coveredCount,
        q.share,
      ]),
      [o.organisationName, 'Alla krav', '', '', o.required, o.covered, o.share],
    ]),
  };
  const indicatorYears = r.indicators[0]?.years.map((y) => y.year) ?? [];
  const indicators: ExportSheet = {
    name: 'Indikatorer',
    title: 'Indikatorer per år (skyddade tabeller, samma siffror för alla parter)',
    columns: [
      { header: 'Indikator', kind: 'text' },
      { header: 'Rapporteras av', kind: 'text' },
      ...indicatorYears.map((y) => ({ header: String(y), kind: 'integer' as const })),
    ],
    rows: r.indicators.map((i): CellValue[] => [
      i.name,
      label(ORGANISATION_KIND_SV, i.reportedBy),
      ...i.years.map((y) => y.value),
    ]),
  };
  return {
    title: `Årsrapport ${r.year}: ${r.partnershipName}`,
    subtitle: `Gemensam uppföljning av medborgarlöftena – ${r.organisations.map((o) => o.name).join(', ')}`,
    paragraphs: [
      `Under ${r.year} genomfördes ${r.totals.activities} aktiviteter inom löftena, som nådde ${r.totals.peopleReached} personer på ${r.totals.placesCovered} platser. ${r.totals.organisationOnlyActivities} av aktiviteterna är inte delade i samverkan; de räknas i summorna utan detaljer.`,
      'Indikatorerna är skyddade med cellnyckelmetoden och avrundade; små tal visas aldrig exakt.',
    ],
    sheets: [commitments, activities, targets, surveys, training, indicators],
    charts: [
      {
        title: `Aktiviteter per kvartal ${r.year}`,
        bars: r.totals.byQuarter.map((q) => ({ label: `Kvartal ${q.quarter}`, value: q.activities })),
      },
      {
        title: `Aktiviteter per typ ${r.year}`,
        bars: r.totals.byType.map((t) => ({ label: label(ACTIVITY_TYPE_SV, t.type), value: t.activities })),
      },
      {
        title: 'Andel personal med giltigt intyg (%)',
        bars: r.training.organisations.map((o) => ({
          label: o.organisationName,
          value: Math.round(o.share * 1000) / 10,
        })),
      },
    ],
  };
}
