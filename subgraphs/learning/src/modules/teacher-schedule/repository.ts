/**
 * Reads of a teacher's schedule: the lessons they give by assignment and the lessons they substitute, over a
 * bounded date range. Each statement is served by an index on the teacher (lessons by school year, teacher
 * and date; substitutions by substitute and date), so the schedule costs the same in a region of any size.
 */
import { learningTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';

const { lessons, substitutions, classes, assignments } = learningTables;

export interface TeacherRange {
  teacherId: string;
  /** One school year, or two when the range crosses 1 September. */
  schoolYears: number[];
  from: string;
  to: string;
}

/** The room of a lesson's timetable slot on its weekday and date (the slot of the lesson's own teacher). */
const ROOM = sql<string | null>`(select ss.room from learning.schedule_slots ss
  where ss.class_id = ${qualified(lessons.classId)} and ss.subject_id = ${qualified(lessons.subjectId)}
    and ss.teacher_id = ${qualified(lessons.teacherId)} and ss.subgroup is not distinct from ${qualified(lessons.subgroup)}
    and ss.weekday = extract(isodow from ${qualified(lessons.date)}) and ss.lesson_number = ${qualified(lessons.lessonNumber)}
    and ss.valid_from <= ${qualified(lessons.date)} and (ss.valid_to is null or ss.valid_to >= ${qualified(lessons.date)})
  limit 1)`;

/** Lessons the teacher gives by assignment (whether or not someone substitutes them). */
export function ownLessons(db: Executor, range: TeacherRange) {
  return db
    .select({ lesson: lessons, room: ROOM })
    .from(lessons)
    .where(
      and(
        inArray(lessons.schoolYear, range.schoolYears),
        eq(lessons.teacherId, range.teacherId),
        gte(lessons.date, range.from),
        lte(lessons.date, range.to),
      ),
    )
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber));
}

/** Lessons of other teachers that this teacher substitutes. */
export function substitutedByTeacher(db: Executor, range: TeacherRange) {
  return db
    .select({ lesson: lessons, room: ROOM })
    .from(substitutions)
    .innerJoin(lessons, and(eq(lessons.schoolYear, substitutions.schoolYear), eq(lessons.id, substitutions.lessonId)))
    .where(
      and(
        eq(substitutions.substituteTeacherId, range.teacherId),
        gte(substitutions.date, range.from),
        lte(substitutions.date, range.to),
        inArray(substitutions.schoolYear, range.schoolYears),
      ),
    );
}

/**
 * The classes of the teacher's own lessons and substitutions, by id. Not narrowed by the journal's class
 * scope: a substitute sees the class they go to teach, which their assignments alone would not show.
 */
export function classesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(classes)
    .where(inArray(classes.id, [...ids]));
}

/** Organizations where the teacher has an assignment in the school years: whose holidays to show. */
export async function organizationsOfTeacher(db: Executor, teacherId: string, schoolYears: number[]) {
  const rows = await db
    .selectDistinct({ organizationId: classes.organizationId })
    .from(assignments)
    .innerJoin(classes, eq(classes.id, assignments.classId))
    .where(and(eq(assignments.teacherId, teacherId), inArray(classes.schoolYear, schoolYears)));
  return rows.map((row) => row.organizationId);
}
