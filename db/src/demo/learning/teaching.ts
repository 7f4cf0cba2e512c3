/**
 * The subject catalogue, who teaches what (from the people-side assignments: one TEACHER grant per teacher
 * and class) and the curriculum (учебный план) of each parallel that has a class. A subject taught in a class
 * by two teachers is split into subgroups 1 and 2 (in practice: English); otherwise the whole class learns it.
 * Subjects of the federal plan nobody on the demo staff teaches (music from grade 5, labour, ОБЗР) are
 * left out of the curriculum rather than scheduled without a teacher.
 */
import type { ClassInfo } from './classes.ts';
import type { LearningContext } from './context.ts';
import { catalogueSubjects, SUBJECT_CATALOGUE, weeklyHours } from './subjects.ts';

export interface Teacher {
  teacherId: string;
  subgroup: number | null;
}

export interface Teaching {
  subjectIds: Map<string, string>;
  subjectNames: Map<string, string>;
  /** class id → subject id → its teachers, in assignment order. */
  byClass: Map<string, Map<string, Teacher[]>>;
}

export function createTeaching(context: LearningContext, classes: ClassInfo[]): Teaching {
  const subjectIds = new Map<string, string>();
  for (const [name, shortName] of SUBJECT_CATALOGUE) {
    const id = context.ids.next();
    subjectIds.set(name, id);
    context.rows.subjects.push({ id, name, shortName });
  }
  const subjectId = (name: string) => {
    const id = subjectIds.get(name);
    if (!id) throw new Error(`demo: subject ${name} is not in the catalogue`);
    return id;
  };
  const infos = new Map(classes.map((info) => [info.id, info]));
  const byClass = new Map<string, Map<string, Teacher[]>>();
  for (const assignment of context.catalog.assignments) {
    const info = infos.get(assignment.classId);
    if (!info) throw new Error(`demo: assignment to an unknown class ${assignment.classId}`);
    const subjects = byClass.get(info.id) ?? new Map<string, Teacher[]>();
    byClass.set(info.id, subjects);
    for (const name of assignment.subjects.flatMap((s) => catalogueSubjects(info.organization.kind, info.grade, s))) {
      const teachers = subjects.get(subjectId(name)) ?? [];
      if (!teachers.some((teacher) => teacher.teacherId === assignment.teacherId))
        teachers.push({ teacherId: assignment.teacherId, subgroup: null });
      subjects.set(subjectId(name), teachers);
    }
  }
  for (const [classId, subjects] of byClass) {
    for (const [id, teachers] of subjects) {
      const split = teachers.length >= 2 && infos.get(classId)?.organization.kind === 'school';
      teachers.forEach((teacher, index) => {
        if (split) teacher.subgroup = index < 2 ? index + 1 : null;
        context.rows.assignments.push({ id: context.ids.next(), classId, subjectId: id, ...teacher });
      });
    }
  }
  createCurriculum(context, classes, byClass, new Map([...subjectIds].map(([name, id]) => [id, name])));
  return { subjectIds, subjectNames: new Map([...subjectIds].map(([name, id]) => [id, name])), byClass };
}

function createCurriculum(
  context: LearningContext,
  classes: ClassInfo[],
  byClass: Map<string, Map<string, Teacher[]>>,
  subjectNames: Map<string, string>,
): void {
  const seen = new Set<string>();
  for (const info of classes) {
    if (info.grade === null || info.schoolYear !== context.schoolYear || info.organization.state === 'NONE') continue;
    for (const subjectId of byClass.get(info.id)?.keys() ?? []) {
      const key = `${info.organizationId}|${info.grade}|${subjectId}`;
      const hours = weeklyHours(info.organization.kind, info.grade, subjectNames.get(subjectId) ?? '');
      if (seen.has(key) || hours === 0) continue;
      seen.add(key);
      context.rows.curriculum.push({
        id: context.ids.next(),
        organizationId: info.organizationId,
        schoolYear: context.schoolYear,
        grade: info.grade,
        subjectId,
        hoursPerWeek: hours.toFixed(1),
      });
    }
  }
}
