/**
 * PERIOD marks of every closed study period (the schools' 1st quarter in the demo): for each student who is
 * a member of a class on the period's last day, and each subject with at least three live CURRENT or
 * CONTROL marks dated inside the period (in any class: marks follow a transferred student), the weighted
 * average rounded half up. The mark belongs to that class and the period, is dated the period's last day
 * and is set by the subject's teacher before the period was closed.
 */
import { addDays } from '../calendar.ts';
import { isMemberOn, type ClassInfo } from './classes.ts';
import { localMoment } from './calendar.ts';
import type { LearningContext } from './context.ts';
import { isMarked } from './subjects.ts';
import type { Teaching } from './teaching.ts';
import type { MarkRow } from './types.ts';

const MIN_MARKS = 3;

/** Σ value × weight / Σ weight, rounded half up, in integers so that 3.5 is always 4. */
export function periodValue(marks: readonly Pick<MarkRow, 'value' | 'weight'>[]): number {
  let sum = 0;
  let weights = 0;
  for (const mark of marks) {
    const weight = mark.weight ?? 1;
    sum += Number(mark.value) * weight;
    weights += weight;
  }
  return Math.floor((2 * sum + weights) / (2 * weights));
}

export function createPeriodMarks(context: LearningContext, classes: ClassInfo[], teaching: Teaching): void {
  const rng = context.random('period-marks');
  const byStudent = new Map<string, MarkRow[]>();
  for (const mark of context.rows.marks) {
    if (mark.deletedAt || (mark.kind !== 'CURRENT' && mark.kind !== 'CONTROL')) continue;
    const list = byStudent.get(mark.studentId);
    if (list) list.push(mark);
    else byStudent.set(mark.studentId, [mark]);
  }
  for (const info of classes) {
    if (!isMarked(info.organization.kind, info.grade)) continue;
    for (const period of info.organization.periods) {
      if (!period.closedAt) continue;
      for (const member of info.members.filter((m) => isMemberOn(m, period.endsOn))) {
        const inPeriod = (byStudent.get(member.personId) ?? []).filter(
          (mark) => mark.date >= period.startsOn && mark.date <= period.endsOn,
        );
        const subjects = [...new Set(inPeriod.map((mark) => mark.subjectId))];
        for (const subjectId of subjects) {
          const marks = inPeriod.filter((mark) => mark.subjectId === subjectId);
          if (marks.length < MIN_MARKS) continue;
          const teacher = teaching.byClass.get(info.id)?.get(subjectId)?.[0]?.teacherId ?? marks.at(-1)?.setBy;
          const setAt = localMoment(addDays(period.endsOn, -rng.int(0, 2)), '16:00', rng.int(0, 300));
          context.rows.marks.push({
            id: context.ids.next(),
            schoolYear: context.schoolYear,
            organizationId: info.organizationId,
            classId: info.id,
            subjectId,
            studentId: member.personId,
            lessonId: null,
            periodId: period.id,
            date: period.endsOn,
            kind: 'PERIOD',
            value: String(periodValue(marks)) as MarkRow['value'],
            weight: 1,
            debt: false,
            comment: null,
            setBy: teacher ?? info.organization.adminId,
            setAt,
            updatedAt: setAt,
            deletedAt: null,
          });
        }
      }
    }
  }
}
