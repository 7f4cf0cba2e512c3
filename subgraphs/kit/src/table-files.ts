/**
 * Table files (issue 12, shared by every subgraph's exports since issue 15): CSV and XLSX of a table laid out
 * as sheets — lines of header (title, filters, the suppression note) above the table. A suppressed cell is written «к», as Rosstat marks figures
 * withheld to protect a small group of persons (DOMAIN.md rule 23). XLSX goes through exceljs' streaming
 * writer (rows are committed as they are written, nothing is kept per cell); CSV through csv-stringify.
 */
import { PassThrough, type Writable } from 'node:stream';
import { stringify as stringifyStream } from 'csv-stringify';
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

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export function contentTypeOf(format: FileFormat): { contentType: string; extension: string } {
  return format === 'CSV' ? { contentType: CSV_TYPE, extension: 'csv' } : { contentType: XLSX_TYPE, extension: 'xlsx' };
}

const decimal = (cell: FileCell) => (typeof cell === 'number' ? String(cell).replace('.', ',') : (cell ?? ''));
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * CSV for a spreadsheet in Russian locale: `;` between fields and a decimal comma, as Excel and LibreOffice
 * read them under ru-RU, and a UTF-8 byte order mark so the Cyrillic opens as Cyrillic. One sheet per file.
 */
export function csv(sheet: Sheet): Buffer {
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
    const worksheet = workbook.addWorksheet(sheetName(sheet.name));
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
        contentType: CSV_TYPE,
        extension: 'csv',
        body: Buffer.concat(sheets.map((sheet, index) => (index === 0 ? csv(sheet) : csv(sheet).subarray(3)))),
      };
    case 'XLSX':
      return { contentType: XLSX_TYPE, extension: 'xlsx', body: await xlsx(sheets) };
  }
}

/** Resolves when `stream` drains, or when `out` is gone (then nothing will ever drain). */
function drained(stream: NodeJS.EventEmitter, out: Writable): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      out.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    out.once('close', done);
  });
}

/** A sheet whose rows arrive in batches (a database cursor, a list paged by its keyset). */
export interface StreamedSheet {
  name: string;
  header: string[];
  columns: string[];
  rows: AsyncIterable<readonly FileCell[][]>;
}

/**
 * Writes one sheet to `out` batch by batch (issue 12: exports streamed, not built in memory): CSV through
 * csv-stringify's stream API, XLSX through exceljs' streaming `WorkbookWriter`, each row committed as it is
 * written. A batch is written only when `out` has drained the previous one, so memory holds about one batch
 * whatever the file's length. The layout is `csv()`'s and `xlsx()`'s: header lines, a blank line, the columns.
 */
export async function writeTableFile(format: FileFormat, sheet: StreamedSheet, out: Writable): Promise<void> {
  switch (format) {
    case 'CSV':
      return writeCsv(sheet, out);
    case 'XLSX':
      return writeXlsx(sheet, out);
  }
}

async function writeCsv(sheet: StreamedSheet, out: Writable): Promise<void> {
  const stringifier = stringifyStream({ delimiter: ';', record_delimiter: '\r\n', bom: true });
  stringifier.pipe(out, { end: true });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
    stringifier.once('error', reject);
  });
  const write = async (record: readonly (string | number)[]) => {
    if (!stringifier.write(record)) await drained(stringifier, out);
  };
  for (const line of sheet.header) await write([line]);
  await write([]);
  await write(sheet.columns);
  for await (const batch of sheet.rows) {
    // The reader went away (a closed download): stop reading the cursor, which closes it.
    if (out.destroyed) break;
    for (const row of batch) await write(row.map(decimal));
  }
  stringifier.end();
  await finished;
}

async function writeXlsx(sheet: StreamedSheet, out: Writable): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheetName(sheet.name));
  worksheet.columns = sheet.columns.map((_, index) => ({ width: index === 0 ? 40 : 16 }));
  for (const line of sheet.header) worksheet.addRow([line]).commit();
  worksheet.addRow([]).commit();
  const head = worksheet.addRow(sheet.columns);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  head.commit();
  for await (const batch of sheet.rows) {
    if (out.destroyed) break;
    for (const cells of batch) {
      const row = worksheet.addRow(cells.map((cell) => cell ?? ''));
      cells.forEach((cell, index) => {
        if (cell === SUPPRESSED_MARK) row.getCell(index + 1).alignment = { horizontal: 'right' };
      });
      row.commit();
    }
    // exceljs writes committed rows into its zip stream without waiting for the reader: wait here instead.
    if (out.writableNeedDrain) await drained(out, out);
  }
  worksheet.commit();
  await workbook.commit();
  await finished;
}
