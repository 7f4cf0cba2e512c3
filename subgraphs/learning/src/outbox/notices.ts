/**
 * Writing journal notices into `learning.people_outbox`, in the transaction of the journal change (a
 * notification never tells of a mark that was rolled back). Each is one statement that takes the subject's
 * name from `learning.subjects`; what a notice says is in `table.ts`.
 */
import { learningTables, type Executor } from '@region/db';
import { sql, type SQL } from 'drizzle-orm';
import type { JournalNotice } from './table.ts';

const { peopleOutbox } = learningTables;

type Place = { organizationId: string; classId: string; subjectId: string; date: string };
type Details<K extends JournalNotice['kind']> = Omit<
  Extract<JournalNotice, { kind: K }>,
  'organizationId' | 'classId' | 'subject' | 'date' | 'kind'
>;

function enqueue(tx: Executor, aboutId: string, place: Place, notice: object, unless: SQL = sql`false`) {
  const payload = {
    ...notice,
    organizationId: place.organizationId,
    classId: place.classId,
    date: place.date,
  };
  return tx.execute(sql`
    insert into ${peopleOutbox} (about_id, event, payload)
    select ${aboutId}::uuid, 'JOURNAL_NOTICE', ${JSON.stringify(payload)}::jsonb || jsonb_build_object('subject', s.name)
    from learning.subjects s
    where s.id = ${place.subjectId} and not (${unless})`);
}

/** A mark set or corrected to a value (a deletion tells nobody). */
export function enqueueMarkNotice(tx: Executor, place: Place, details: Details<'MARK'>) {
  return enqueue(tx, details.studentId, place, { kind: 'MARK', ...details });
}

/**
 * An attendance mark about to be set: told only when it changes the learner's status for the lesson, since
 * the journal saves a lesson's whole attendance each time. Run before the upsert.
 */
export function enqueueAbsenceNotice(
  tx: Executor,
  place: Place & { schoolYear: number; lessonId: string },
  details: Details<'ABSENCE'>,
) {
  return enqueue(
    tx,
    details.studentId,
    place,
    { kind: 'ABSENCE', ...details },
    sql`exists (select 1 from learning.attendance a where a.school_year = ${place.schoolYear}
      and a.lesson_id = ${place.lessonId} and a.student_id = ${details.studentId}
      and a.status = ${details.attendanceStatus})`,
  );
}

/** Homework given or changed on a lesson: one notice for the class, which people fans out to its learners. */
export function enqueueHomeworkNotice(tx: Executor, place: Place, details: Details<'HOMEWORK'>) {
  return enqueue(tx, details.lessonId, place, { kind: 'HOMEWORK', ...details });
}
