/**
 * CSV for the staff and completion imports, parsed by csv-parse: RFC 4180 quoting, CRLF or LF line
 * ends, UTF-8 with or without a byte-order mark, a header row, and either `;` (what Swedish Excel
 * writes) or `,` between cells — detected from the header row. Pure: parsing only, no rules about
 * the content.
 */
import { parse } from 'csv-parse/sync';

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** `;` when the header row (outside quotes) holds more semicolons than commas, else `,`. */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Rows of cells with the line each row starts on (1 = the header). Blank lines are skipped. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    // With `info: true` each record comes with its position; csv-parse's overloads type the plain form only.
    const records = parse(body, {
      delimiter: detectDelimiter(body),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records
      .map(({ record, info }) => ({ line: startLine(record, info.lines), cells: record }))
      .filter((r) => r.cells.length > 1 || r.cells[0]?.trim() !== '');
  } catch (error) {
    // Parsing a string fails only on its syntax (csv-parse's codes are e.g. CSV_QUOTE_NOT_CLOSED and
    // INVALID_OPENING_QUOTE): every such failure is the file's, explained by line, never a server error.
    const e = error as { code?: string; lines?: number };
    throw new CsvSyntaxError(
      typeof e.lines === 'number' && e.lines > 0 ? e.lines : 1,
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unterminated quoted field'
        : 'malformed CSV: a quote inside an unquoted field',
    );
  }
}

/** info.lines names the line a record ends on; it starts that many lines earlier as its quoted cells hold breaks. */
function startLine(record: string[], endLine: number): number {
  const inner = record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  return endLine - inner;
}

/** A name with diacritics folded (å → a, é → e), case and spacing ignored: for matching imported names. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
}
