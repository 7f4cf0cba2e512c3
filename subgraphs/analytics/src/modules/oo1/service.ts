/**
 * ОО-1 (DOMAIN.md rule 23; the federal statistical form of general education), its contingent sections:
 * 2.1.1 classes and learners by grade, with girls; 2.1.2 learners by age on 1 January and grade, with girls.
 * Per organization, or summed over a municipality's or the region's schools. Every figure is a cell of a
 * report cube (`buildReport` over CONTINGENT), so the row scope and small-cell suppression are the report
 * builder's: an organization's own admin holds `pii:read` over it and sees every figure, the analyst gets
 * «к» where a figure stands for fewer than k learners (or would give such a figure away from the totals).
 */
import type { Executor } from '@region/db';
import { badInput, regionDate, schoolYearOf } from '@region/kit';
import type { AnalyticsPolicy } from '../../policy.ts';
import { fileName, type ReportFileResult } from '../exports/service.ts';
import { SUPPRESSED_MARK, render, type FileCell } from '@region/kit/table-files';
import { DIMENSIONS } from '../reports/catalog.ts';
import { labels } from '../reports/repository.ts';
import {
  buildReport,
  type ReportCell,
  type ReportInput,
  type ReportOptions,
  type ReportTable,
} from '../reports/service.ts';

export type Oo1Level = 'ORGANIZATION' | 'MUNICIPALITY' | 'REGION';

export interface Oo1Section {
  code: string;
  title: string;
  columns: string[];
  rows: { line: string; title: string; cells: ReportCell[] }[];
}

export interface Oo1FormData {
  level: Oo1Level;
  territory: string;
  on: string;
  ageOn: string;
  sections: Oo1Section[];
  suppressed: boolean;
  note: string | null;
  file: () => Promise<ReportFileResult>;
}

const GRADES = Array.from({ length: 11 }, (_, index) => index + 1);
/** Ages the form always lists; a learner of another age gets a line of their own. */
const FORM_AGES = Array.from({ length: 13 }, (_, index) => index + 6);
const TOTAL = '*';

/** A cube's cells by their coordinates, `*` for a rolled-up dimension. */
function cellsByCoordinates(table: ReportTable, dimensions: number): Map<string, ReportCell[]> {
  const map = new Map<string, ReportCell[]>();
  for (const row of [...table.rows, ...table.totals]) {
    const key = row.cells
      .slice(0, dimensions)
      .map((cell) => (cell.total ? TOTAL : String(cell.key)))
      .join('|');
    map.set(key, row.cells.slice(dimensions));
  }
  return map;
}

const zero = (): ReportCell => ({ key: null, label: null, value: 0, suppressed: false, total: false });
const line = (n: number) => String(n).padStart(2, '0');
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

