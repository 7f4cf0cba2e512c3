/**
 * The per-student reads of the diary and the portfolio, batched across the students of one request (a
 * guardian's children): each statement reads every student at once, so an operation runs as many statements
 * for five children as for one (issue 13 §3). Keys that share their dates share a statement; dates come from
 * the operation's arguments, so how many groups there are depends on the operation's shape only.
 */
import DataLoader from 'dataloader';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import {
  attendanceOfStudents,
  holidaysOf,
  lessonsOfClasses,
  marksOfStudents,
  overdueHomework,
  readableMemberships,
  slotsOfClasses,
  submissionsOfStudents,
  type Dates,
  type MembershipRow,
  type StudentRange,
} from './repository.ts';

/** As the kit's loaders: a batch waits for pending I/O, so siblings reached from different statements share it. */
const schedule = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

const datesKey = (range: Dates) => `${range.schoolYear}/${range.from}/${range.to}`;

/**
 * A loader over student ranges: `fetch` gets the students of one group of equal dates and answers per student;
 * a student it does not answer for gets `empty`.
 */
export function studentRangeLoader<V>(
  fetch: (studentIds: string[], dates: Dates) => Promise<Map<string, V>>,
  empty: () => V,
): DataLoader<StudentRange, V, string> {
  return new DataLoader<StudentRange, V, string>(
    async (ranges) => {
      const groups = new Map<string, { dates: Dates; studentIds: Set<string> }>();
      for (const range of ranges) {
        const key = datesKey(range);
        const group = groups.get(key) ?? { dates: range, studentIds: new Set<string>() };
        group.studentIds.add(range.studentId);
        groups.set(key, group);
      }
      const answers = new Map<string, Map<string, V>>();
      await Promise.all(
        [...groups].map(async ([key, group]) => {
          const { schoolYear, from, to } = group.dates;
          answers.set(key, await fetch([...group.studentIds], { schoolYear, from, to }));
        }),
      );
      return ranges.map((range) => answers.get(datesKey(range))?.get(range.studentId) ?? empty());
    },
    { ...schedule, cacheKeyFn: (range) => `${range.studentId}/${datesKey(range)}` },
  );
}

function byStudent<R extends { studentId: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) groups.set(row.studentId, [...(groups.get(row.studentId) ?? []), row]);
  return groups;
}

/** Everything one student's diary shows over its range, read for all students of the batch at once. */
export interface DiaryRows {
  memberships: MembershipRow[];
  lessons: Awaited<ReturnType<typeof lessonsOfClasses>>;
  marks: Awaited<ReturnType<typeof marksOfStudents>>;
  absences: Awaited<ReturnType<typeof attendanceOfStudents>>;
  submissions: Awaited<ReturnType<typeof submissionsOfStudents>>;
  holidays: Awaited<ReturnType<typeof holidaysOf>>;
  slots: Awaited<ReturnType<typeof slotsOfClasses>>;
}

export function createDiaryLoaders(db: Executor, policy: LearningPolicy) {
  /** The student's class memberships in the range the principal may read (none: out of reach). */
  const memberships = studentRangeLoader(
    async (studentIds, dates) => byStudent(await readableMemberships(db, policy, studentIds, dates)),
    (): MembershipRow[] => [],
  );

  /**
   * The diary's rows of each reachable student. Only students with a readable membership are read: the
   * memberships are the access check (rule 5a), as they were for one student.
   */
  const diaryRows = studentRangeLoader(
    async (studentIds, dates): Promise<Map<string, DiaryRows>> => {
      const reachable = (await memberships.loadMany(studentIds.map((studentId) => ({ studentId, ...dates })))).map(
        (rows, index) => {
          if (rows instanceof Error) throw rows;
          return { studentId: studentIds[index]!, rows };
        },
      );
      const readable = reachable.filter((student) => student.rows.length > 0);
      if (readable.length === 0) return new Map();
      const ids = readable.map((student) => student.studentId);
      const all = readable.flatMap((student) => student.rows);
      const classIds = [...new Set(all.map((m) => m.classId))];
      const [lessons, marks, absences, submissions, holidays, slots] = await Promise.all([
        lessonsOfClasses(db, classIds, dates),
        marksOfStudents(db, ids, dates),
        attendanceOfStudents(db, ids, dates),
        submissionsOfStudents(db, ids, dates.schoolYear),
        holidaysOf(db, [...new Set(all.map((m) => m.organizationId))], dates.from, dates.to),
        slotsOfClasses(db, classIds, dates),
      ]);
      const marksOf = byStudent(marks);
      const absencesOf = byStudent(absences);
      const submissionsOf = byStudent(submissions);
      return new Map(
        readable.map(({ studentId, rows }) => {
          const ownClasses = new Set(rows.map((m) => m.classId));
          const ownOrganizations = new Set(rows.map((m) => m.organizationId));
          return [
            studentId,
            {
              memberships: rows,
              lessons: lessons.filter((lesson) => ownClasses.has(lesson.classId)),
              marks: marksOf.get(studentId) ?? [],
              absences: absencesOf.get(studentId) ?? [],
              submissions: submissionsOf.get(studentId) ?? [],
              holidays: holidays.filter((holiday) => ownOrganizations.has(holiday.organizationId)),
              slots: slots.filter((slot) => ownClasses.has(slot.classId)),
            },
          ];
        }),
      );
    },
    (): DiaryRows | null => null,
  );

  /** Overdue mandatory homework of each reachable student's classes on the range's day (rule 11). */
  const overdue = studentRangeLoader(
    async (studentIds, dates) => {
      const found = await memberships.loadMany(studentIds.map((studentId) => ({ studentId, ...dates })));
      const pairs = new Map<string, { studentId: string; classId: string }>();
      for (const rows of found) {
        if (rows instanceof Error) throw rows;
        for (const m of rows) pairs.set(`${m.studentId}/${m.classId}`, { studentId: m.studentId, classId: m.classId });
      }
      if (pairs.size === 0) return new Map();
      const rows = await overdueHomework(db, [...pairs.values()], dates.schoolYear, dates.from);
      const answers = new Map(
        [...pairs.values()].map((p) => [p.studentId, [] as (typeof rows)[number]['lesson'][]] as const),
      );
      for (const row of rows) answers.get(row.studentId)?.push(row.lesson);
      return answers;
    },
    (): Awaited<ReturnType<typeof overdueHomework>>[number]['lesson'][] | null => null,
  );

  return { memberships, diaryRows, overdueHomework: overdue };
}
