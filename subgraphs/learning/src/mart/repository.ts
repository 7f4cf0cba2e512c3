/**
 * The mart's SQL: its cursors, the rows a page of the change log names, its batches and their delivery.
 * Every function takes an `Executor` and runs in the caller's transaction.
 */
import { learningTables, type Executor } from '@region/db';
import type { MartRefusal } from '@region/db/learning';
import { eq, inArray, sql } from 'drizzle-orm';
import type { MartRecord } from './records.ts';

const {
  martCursors,
  martBatches,
  martWithdrawn,
  classes,
  classMembers,
  studyPeriods,
  schoolYears,
  lessons,
  marks,
  attendance,
  events,
  subjects,
} = learningTables;

/** The feed's cursor, its row locked until the transaction ends (two workers never cut the same range). */
export async function lockCursor(db: Executor, feed: string): Promise<string | null> {
  await db.insert(martCursors).values({ feed, cursor: '' }).onConflictDoNothing();
  const [row] = await db
    .select({ cursor: martCursors.cursor })
    .from(martCursors)
    .where(eq(martCursors.feed, feed))
    .for('update');
  return row?.cursor ? row.cursor : null;
}

export async function readCursor(db: Executor, feed: string): Promise<string | null> {
  const [row] = await db.select({ cursor: martCursors.cursor }).from(martCursors).where(eq(martCursors.feed, feed));
  return row?.cursor ? row.cursor : null;
}

export async function saveCursor(db: Executor, feed: string, cursor: string): Promise<void> {
  await db
    .insert(martCursors)
    .values({ feed, cursor })
    .onConflictDoUpdate({ target: martCursors.feed, set: { cursor, updatedAt: sql`now()` } });
}

export async function classRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: classes.id,
      schoolYear: classes.schoolYear,
      kind: classes.kind,
      name: classes.name,
      grade: classes.grade,
      letter: classes.letter,
    })
    .from(classes)
    .where(inArray(classes.id, ids));
}

export async function membershipRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: classMembers.id,
      classId: classMembers.classId,
      personId: classMembers.personId,
      joinedOn: classMembers.joinedOn,
      leftOn: classMembers.leftOn,
    })
    .from(classMembers)
    .where(inArray(classMembers.id, ids));
}

export async function studyPeriodRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: studyPeriods.id,
      schoolYear: schoolYears.year,
      number: studyPeriods.number,
      name: studyPeriods.name,
      startsOn: studyPeriods.startsOn,
      endsOn: studyPeriods.endsOn,
    })
    .from(studyPeriods)
    .innerJoin(schoolYears, eq(schoolYears.id, studyPeriods.schoolYearId))
    .where(inArray(studyPeriods.id, ids));
}

export async function lessonRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: lessons.id,
      classId: lessons.classId,
      subject: subjects.name,
      teacherId: lessons.teacherId,
      date: lessons.date,
      lessonNumber: lessons.lessonNumber,
      topic: lessons.topic,
      homework: lessons.homework,
      homeworkDueOn: lessons.homeworkDueOn,
    })
    .from(lessons)
    .innerJoin(subjects, eq(subjects.id, lessons.subjectId))
    .where(inArray(lessons.id, ids));
}

export async function markRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: marks.id,
      classId: marks.classId,
      subject: subjects.name,
      studentId: marks.studentId,
      lessonId: marks.lessonId,
      periodId: marks.periodId,
      date: marks.date,
      kind: marks.kind,
      value: marks.value,
      weight: marks.weight,
      deletedAt: marks.deletedAt,
    })
    .from(marks)
    .innerJoin(subjects, eq(subjects.id, marks.subjectId))
    .where(inArray(marks.id, ids));
}

export async function absenceRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: attendance.id,
      classId: attendance.classId,
      studentId: attendance.studentId,
      lessonId: attendance.lessonId,
      date: attendance.date,
      status: attendance.status,
    })
    .from(attendance)
    .where(inArray(attendance.id, ids));
}

export async function eventRows(db: Executor, ids: string[]) {
  return db
    .select({
      id: events.id,
      classId: events.classId,
      kind: events.kind,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
    })
    .from(events)
    .where(inArray(events.id, ids));
}

/** Which of these persons the mart has forgotten (their consent withdrawn). */
export async function withdrawnAmong(db: Executor, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .select({ personId: martWithdrawn.personId })
    .from(martWithdrawn)
    .where(inArray(martWithdrawn.personId, personIds));
  return new Set(rows.map((row) => row.personId));
}

export async function forget(db: Executor, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .insert(martWithdrawn)
    .values(personIds.map((personId) => ({ personId })))
    .onConflictDoNothing();
}

export async function remember(db: Executor, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  await db.delete(martWithdrawn).where(inArray(martWithdrawn.personId, personIds));
}

/** The organizations where these persons were ever class members: where a deletion must be sent. */
export async function organizationsOfLearners(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectDistinct({ personId: classMembers.personId, organizationId: classes.organizationId })
    .from(classMembers)
    .innerJoin(classes, eq(classes.id, classMembers.classId))
    .where(inArray(classMembers.personId, personIds));
}

export interface NewBatch {
  id: string;
  organizationId: string;
  fromCursor: string;
  toCursor: string;
  records: MartRecord[];
}

export async function insertBatches(db: Executor, batches: NewBatch[], now: Date): Promise<void> {
  if (batches.length === 0) return;
  await db
    .insert(martBatches)
    .values(
      batches.map((batch) => ({
        ...batch,
        recordCount: batch.records.length,
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
}

export interface ClaimedBatch {
  id: string;
  organizationId: string;
  records: MartRecord[];
  attempts: number;
}

/**
 * Claims due batches, at most one per organization and only its oldest pending one (an organization's
 * batches reach the receiver in the order they were cut), for `leaseMs`: a crashed worker's claim expires.
 */
export async function claimBatches(db: Executor, now: Date, leaseMs: number, limit: number): Promise<ClaimedBatch[]> {
  const rows = await db.execute<{ id: string; organization_id: string; records: MartRecord[]; attempts: number }>(sql`
    update ${martBatches} b set next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
      attempts = b.attempts + 1, last_attempt_at = ${now.toISOString()}::timestamptz
    where b.id in (
      select c.id from ${martBatches} c
      where c.status = 'PENDING' and c.next_attempt_at <= ${now.toISOString()}::timestamptz
        and c.seq in (select min(p.seq) from ${martBatches} p where p.status = 'PENDING' group by p.organization_id)
      order by c.seq limit ${limit}
      for update of c skip locked)
    returning b.id, b.organization_id, b.records, b.attempts`);
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organization_id,
    records: row.records,
    attempts: row.attempts,
  }));
}

export async function markDelivered(
  db: Executor,
  id: string,
  answer: { accepted: number; refused: MartRefusal[] },
  now: Date,
): Promise<void> {
  await db
    .update(martBatches)
    .set({
      status: 'DELIVERED',
      deliveredAt: now,
      acceptedCount: answer.accepted,
      refusals: answer.refused,
      lastError: null,
    })
    .where(eq(martBatches.id, id));
}

export async function markFailed(
  db: Executor,
  id: string,
  failure: { error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(martBatches)
    .set(
      failure.retryAt
        ? { lastError: failure.error, nextAttemptAt: failure.retryAt }
        : { lastError: failure.error, status: 'DEAD' },
    )
    .where(eq(martBatches.id, id));
}
