/**
 * Pure helpers of exported files: formula-injection neutralising, the CSV Swedish Excel opens, and
 * file names that keep å/ä/ö (RFC 6266 Content-Disposition with an RFC 5987 filename*).
 */

/** Characters that make a spreadsheet read a cell (or a part of one split off at a separator) as a formula. */
const FORMULA_START = /^[=+\-@\t\r|]/;
/** A separator or line break followed by a formula start: a part a parser splitting on it would read as a formula. */
const EMBEDDED_FORMULA = /([;,\t\r\n])([=+\-@|])/g;

/**
 * Text made inert in every spreadsheet under every separator: a leading formula character is
 * prefixed with a single quote, and so is one following any separator (`;` `,` tab) or line break
 * inside the text, so that `Kurs;=HYPERLINK("http://x");x` split on `;` yields no formula either.
 * The text stays readable; numbers are never passed through here.
 */
export function neutraliseFormula(text: string): string {
  const inner = text.replace(EMBEDDED_FORMULA, "$1'$2");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

export enum CsvSeparator {
  /** Swedish Excel: `;` between cells, decimal comma. */
  SEMICOLON = 'SEMICOLON',
  /** RFC 4180 as most tools read it: `,` between cells, decimal point. */
  COMMA = 'COMMA',
}

export type CellValue = string | number | { date: string } | null;

/** One cell under a separator: numbers with the decimal mark that goes with it, text neutralised and quoted. */
export function csvField(value: CellValue, separator: CsvSeparator, decimals?: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const text = decimals === undefined ? String(value) : value.toFixed(decimals);
    return separator === CsvSeparator.SEMICOLON ? text.replace('.', ',') : text;
  }
  if (typeof value === 'object') return value.date;
  const text = neutraliseFormula(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text with a byte-order mark (Excel reads UTF-8 only with it), CRLF line ends. */
export function csvText(rows: readonly string[][], separator: CsvSeparator): string {
  const sep = separator === CsvSeparator.SEMICOLON ? ';' : ',';
  return `\uFEFF${rows.map((r) => r.join(sep)).join('\r\n')}\r\n`;
}

const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', Å: 'A', Ä: 'A', Ö: 'O', é: 'e', É: 'E', ü: 'u', Ü: 'U' };

/** A file name safe on every system that keeps its letters (å, ä, ö): no path or control characters. */
export function safeFileName(name: string): string {
  return (
    name
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 150) || 'export'
  );
}

/** RFC 6266 Content-Disposition: an ASCII fallback and the UTF-8 name (RFC 5987 `filename*`). */
export function contentDisposition(fileName: string): string {
  const name = safeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]/g, (c) => FOLD[c] ?? '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
