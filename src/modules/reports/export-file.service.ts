import { contentDisposition, CsvSeparator, safeFileName } from '../../shared/export-file';
import { documentCsv, documentPdf, documentXlsx, type ExportDocument } from './export-document';
import { ExportFormat } from './dto/partnership-report.dto';

export interface ExportedFile {
  filename: string;
  contentType: string;
  contentDisposition: string;
  base64: string;
}

const TYPES: Record<ExportFormat, { extension: string; contentType: string }> = {
  [ExportFormat.CSV]: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  [ExportFormat.XLSX]: {
    extension: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  [ExportFormat.PDF]: { extension: 'pdf', contentType: 'application/pdf' },
};

/** Writes a document in the format asked for; the name keeps its letters (å/ä/ö). */
export async function exportFile(
  doc: ExportDocument,
  baseName: string,
  format: ExportFormat,
  separator: CsvSeparator = CsvSeparator.SEMICOLON,
): Promise<ExportedFile> {
  const type = TYPES[format];
  const filename = `${safeFileName(baseName)}.${type.extension}`;
  let bytes: Buffer;
  if (format === ExportFormat.CSV) bytes = Buffer.from(documentCsv(doc, separator), 'utf8');
  else if (format === ExportFormat.XLSX) bytes = await documentXlsx(doc);
  else bytes = await documentPdf(doc);
  return {
    filename,
    contentType: type.contentType,
    contentDisposition: contentDisposition(filename),
    base64: bytes.toString('base64'),
  };
}
