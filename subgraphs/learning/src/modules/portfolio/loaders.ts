/**
 * The portfolio's reads batched across the students of one request (a guardian's children): one statement
 * per figure for every portfolio of the response (issue 13 §3). Keys of another school year go to another
 * statement; the years come from the operation's arguments, so the count depends on its shape only.
 */
import DataLoader from 'dataloader';
import type { Executor } from '@region/db';
import { periodsOfOrganizations, type PeriodRow } from '../journal/repository.ts';
import {
  absenceCounts,
  lessonCounts,
  markSums,
  nextHolidays,
  studentMarksOfKinds,
  type MarkSumRow,
  type Span,
} from './repository.ts';

/** As the kit's loaders: a batch waits for pending I/O, so siblings reached from different statements share it. */
const schedule = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

/** A key of one school year; `fetch` answers every key of a year in one statement. */
type YearKey = { schoolYear: number };

function yearLoader<K extends YearKey, V>(
  keyOf: (key: K) => string,
  fetch: (schoolYear: number, keys: K[]) => Promise<Map<string, V>>,
  empty: () => V,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const years = new Map<number, K[]>();
      for (const key of keys) years.set(key.schoolYear, [...(years.get(key.schoolYear) ?? []), key]);
      const answers = new Map<string, V>();
      await Promise.all(
        [...years].map(async ([year, ofYear]) => {
          for (const [key, value] of await fetch(year, ofYear)) answers.set(key, value);
        }),
      );
      return keys.map((key) => answers.get(keyOf(key)) ?? empty());
    },
    { ...schedule, cacheKeyFn: keyOf },
  );
}

type ClassKey = YearKey & { classId: string };
type OrganizationKey = YearKey & { organizationId: string };
type SpanKey = YearKey & Span;
type MarksKey = YearKey & { studentId: string; kind: 'CONTROL' | 'PERIOD' };

const spanKey = (key: SpanKey) => `${key.schoolYear}/${key.id}/${key.from}/${key.to}`;

function grouped<R>(rows: readonly R[], keyOf: (row: R) => string): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return groups;
}

export function createPortfolioLoaders(db: Executor) {
  return {
    /** The study periods of an organization's school year, in their order. */
    periodsOfOrganizationYear: yearLoader(
      (key: OrganizationKey) => `${key.schoolYear}/${key.organizationId}`,
      async (schoolYear, keys) => {
        const rows = await periodsOfOrganizations(db, [...new Set(keys.map((k) => k.organizationId))], schoolYear);
        return grouped(rows, (row) => `${schoolYear}/${row.organizationId}`);
      },
      (): PeriodRow[] => [],
    ),
    /** Mark sums of a class's students per subject and period. */
    markSumsOfClass: yearLoader(
      (key: ClassKey) => `${key.schoolYear}/${key.classId}`,
      async (schoolYear, keys) => {
        const rows = await markSums(db, schoolYear, [...new Set(keys.map((k) => k.classId))]);
        return grouped(rows, (row) => `${schoolYear}/${row.classId}`);
      },
      (): MarkSumRow[] => [],
    ),
    /** Lessons of a class in a range. */
    lessonCount: yearLoader(
      spanKey,
      async (schoolYear, keys) => {
        const rows = await lessonCounts(db, schoolYear, keys);
        return new Map(rows.map((row) => [spanKey({ schoolYear, ...row }), row.count]));
      },
      () => 0,
    ),
    /** A student's absences and late arrivals in a range, per status. */
    absenceCounts: yearLoader(
      spanKey,
      async (schoolYear, keys) => {
        const rows = await absenceCounts(db, schoolYear, keys);
        return grouped(rows, (row) => spanKey({ schoolYear, ...row }));
      },
      (): { status: string; count: number }[] => [],
    ),
    /** A student's marks of a kind (control works, period marks) over the year, by date. */
    studentMarksOfKind: yearLoader(
      (key: MarksKey) => `${key.schoolYear}/${key.kind}/${key.studentId}`,
      async (schoolYear, keys) => {
        const kinds = [...new Set(keys.map((k) => k.kind))];
        const rows = await studentMarksOfKinds(db, schoolYear, [...new Set(keys.map((k) => k.studentId))], kinds);
        return grouped(rows, (row) => `${schoolYear}/${row.kind}/${row.studentId}`);
      },
      (): Awaited<ReturnType<typeof studentMarksOfKinds>> => [],
    ),
    /** An organization's next (or current) holiday from a day on. */
    nextHoliday: new DataLoader<{ organizationId: string; today: string }, HolidayRow | null, string>(
      async (keys) => {
        const days = grouped(keys, (key) => key.today);
        const found = new Map<string, HolidayRow>();
        await Promise.all(
          [...days].map(async ([today, ofDay]) => {
            for (const row of await nextHolidays(db, [...new Set(ofDay.map((k) => k.organizationId))], today))
              found.set(`${today}/${row.organizationId}`, row);
          }),
        );
        return keys.map((key) => found.get(`${key.today}/${key.organizationId}`) ?? null);
      },
      { ...schedule, cacheKeyFn: (key) => `${key.today}/${key.organizationId}` },
    ),
  };
}

type HolidayRow = Awaited<ReturnType<typeof nextHolidays>>[number];
