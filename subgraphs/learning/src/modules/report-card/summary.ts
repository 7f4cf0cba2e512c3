/**
 * The сводная ведомость (issue 15 §2): by class and study period, each learner × subject period marks, the
 * learner's and the subject's averages, counts of «2» and «н/а», lessons missed and, of them, for a good
 * reason. Opened by an admin of the school (завуч) and by the class's own class teacher; everyone else —
 * another class's teacher, another school's admin — is refused with FORBIDDEN (the class exists, its id is no
 * personal data). Six statements whatever the class size (tests: report-card.test.ts).
 */
import { badInput, forbidden, notFound } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { person } from '../references.ts';
import { membersDuring } from '../journal/repository.ts';
import {
  absencesOfClass,
  classForSummary,
  periodMarksOfClass,
  periodOf,
  subjectsOfClasses,
  type AbsenceTotals,
} from './repository.ts';

type Value = '2' | '3' | '4' | '5' | 'PASS' | 'FAIL' | 'NA';

/** Mean of the numeric marks (2–5), to hundredths; null without any. */
export function averageOf(values: readonly (Value | null)[]): number | null {
  const numbers = values.filter((value): value is '2' | '3' | '4' | '5' => value !== null && /^[2-5]$/.test(value));
  if (numbers.length === 0) return null;
  return Math.round((numbers.reduce((sum, value) => sum + Number(value), 0) / numbers.length) * 100) / 100;
}

const count = (values: readonly (Value | null)[], wanted: Value) => values.filter((value) => value === wanted).length;

export async function summarySheet(db: Executor, policy: LearningPolicy, classId: string, periodId: string) {
  const row = await classForSummary(db, policy, classId);
  if (!row) throw notFound('Класс');
  if (!row.isAdmin && !(policy.holds('journal:write') && row.leads)) {
    throw forbidden('Сводную ведомость класса видят администрация школы и классный руководитель этого класса.');
  }
  const { organizationId, schoolYear } = row.class;
  const period = await periodOf(db, { periodId, organizationId, schoolYear });
  if (!period) throw badInput('Такого учебного периода нет в учебном году класса.', 'periodId');
  const range = { schoolYear, from: period.startsOn, to: period.endsOn };
  const [members, subjects, marks, absences] = await Promise.all([
    membersDuring(db, classId, period.startsOn, period.endsOn),
    subjectsOfClasses(db, [classId]),
    periodMarksOfClass(db, classId, schoolYear, period.id),
    absencesOfClass(db, classId, range),
  ]);
  const markOf = new Map(marks.map((mark) => [`${mark.studentId}/${mark.subjectId}`, mark.value as Value]));
  const absenceOf = new Map(absences.map((totals) => [totals.studentId, totals]));
  const rows = members.map(({ personId }) => {
    const values = subjects.map((subject) => markOf.get(`${personId}/${subject.id}`) ?? null);
    const attendance: AbsenceTotals = absenceOf.get(personId) ?? {
      studentId: personId,
      missed: 0,
      excused: 0,
      late: 0,
    };
    return {
      studentId: personId,
      values,
      average: averageOf(values),
      twos: count(values, '2'),
      notAttested: count(values, 'NA'),
      attendance,
    };
  });
  const subjectTotals = subjects.map((subject, index) => {
    const values = rows.map((r) => r.values[index] ?? null);
    return { subject, average: averageOf(values), twos: count(values, '2'), notAttested: count(values, 'NA') };
  });
  return {
    class: row.class,
    period,
    subjects,
    rows,
    subjectTotals,
    average: averageOf(rows.flatMap((r) => r.values)),
  };
}

export type SummarySheetData = Awaited<ReturnType<typeof summarySheet>>;

/** The row as GraphQL answers it. */
export function summaryRow(row: SummarySheetData['rows'][number]) {
  return { ...row, student: person(row.studentId), marks: row.values };
}
