/**
 * Homework files' rows (issue 15 §2). Reads apply row scope in the statement: the teacher's attachments are
 * read through a lesson the principal may read; handed-in work through the learner (`studentsWith`), so a
 * pupil reads her own, a guardian his child's, and the class's staff everyone's.
 */
import { learningTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { homeworkFiles, homeworkSubmissions, lessons, classes } = learningTables;

export type HomeworkFileRow = typeof homeworkFiles.$inferSelect;
export type NewHomeworkFile = typeof homeworkFiles.$inferInsert;

/** A lesson key for the loaders: the partitioned tables are read by school year and lesson. */
export type LessonKey = `${number}:${string}`;
export const lessonKey = (row: { schoolYear: number; lessonId: string }): LessonKey =>
  `${row.schoolYear}:${row.lessonId}`;

function byLessonKeys(keys: readonly LessonKey[], schoolYear: SQL, lessonId: SQL): SQL {
  const pairs = keys.map((key) => {
    const [year, id] = key.split(':');
    return sql`(${Number(year)}::smallint, ${id}::uuid)`;
  });
  return sql`(${schoolYear}, ${lessonId}) in (${sql.join(pairs, sql`, `)})`;
}

/** The teacher's attachments of the lessons (the caller read the lessons under row scope). */
export function assignmentFilesOfLessons(db: Executor, keys: readonly LessonKey[]) {
  return db
    .select()
    .from(homeworkFiles)
    .where(
      and(
        byLessonKeys(keys, qualified(homeworkFiles.schoolYear), qualified(homeworkFiles.lessonId)),
        eq(homeworkFiles.kind, 'ASSIGNMENT'),
      ),
    )
    .orderBy(asc(homeworkFiles.createdAt));
}

/** Handed-in work of the lessons that the principal may read, with the lesson's class for row scope. */
export function submissionsOfLessons(db: Executor, policy: LearningPolicy, keys: readonly LessonKey[]) {
  return db
    .select({
      schoolYear: homeworkSubmissions.schoolYear,
      lessonId: homeworkSubmissions.lessonId,
      studentId: homeworkSubmissions.studentId,
      submittedAt: homeworkSubmissions.submittedAt,
    })
    .from(homeworkSubmissions)
    .innerJoin(
      lessons,
      and(eq(lessons.schoolYear, homeworkSubmissions.schoolYear), eq(lessons.id, homeworkSubmissions.lessonId)),
    )
    .where(
      and(
        byLessonKeys(keys, qualified(homeworkSubmissions.schoolYear), qualified(homeworkSubmissions.lessonId)),
        policy.studentsWith(qualified(homeworkSubmissions.studentId), qualified(lessons.classId)),
      ),
    )
    .orderBy(asc(homeworkSubmissions.submittedAt));
}

/** Files handed in for the lessons, by learners the principal may read. */
export function submissionFilesOfLessons(db: Executor, policy: LearningPolicy, keys: readonly LessonKey[]) {
  return db
    .select()
    .from(homeworkFiles)
    .where(
      and(
        byLessonKeys(keys, qualified(homeworkFiles.schoolYear), qualified(homeworkFiles.lessonId)),
        eq(homeworkFiles.kind, 'SUBMISSION'),
        policy.studentsWith(qualified(homeworkFiles.studentId), qualified(homeworkFiles.classId)),
      ),
    )
    .orderBy(asc(homeworkFiles.createdAt));
}

/** A file by id, for a download whose signed URL was issued under row scope. */
export async function fileById(db: Executor, id: string) {
  const [row] = await db.select().from(homeworkFiles).where(eq(homeworkFiles.id, id));
  return row ?? null;
}

/** The lesson a file is attached to, locked, as the upload lands (the ticket named it). */
export async function lockLesson(tx: Executor, schoolYear: number, lessonId: string) {
  const [row] = await tx
    .select()
    .from(lessons)
    .where(and(eq(lessons.schoolYear, schoolYear), eq(lessons.id, lessonId)))
    .for('update');
  return row ?? null;
}

/** Is the person a learner of the lesson's class on its day? */
export async function isLearnerOfLesson(
  tx: Executor,
  lesson: { classId: string; date: string },
  personId: string,
): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(learningTables.classMembers)
    .where(
      and(
        eq(learningTables.classMembers.classId, lesson.classId),
        eq(learningTables.classMembers.personId, personId),
        sql`${learningTables.classMembers.joinedOn} <= ${lesson.date}`,
        sql`(${learningTables.classMembers.leftOn} is null or ${learningTables.classMembers.leftOn} > ${lesson.date})`,
      ),
    );
  return Boolean(row);
}

/** How many files of a kind (and learner) the lesson already has. */
export async function countFiles(
  tx: Executor,
  at: { schoolYear: number; lessonId: string; kind: HomeworkFileRow['kind']; studentId: string | null },
) {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(homeworkFiles)
    .where(
      and(
        eq(homeworkFiles.schoolYear, at.schoolYear),
        eq(homeworkFiles.lessonId, at.lessonId),
        eq(homeworkFiles.kind, at.kind),
        at.studentId ? eq(homeworkFiles.studentId, at.studentId) : sql`true`,
      ),
    );
  return row?.count ?? 0;
}

export async function insertFile(tx: Executor, file: NewHomeworkFile) {
  const [row] = await tx.insert(homeworkFiles).values(file).returning();
  return row!;
}

/** A file handed in counts the homework as handed in (rule 11: overdue work is what is not). */
export async function markSubmitted(
  tx: Executor,
  at: { schoolYear: number; lessonId: string; studentId: string },
  now: Date,
) {
  await tx
    .insert(homeworkSubmissions)
    .values({ ...at, submittedAt: now })
    .onConflictDoNothing();
}

export async function deleteFileRow(tx: Executor, id: string) {
  const [row] = await tx.delete(homeworkFiles).where(eq(homeworkFiles.id, id)).returning();
  return row ?? null;
}

/**
 * A file by id if the principal may read it: the assignment's through its class's journal (or as the lesson's
 * substitute), handed-in work through its learner. Outside scope it is not there (NOT_FOUND, as any lookup).
 */
export async function visibleFile(db: Executor, policy: LearningPolicy, id: string) {
  const me = policy.personId;
  const F = { kind: qualified(homeworkFiles.kind), classId: qualified(homeworkFiles.classId) };
  const substitute = me
    ? sql`exists (select 1 from learning.substitutions s where s.school_year = ${qualified(homeworkFiles.schoolYear)}
        and s.lesson_id = ${qualified(homeworkFiles.lessonId)} and s.substitute_teacher_id = ${me})`
    : sql`false`;
  const [row] = await db
    .select()
    .from(homeworkFiles)
    .where(
      and(
        eq(homeworkFiles.id, id),
        sql`((${F.kind} = 'ASSIGNMENT' and (exists (select 1 from learning.classes
              where ${qualified(classes.id)} = ${F.classId} and ${policy.classesWith('journal:read')}) or ${substitute}))
          or (${F.kind} = 'SUBMISSION' and ${policy.studentsWith(qualified(homeworkFiles.studentId), F.classId)}))`,
      ),
    );
  return row ?? null;
}
