/**
 * Writing the journal: marks, attendance, topic and homework. Every mutation is one transaction on the
 * locked lesson; every set, correction and deletion of a mark goes to its history in that transaction
 * (DOMAIN.md rules 6 and 10).
 */
import { badInput, notFound } from '@region/kit';
import type { Database, Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import { assertMembers, lessonForWrite, type LessonRow } from './lesson-access.ts';
import { periodForWrite } from './period-access.ts';
import { applyMark, lessonTarget } from './apply-mark.ts';
import { deleteYearMark } from './year-marks.ts';
import { enqueueAbsenceNotice, enqueueHomeworkNotice } from '../../outbox/notices.ts';
import {
  deleteAttendance,
  liveMark,
  updateLesson,
  upsertAttendance,
  type AttendanceRow,
  type MarkRow,
} from './repository.ts';

export type { MarkRow };
export type MarkKind = MarkRow['kind'];
export type MarkValue = MarkRow['value'];
export type AttendanceStatus = AttendanceRow['status'];

export interface MarkInput {
  studentId: string;
  kind?: MarkKind | null;
  /** null or left out deletes the live mark of this kind (a nullable GraphQL input may arrive as either). */
  value?: MarkValue | null;
  weight?: number | null;
  debt?: boolean | null;
  comment?: string | null;
}

export interface HomeworkInput {
  text: string;
  dueOn?: string | null;
  mandatory?: boolean | null;
  attachments?: { name: string; url: string }[] | null;
}

export interface LessonInput {
  lessonId: string;
  topic?: string | null;
  homework?: HomeworkInput | null;
  marks?: MarkInput[] | null;
  attendance?: { studentId: string; status?: AttendanceStatus | null }[] | null;
}

const LESSON_KINDS: readonly MarkKind[] = ['CURRENT', 'CONTROL'];

export function validateMark(input: MarkInput): void {
  const kind = input.kind ?? 'CURRENT';
  if (!LESSON_KINDS.includes(kind)) {
    throw badInput(
      'За урок ставится текущая или контрольная отметка; отметки за период — в ведомости периода.',
      'kind',
    );
  }
  if (input.value === 'NA') {
    throw badInput('«н/а» ставится только за период, год или итоговая — не за урок.', 'value');
  }
  const weight = input.weight ?? 1;
  if (!(weight > 0 && weight <= 10)) throw badInput('Вес отметки — от 0,1 до 10.', 'weight');
  if (input.comment && input.comment.length > 500) throw badInput('Комментарий — не длиннее 500 символов.', 'comment');
}

async function applyAttendance(
  tx: Executor,
  lesson: LessonRow,
  studentId: string,
  /** null or left out clears the student's attendance mark for the lesson. */
  status: AttendanceStatus | null | undefined,
  actor: string,
  now: Date,
) {
  if (status == null) {
    await deleteAttendance(tx, lesson, studentId);
    return null;
  }
  await enqueueAbsenceNotice(
    tx,
    { ...lessonTarget(lesson), lessonId: lesson.id },
    { studentId, attendanceStatus: status },
  );
  return upsertAttendance(tx, {
    schoolYear: lesson.schoolYear,
    organizationId: lesson.organizationId,
    classId: lesson.classId,
    subjectId: lesson.subjectId,
    lessonId: lesson.id,
    studentId,
    date: lesson.date,
    status,
    setBy: actor,
    setAt: now,
  });
}

function cleanHomework(homework: HomeworkInput | null | undefined, lesson: LessonRow) {
  if (homework === undefined) return {};
  if (homework === null)
    return { homework: null, homeworkDueOn: null, homeworkMandatory: false, homeworkAttachments: null };
  const text = homework.text.trim();
  if (!text) throw badInput('Текст задания не может быть пустым; чтобы убрать задание, передайте null.', 'homework');
  if (text.length > 4000) throw badInput('Текст задания — не длиннее 4000 символов.', 'homework');
  if (homework.dueOn && homework.dueOn < lesson.date) throw badInput('Срок сдачи не может быть раньше урока.', 'dueOn');
  for (const attachment of homework.attachments ?? []) {
    if (!/^https?:\/\//.test(attachment.url))
      throw badInput(`Вложение «${attachment.name}»: ссылка должна начинаться с http(s)://.`, 'attachments');
  }
  return {
    homework: text,
    homeworkDueOn: homework.dueOn ?? null,
    homeworkMandatory: homework.mandatory ?? false,
    homeworkAttachments: homework.attachments ?? [],
  };
}

export function actorOf(policy: LearningPolicy): string {
  if (!policy.personId) throw notFound('Пользователь');
  return policy.personId;
}

/** One lesson at once: topic, homework, every mark and absence of the class, all or nothing. */
export async function saveLesson(db: Database, policy: LearningPolicy, input: LessonInput, now: Date, today: string) {
  for (const mark of input.marks ?? []) validateMark(mark);
  const actor = actorOf(policy);
  return db.transaction(async (tx) => {
    const entries = [...(input.marks ?? []), ...(input.attendance ?? [])];
    const { lesson } = await lessonForWrite(tx, policy, input.lessonId, today, {
      marksOrAttendance: entries.length > 0,
    });
    await assertMembers(
      tx,
      lesson,
      entries.map((entry) => entry.studentId),
    );
    const changes = {
      ...(input.topic !== undefined ? { topic: input.topic?.trim() || null } : {}),
      ...cleanHomework(input.homework, lesson),
    };
    if (Object.keys(changes).length) {
      await updateLesson(tx, lesson, changes);
    }
    // The class hears of homework given or rewritten (issue 15 §1); saving the lesson again tells nobody.
    if (changes.homework && changes.homework !== lesson.homework) {
      await enqueueHomeworkNotice(tx, lessonTarget(lesson), {
        lessonId: lesson.id,
        dueOn: changes.homeworkDueOn ?? null,
      });
    }
    const saved: MarkRow[] = [];
    for (const mark of input.marks ?? []) {
      const row = await applyMark(tx, lessonTarget(lesson), mark, actor, now);
      if (row) saved.push(row);
    }
    for (const entry of input.attendance ?? [])
      await applyAttendance(tx, lesson, entry.studentId, entry.status, actor, now);
    return { lessonId: lesson.id, marks: saved };
  });
}

export async function setMark(
  db: Database,
  policy: LearningPolicy,
  lessonId: string,
  input: MarkInput,
  now: Date,
  today: string,
) {
  validateMark(input);
  const actor = actorOf(policy);
  return db.transaction(async (tx) => {
    const { lesson } = await lessonForWrite(tx, policy, lessonId, today);
    await assertMembers(tx, lesson, [input.studentId]);
    return (await applyMark(tx, lessonTarget(lesson), input, actor, now))!;
  });
}

export async function deleteMark(db: Database, policy: LearningPolicy, markId: string, now: Date, today: string) {
  const actor = actorOf(policy);
  return db.transaction(async (tx) => {
    const mark = await liveMark(tx, markId);
    const removal = { studentId: mark?.studentId ?? '', kind: mark?.kind, value: null };
    if (mark?.lessonId) {
      const { lesson } = await lessonForWrite(tx, policy, mark.lessonId, today);
      return (await applyMark(tx, lessonTarget(lesson), removal, actor, now))!;
    }
    if (mark && !mark.periodId && (mark.kind === 'YEAR' || mark.kind === 'FINAL')) {
      return deleteYearMark(tx, policy, { ...mark, kind: mark.kind }, actor, now, today);
    }
    // A period mark: the period's writers (period-access.ts), on the locked period.
    if (!mark || mark.kind !== 'PERIOD' || !mark.periodId) throw notFound('Отметка');
    const place = { classId: mark.classId, subjectId: mark.subjectId, periodId: mark.periodId };
    const { target } = await periodForWrite(tx, policy, place, today);
    return (await applyMark(tx, target, removal, actor, now))!;
  });
}

export async function setAttendance(
  db: Database,
  policy: LearningPolicy,
  input: { lessonId: string; studentId: string; status?: AttendanceStatus | null },
  now: Date,
  today: string,
) {
  const actor = actorOf(policy);
  return db.transaction(async (tx) => {
    const { lesson } = await lessonForWrite(tx, policy, input.lessonId, today);
    await assertMembers(tx, lesson, [input.studentId]);
    return applyAttendance(tx, lesson, input.studentId, input.status, actor, now);
  });
}
