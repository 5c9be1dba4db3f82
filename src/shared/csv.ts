/**
 * One CSV cell (RFC 4180). Text a spreadsheet would read as a formula (starting with =, +, -, @, a
 * tab or a carriage return) is prefixed with a single quote (CSV/formula injection); a cell holding
 * a quote, comma, semicolon or line break is quoted, inner quotes doubled. Numbers are written as
 * they are. Absent values are empty cells.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