export async function oo1Form(
  db: Executor,
  policy: AnalyticsPolicy,
  input: { organizationId?: string | null; municipalityId?: string | null; on?: string | null },
  options: ReportOptions,
): Promise<Oo1FormData> {
  if (input.organizationId && input.municipalityId)
    throw badInput('Укажите организацию или муниципалитет, не оба сразу.', 'municipalityId');
  const today = regionDate(options.now);
  const on = input.on ?? today;
  // Ages are counted on 1 January of the school year of the slice (the form's «на 1 января»).
  const ageOn = `${schoolYearOf(on) + 1}-01-01`;
  const level: Oo1Level = input.organizationId ? 'ORGANIZATION' : input.municipalityId ? 'MUNICIPALITY' : 'REGION';
  const territoryFilter = input.organizationId
    ? [{ dimension: 'ORGANIZATION' as const, values: [input.organizationId] }]
    : input.municipalityId
      ? [{ dimension: 'MUNICIPALITY' as const, values: [input.municipalityId] }]
      : [];
  const base: Pick<ReportInput, 'dataset' | 'filters' | 'on' | 'limit'> = {
    dataset: 'CONTINGENT',
    filters: [
      ...territoryFilter,
      { dimension: 'ORGANIZATION_TYPE', values: ['SCHOOL'] },
      { dimension: 'GRADE', values: GRADES.map(String) },
    ],
    on,
    limit: 5000,
  };
  const report = { minCellSize: options.minCellSize, now: options.now };
  const byGrade = await buildReport(
    db,
    policy,
    { ...base, dimensions: ['GRADE', 'GENDER'], measures: ['CLASSES', 'PERSONS'] },
    report,
  );
  const byAge = await buildReport(
    db,
    policy,
    { ...base, dimensions: ['AGE', 'GRADE', 'GENDER'], measures: ['PERSONS'], ageOn },
    report,
  );

  const grades = cellsByCoordinates(byGrade, 2);
  const ages = cellsByCoordinates(byAge, 3);
  const gradeCell = (grade: string, gender: string, measure: 0 | 1) =>
    grades.get(`${grade}|${gender}`)?.[measure] ?? zero();
  const ageCell = (age: string, grade: string, gender: string) => ages.get(`${age}|${grade}|${gender}`)?.[0] ?? zero();

  const section211: Oo1Section = {
    code: '2.1.1',
    title: 'Численность обучающихся и число классов по параллелям',
    columns: ['Число классов, ед.', 'Численность обучающихся, чел.', 'из них девочек, чел.'],
    rows: [
      ...GRADES.map((grade, index) => ({
        line: line(index + 1),
        title: `${grade} класс`,
        cells: [
          gradeCell(String(grade), TOTAL, 0),
          gradeCell(String(grade), TOTAL, 1),
          gradeCell(String(grade), 'FEMALE', 1),
        ],
      })),
      {
        line: line(GRADES.length + 1),
        title: `Всего (сумма строк 01–${line(GRADES.length)})`,
        cells: [gradeCell(TOTAL, TOTAL, 0), gradeCell(TOTAL, TOTAL, 1), gradeCell(TOTAL, 'FEMALE', 1)],
      },
    ],
  };

  const present = [...ages.keys()].map((key) => key.split('|')[0]!).filter((age) => age !== TOTAL && age !== 'null');
  const ageList = [...new Set([...FORM_AGES.map(String), ...present])].sort((a, b) => Number(a) - Number(b));
  const ageRow = (age: string) => [
    ageCell(age, TOTAL, TOTAL),
    ageCell(age, TOTAL, 'FEMALE'),
    ...GRADES.map((grade) => ageCell(age, String(grade), TOTAL)),
  ];
  const section212: Oo1Section = {
    code: '2.1.2',
    title: `Распределение обучающихся по возрасту (полных лет на ${ruDate(ageOn)}), полу и параллелям, чел.`,
    columns: ['Всего', 'из них девочек', ...GRADES.map((grade) => `${grade} класс`)],
    rows: [
      ...ageList.map((age, index) => ({ line: line(index + 1), title: `${age} лет`, cells: ageRow(age) })),
      { line: line(ageList.length + 1), title: 'Всего', cells: ageRow(TOTAL) },
    ],
  };

  const territory = await territoryName(db, input);
  const suppressed = byGrade.suppressed || byAge.suppressed;
  const note = byGrade.note ?? byAge.note;
  const sections = [section211, section212];
  return {
    level,
    territory,
    on,
    ageOn,
    sections,
    suppressed,
    note,
    file: async () => {
      const header = [
        'Форма № ОО-1: сведения об организации, осуществляющей образовательную деятельность по программам общего образования',
        `Территория: ${territory}`,
        `Контингент на ${ruDate(on)}; возраст — полных лет на ${ruDate(ageOn)}`,
        note ?? `Скрытых ячеек нет: каждая ячейка посчитана не меньше чем по ${options.minCellSize} человек.`,
      ];
      const file = await render(
        'XLSX',
        sections.map((section) => ({
          name: `Раздел ${section.code}`,
          header: [...header, `Раздел ${section.code}. ${section.title}`],
          columns: ['Наименование показателя', '№ строки', ...section.columns],
          rows: section.rows.map((row): FileCell[] => [
            row.title,
            row.line,
            ...row.cells.map((cell) => (cell.suppressed ? SUPPRESSED_MARK : cell.value)),
          ]),
        })),
      );
      return {
        filename: fileName(`ОО-1 ${territory}`, on, file.extension),
        contentType: file.contentType,
        contentBase64: file.body.toString('base64'),
        suppressed,
      };
    },
  };
}

async function territoryName(
  db: Executor,
  input: { organizationId?: string | null; municipalityId?: string | null },
): Promise<string> {
  if (input.organizationId) {
    const names = await labels(db, DIMENSIONS.ORGANIZATION.labels!, [input.organizationId]);
    return names.get(input.organizationId) ?? input.organizationId;
  }
  if (input.municipalityId) {
    const names = await labels(db, DIMENSIONS.MUNICIPALITY.labels!, [input.municipalityId]);
    return names.get(input.municipalityId) ?? input.municipalityId;
  }
  return 'Регион';
}
