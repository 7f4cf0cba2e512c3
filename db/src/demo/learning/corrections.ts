/**
 * Corrections and a deletion with their history (rules 6 and 10): two or three marks per organization
 * corrected by their teacher a few days after they were set (SET, then CORRECT with the old and the new
 * value), and one deleted mark in the demo account `teacher`'s journal (SET, then DELETE; the row stays with
 * deleted_at). History values are `{ value, weight }`. Other marks have no history rows: the mark itself
 * holds who set it and when.
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import { startOfDay } from './calendar.ts';
import type { LearningContext } from './context.ts';
import type { MarkRow } from './types.ts';

export function correctMarks(context: LearningContext): void {
  const rng = context.random('corrections');
  // Well before the demo's "now", so that the change lands before the first period is closed.
  const latest = startOfDay(addDays(context.asOf, -14)).getTime();
  const candidates = context.rows.marks.filter(
    (mark) => mark.kind === 'CURRENT' && !mark.debt && (mark.setAt?.getTime() ?? Infinity) < latest,
  );
  const [demoTeacher] = context.catalog.accounts.teacher ?? [];
  const hers = candidates.filter((mark) => mark.setBy === demoTeacher);
  const pool = hers.length > 0 ? hers : candidates;
  const deleted = pool.length > 0 ? rng.pick(pool) : undefined;
  const organizations = [...new Set(candidates.map((mark) => mark.organizationId))];
  for (const organizationId of organizations) {
    const own = candidates.filter((mark) => mark.organizationId === organizationId && mark !== deleted);
    for (const mark of rng.sample(own, rng.int(2, 3))) {
      const old = mark.value;
      const value = old === '5' ? '4' : old === '2' ? '3' : rng.chance(0.5) ? next(old, 1) : next(old, -1);
      history(context, mark, 'SET', null, old, mark.setAt as Date);
      const changedAt = later(rng, mark.setAt as Date);
      history(context, mark, 'CORRECT', old, value, changedAt);
      Object.assign(mark, { value, updatedAt: changedAt });
    }
  }
  if (deleted) {
    history(context, deleted, 'SET', null, deleted.value, deleted.setAt as Date);
    const changedAt = later(rng, deleted.setAt as Date);
    history(context, deleted, 'DELETE', deleted.value, null, changedAt);
    Object.assign(deleted, { deletedAt: changedAt, updatedAt: changedAt });
  }
}

function next(value: MarkRow['value'], step: number): MarkRow['value'] {
  return String(Number(value) + step) as MarkRow['value'];
}

function later(rng: Random, moment: Date): Date {
  return new Date(moment.getTime() + rng.int(1, 3) * 86_400_000 + rng.int(0, 120) * 60_000);
}

function history(
  context: LearningContext,
  mark: MarkRow,
  action: 'SET' | 'CORRECT' | 'DELETE',
  oldValue: string | null,
  newValue: string | null,
  changedAt: Date,
): void {
  const snapshot = (value: string | null) => (value === null ? null : { value, weight: mark.weight ?? 1 });
  context.rows.markHistory.push({
    schoolYear: mark.schoolYear,
    markId: mark.id,
    studentId: mark.studentId,
    action,
    oldValue: snapshot(oldValue),
    newValue: snapshot(newValue),
    changedBy: mark.setBy,
    changedAt,
  });
}
