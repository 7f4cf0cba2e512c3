/**
 * Table files (issue 12, shared by every subgraph's exports since issue 15): CSV and XLSX of a table laid out
 * as sheets — lines of header (title, filters, the suppression note) above the table. A suppressed cell is written «к», as Rosstat marks figures
 * withheld to protect a small group of persons (DOMAIN.md rule 23). XLSX goes through exceljs' streaming
 * writer (rows are committed as they are written, nothing is kept per cell); CSV through csv-stringify.
 */
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** What Rosstat prints for a withheld figure. */
export const SUPPRESSED_MARK = 'к';

export type FileCell = string | number | null;

export interface Sheet {
  /** The worksheet's name (at most 31 characters, no `[]:*?/\`). */
  name: string;
  /** Lines above the table: title, territory and filters, the suppression note. */
  header: string[];
  columns: string[];
  rows: FileCell[][];
}

export type FileFormat = 'CSV' | 'XLSX';

export interface FileContent {
  contentType: string;
  extension: string;
  body: Buffer;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * CSV for a spreadsheet in Russian locale: `;` between fields and a decimal comma, as Excel and LibreOffice
 * read them under ru-RU, and a UTF-8 byte order mark so the Cyrillic opens as Cyrillic. One sheet per file.
 */
export function csv(sheet: Sheet): Buffer {
  const decimal = (cell: FileCell) => (typeof cell === 'number' ? String(cell).replace('.', ',') : (cell ?? ''));
  const text = stringify(
    [...sheet.header.map((line) => [line]), [], sheet.columns, ...sheet.rows.map((row) => row.map(decimal))],
    { delimiter: ';', record_delimiter: '\r\n' },
  );
  return Buffer.concat([Buffer.from('\ufeff'), Buffer.from(text, 'utf8')]);
}

export async function xlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    worksheet.columns = sheet.columns.map((_, index) => ({ width: index === 0 ? 40 : 16 }));
    for (const line of sheet.header) worksheet.addRow([line]).commit();
    worksheet.addRow([]).commit();
    const head = worksheet.addRow(sheet.columns);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    head.commit();
    for (const cells of sheet.rows) {
      const row = worksheet.addRow(cells.map((cell) => cell ?? ''));
      cells.forEach((cell, index) => {
        if (cell === SUPPRESSED_MARK) row.getCell(index + 1).alignment = { horizontal: 'right' };
      });
      row.commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

export async function render(format: FileFormat, sheets: readonly Sheet[]): Promise<FileContent> {
  switch (format) {
    case 'CSV':
      // A CSV holds one table: a multi-sheet form (ОО-1) comes as XLSX.
      return {
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
        body: Buffer.concat(sheets.map((sheet, index) => (index === 0 ? csv(sheet) : csv(sheet).subarray(3)))),
      };
    case 'XLSX':
      return { contentType: XLSX_TYPE, extension: 'xlsx', body: await xlsx(sheets) };
  }
}
