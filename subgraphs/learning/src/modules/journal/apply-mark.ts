/**
 * Setting, correcting and deleting one mark, wherever it belongs (a lesson or a study period), with its
 * history row in the same transaction (DOMAIN.md rules 6 and 10).
 */
import { badInput } from '@region/kit';
import type { Executor } from '@region/db';
import { enqueueMarkNotice } from '../../outbox/notices.ts';
import type { MarkInput } from './service.ts';
import { insertMark, insertMarkHistory, liveMarkAt, updateMark, type LessonRow, type MarkRow } from './repository.ts';

function markSnapshot(mark: Pick<MarkRow, 'value' | 'kind' | 'weight' | 'debt' | 'comment'>) {
  return { value: mark.value, kind: mark.kind, weight: Number(mark.weight), debt: mark.debt, comment: mark.comment };
}

/**
 * Where a mark belongs: a lesson (current and control marks) or a study period (period marks, dated its
 * last day). The live mark of a kind is unique per lesson, or per period and subject, and student.
 */
export interface MarkTarget {
  schoolYear: number;
  organizationId: string;
  classId: string;
  subjectId: string;
  date: string;
  lessonId: string | null;
  periodId: string | null;
}

export const lessonTarget = (lesson: LessonRow): MarkTarget => ({
  schoolYear: lesson.schoolYear,
  organizationId: lesson.organizationId,
  classId: lesson.classId,
  subjectId: lesson.subjectId,
  date: lesson.date,
  lessonId: lesson.id,
  periodId: null,
});

/** Sets, corrects or deletes one student's mark of one kind on a locked lesson or period. Returns the mark row. */
export async function applyMark(
  tx: Executor,
  target: MarkTarget,
  input: MarkInput,
  actor: string,
  now: Date,
): Promise<MarkRow | null> {
  const kind = input.kind ?? 'CURRENT';
  const current = await liveMarkAt(tx, target, input.studentId, kind);
  if (current && current.classId !== target.classId) {
    throw badInput('У обучающегося уже есть такая отметка, выставленная в другом классе.', 'studentId');
  }
  const history = (markId: string, action: 'SET' | 'CORRECT' | 'DELETE', oldValue: unknown, newValue: unknown) =>
    insertMarkHistory(tx, {
      schoolYear: target.schoolYear,
      markId,
      studentId: input.studentId,
      action,
      oldValue,
      newValue,
      changedBy: actor,
      changedAt: now,
    });

  // The learner and their guardians hear of a new mark or a changed value (issue 15 §1), not of a new weight.
  const notify = (corrected: boolean) =>
    enqueueMarkNotice(tx, target, {
      studentId: input.studentId,
      markValue: input.value!,
      markKind: kind,
      corrected,
    });

  if (input.value == null) {
    if (!current) return null;
    const deleted = await updateMark(tx, current, { deletedAt: now, updatedAt: now });
    await history(current.id, 'DELETE', markSnapshot(current), null);
    return deleted;
  }
  const next = {
    value: input.value,
    kind,
    weight: input.weight ?? 1,
    debt: input.debt ?? false,
    comment: input.comment?.trim() || null,
  };
  if (current) {
    const before = markSnapshot(current);
    if (JSON.stringify(before) === JSON.stringify(next)) return current;
    const corrected = await updateMark(tx, current, { ...next, updatedAt: now });
    await history(current.id, 'CORRECT', before, next);
    if (before.value !== next.value) await notify(true);
    return corrected;
  }
  const created = await insertMark(tx, {
    ...next,
    schoolYear: target.schoolYear,
    organizationId: target.organizationId,
    classId: target.classId,
    subjectId: target.subjectId,
    studentId: input.studentId,
    lessonId: target.lessonId,
    periodId: target.periodId,
    date: target.date,
    setBy: actor,
    setAt: now,
    updatedAt: now,
  });
  await history(created.id, 'SET', null, next);
  await notify(false);
  return created;
}
