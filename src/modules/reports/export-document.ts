/**
 * One model for every exported table (the report, activity lists, coverage, indicator tables) and
 * its three writers: CSV (Swedish Excel by default), xlsx (exceljs) and PDF (pdfmake, with bar
 * charts drawn as vectors). Every text cell goes through neutraliseFormula in every format.
 */
import ExcelJS from 'exceljs';
import { csvField, csvText, CsvSeparator, neutraliseFormula, type CellValue } from '../../shared/export-file';

export type ColumnKind = 'text' | 'integer' | 'share' | 'decimal' | 'date';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
}

export interface ExportSheet {
  /** The worksheet's name (at most 31 characters in xlsx). */
  name: string;
  title: string;
  columns: ExportColumn[];
  /** Shares are fractions 0 … 1 (written as percent). */
  rows: CellValue[][];
}

export interface ExportChart {
  title: string;
  bars: { label: string; value: number }[];
}

export interface ExportDocument {
  title: string;
  subtitle: string;
  /** Paragraphs shown before the tables in the PDF. */
  paragraphs: string[];
  sheets: ExportSheet[];
  charts: ExportChart[];
}

const text = (v: string): string => neutraliseFormula(v);

// --- CSV -------------------------------------------------------------------------------------------

/** The CSV of a document: each sheet as a section (title row, header row, rows), a blank line between. */
export function documentCsv(doc: ExportDocument, separator: CsvSeparator): string {
  const rows: string[][] = [];
  for (const sheet of doc.sheets) {
    if (doc.sheets.length > 1) {
      if (rows.length > 0) rows.push([]);
      rows.push([csvField(sheet.title, separator)]);
    }
    rows.push(sheet.columns.map((c) => csvField(c.header, separator)));
    for (const r of sheet.rows)
      rows.push(
        r.map((v, i) => {
          const kind = sheet.columns[i]?.kind;
          if (typeof v === 'number' && kind === 'share') return csvField(Math.round(v * 1000) / 10, separator, 1);
          if (typeof v === 'number' && kind === 'decimal') return csvField(v, separator, 2);
          return csvField(v, separator);
        }),
      );
  }
  return csvText(rows, separator);
}

// --- xlsx ------------------------------------------------------------------------------------------

export async function documentXlsx(doc: ExportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samverkan';
  workbook.title = text(doc.title);
  const used = new Set<string>();
  for (const sheet of doc.sheets) {
    let name = sheet.name.replace(/[[\]*?/\\:]/g, ' ').slice(0, 31) || 'Blad';
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${name.slice(0, 28)} ${i}`;
    used.add(name.toLowerCase());
    const ws = workbook.addWorksheet(name);
    ws.addRow([text(sheet.title)]).font = { bold: true, size: 13 };
    const header = ws.addRow(sheet.columns.map((c) => text(c.header)));
    header.font = { bold: true };
    for (const r of sheet.rows) {
      ws.addRow(
        r.map((v) => {
          if (v === null) return null;
          if (typeof v === 'number') return v;
          if (typeof v === 'object') return new Date(`${v.date}T00:00:00Z`);
          return text(v);
        }),
      );
    }
    sheet.columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.min(60, Math.max(12, c.header.length + 2));
      if (c.kind === 'share') column.numFmt = '0.0%';
      if (c.kind === 'decimal') column.numFmt = '0.00';
      if (c.kind === 'integer') column.numFmt = '0';
      if (c.kind === 'date') column.numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// --- PDF -------------------------------------------------------------------------------------------

/**
 * pdfmake's server entry (CommonJS). Its DefinitelyTyped package pulls the DOM library into the
 * whole server's types, so only the four calls used here are typed, by hand.
 */
interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pdfmake's server entry is CommonJS
const pdfmake = require('pdfmake') as PdfMake;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the font paths ship with pdfmake
const robotoFonts = require('pdfmake/fonts/Roboto') as Record<string, Record<string, string>>;
let pdfReady = false;

function preparePdf(): void {
  if (pdfReady) return;
  pdfmake.setFonts(robotoFonts);
  // Documents never load anything from the network or the disk beyond the fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  const fontFiles = new Set(Object.values(robotoFonts).flatMap((f) => Object.values(f)));
  pdfmake.setLocalAccessPolicy((file) => fontFiles.has(file));
  pdfReady = true;
}

const swedishNumber = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const swedishPercent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });

function pdfCell(v: CellValue, kind: ColumnKind | undefined): string {
  if (v === null) return '–';
  if (typeof v === 'number') return kind === 'share' ? swedishPercent.format(v) : swedishNumber.format(v);
  if (typeof v === 'object') return v.date;
  return text(v);
}

/** A horizontal bar chart drawn with vectors (pdfmake canvas): one bar per label, the value written beside it. */
function barChart(chart: ExportChart): unknown[] {
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  const barWidth = 300;
  const rowHeight = 16;
  return [
    { text: text(chart.title), style: 'h3', margin: [0, 10, 0, 4] },
    {
      columns: [
        {
          width: 170,
          stack: chart.bars.map((b) => ({ text: text(b.label), fontSize: 8, margin: [0, 3, 0, 3.6] })),
        },
        {
          width: barWidth + 10,
          canvas: chart.bars.map((b, i) => ({
            type: 'rect',
            x: 0,
            y: i * rowHeight + 2,
            w: Math.max(1, (b.value / max) * barWidth),
            h: rowHeight - 6,
            color: '#1f5f8b',
          })),
        },
        {
          width: 'auto',
          stack: chart.bars.map((b) => ({ text: swedishNumber.format(b.value), fontSize: 8, margin: [0, 3, 0, 3.6] })),
        },
      ],
    },
  ];
}

export async function documentPdf(doc: ExportDocument): Promise<Buffer> {
  preparePdf();
  const content: unknown[] = [
    { text: text(doc.title), style: 'h1' },
    { text: text(doc.subtitle), style: 'subtitle' },
    ...doc.paragraphs.map((p) => ({ text: text(p), margin: [0, 0, 0, 6] })),
  ];
  for (const chart of doc.charts) if (chart.bars.length > 0) content.push(...barChart(chart));
  for (const sheet of doc.sheets) {
    content.push({ text: text(sheet.title), style: 'h2' });
    content.push({
      table: {
        headerRows: 1,
        widths: sheet.columns.map((c) => (c.kind === 'text' ? '*' : 'auto')),
        body: [
          sheet.columns.map((c) => ({ text: text(c.header), bold: true, fillColor: '#e8eef3' })),
          ...(sheet.rows.length > 0
            ? sheet.rows.map((r) =>
                r.map((v, i) => ({
                  text: pdfCell(v, sheet.columns[i]?.kind),
                  alignment: sheet.columns[i]?.kind === 'text' ? 'left' : 'right',
                })),
              )
            : [sheet.columns.map((_, i) => ({ text: i === 0 ? 'Inga rader' : '' }))]),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
    });
  }
  const definition = {
    info: { title: text(doc.title), creator: 'Samverkan' },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    content,
    footer: (page: number, pages: number) => ({
      text: `${text(doc.title)} – sida ${page} av ${pages}`,
      alignment: 'center',
      fontSize: 7,
      color: '#666666',
    }),
    styles: {
      h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: '#444444', margin: [0, 0, 0, 10] },
      h2: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 10, bold: true },
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lang: 'sv' },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
