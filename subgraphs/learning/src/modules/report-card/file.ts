/**
 * The сводная ведомость as a file (CSV or XLSX through the kit's table files, as analytics' `reportFile`): built
 * from the very sheet `summarySheet` answers the same principal — the same access check, the same numbers — with
 * the learners' names as people shows them to that principal (people-names.ts).
 */
import { regionDate } from '@region/kit';
import { render, type FileCell, type FileFormat, type Sheet } from '@region/kit/table-files';
import type { SummarySheetData } from './summary.ts';

export interface SummaryFile {
  filename: string;
  contentType: string;
  contentBase64: string;
}

const VALUE_TEXT: Record<string, string> = { PASS: 'зач', FAIL: 'незач', NA: 'н/а' };
const markText = (value: string | null): FileCell =>
  value === null ? '' : /^[2-5]$/.test(value) ? Number(value) : VALUE_TEXT[value]!;
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/** The sheet: one row per learner, then the subjects' totals; columns as on the screen. */
export function summaryFileSheet(data: SummarySheetData, names: Map<string, string>, today: string): Sheet {
  const title = `Сводная ведомость ${data.class.name}, ${data.period.name}`;
  return {
    name: `${data.class.name} ${data.period.name}`,
    header: [
      title,
      `Период: с ${ruDate(data.period.startsOn)} по ${ruDate(data.period.endsOn)}`,
      `Сформирована ${ruDate(today)}`,
    ],
    columns: [
      '№',
      'Обучающийся',
      ...data.subjects.map((subject) => subject.name),
      'Средний балл',
      'Отметок «2»',
      'Отметок «н/а»',
      'Пропущено уроков',
      'Из них по уважительной причине',
    ],
    rows: [
      ...data.rows.map((row, index): FileCell[] => [
        index + 1,
        names.get(row.studentId) ?? 'Нет доступа к имени',
        ...row.values.map(markText),
        row.average,
        row.twos,
        row.notAttested,
        row.attendance.missed,
        row.attendance.excused,
      ]),
      [
        null,
        'По классу',
        ...data.subjectTotals.map((total) => total.average),
        data.average,
        data.subjectTotals.reduce((sum, total) => sum + total.twos, 0),
        data.subjectTotals.reduce((sum, total) => sum + total.notAttested, 0),
        data.rows.reduce((sum, row) => sum + row.attendance.missed, 0),
        data.rows.reduce((sum, row) => sum + row.attendance.excused, 0),
      ],
    ],
  };
}

export async function summaryFile(
  data: SummarySheetData,
  names: Map<string, string>,
  format: FileFormat,
  now: Date,
): Promise<SummaryFile> {
  const today = regionDate(now);
  const file = await render(format, [summaryFileSheet(data, names, today)]);
  const base = `Сводная_ведомость_${data.class.name}_${data.period.name}_${today}`.replace(/[^\p{L}\p{N}-]+/gu, '_');
  return {
    filename: `${base}.${file.extension}`,
    contentType: file.contentType,
    contentBase64: file.body.toString('base64'),
  };
}
