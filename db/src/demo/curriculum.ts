/** Which subjects each grade has and which position teaches them: enough to hand out TEACHER grants. */

export interface SubjectPlan {
  subject: string;
  position: string;
  from: number;
  to: number;
}

export const PRIMARY_TEACHER = 'учитель начальных классов';
export const PRIMARY_SUBJECT = 'Начальные классы';

export const SCHOOL_SUBJECTS: readonly SubjectPlan[] = [
  { subject: PRIMARY_SUBJECT, position: PRIMARY_TEACHER, from: 1, to: 4 },
  { subject: 'Русский язык', position: 'учитель русского языка и литературы', from: 5, to: 11 },
  { subject: 'Литература', position: 'учитель русского языка и литературы', from: 5, to: 11 },
  { subject: 'Математика', position: 'учитель математики', from: 5, to: 11 },
  { subject: 'История', position: 'учитель истории и обществознания', from: 5, to: 11 },
  { subject: 'Обществознание', position: 'учитель истории и обществознания', from: 6, to: 11 },
  { subject: 'Английский язык', position: 'учитель английского языка', from: 2, to: 11 },
  { subject: 'Биология', position: 'учитель биологии и химии', from: 5, to: 11 },
  { subject: 'Химия', position: 'учитель биологии и химии', from: 8, to: 11 },
  { subject: 'География', position: 'учитель географии', from: 5, to: 10 },
  { subject: 'Физика', position: 'учитель физики', from: 7, to: 11 },
  { subject: 'Информатика', position: 'учитель информатики', from: 7, to: 11 },
  { subject: 'Физическая культура', position: 'учитель физической культуры', from: 1, to: 11 },
];

export const COLLEGE_SUBJECTS: readonly SubjectPlan[] = [
  { subject: 'Математика', position: 'преподаватель математики', from: 1, to: 4 },
  { subject: 'Русский язык и литература', position: 'преподаватель русского языка и литературы', from: 1, to: 2 },
  { subject: 'Информатика', position: 'преподаватель информатики', from: 1, to: 3 },
  { subject: 'Специальные дисциплины', position: 'преподаватель специальных дисциплин', from: 1, to: 4 },
  { subject: 'Учебная практика', position: 'мастер производственного обучения', from: 1, to: 4 },
];

export const EDUCATOR = 'воспитатель';

/** Kindergarten groups by the age the children turn this year. */
export function groupKind(age: number): string {
  if (age <= 3) return 'Младшая группа';
  if (age === 4) return 'Средняя группа';
  if (age === 5) return 'Старшая группа';
  return 'Подготовительная группа';
}

/** The position of a demo account (accounts.ts names the organization and the subject taught only). */
export function positionFor(organizationKey: string, subject: string | undefined, admin: boolean): string {
  if (admin) return 'заместитель директора';
  if (organizationKey.startsWith('kindergarten')) return EDUCATOR;
  const plans = organizationKey.startsWith('college') ? COLLEGE_SUBJECTS : SCHOOL_SUBJECTS;
  return (
    plans.find((plan) => plan.subject === subject)?.position ?? `учитель (${(subject ?? 'предмет').toLowerCase()})`
  );
}

export function subjectsFor(kind: string, grade: number | null): SubjectPlan[] {
  if (grade === null) return [];
  const plans = kind === 'college' ? COLLEGE_SUBJECTS : SCHOOL_SUBJECTS;
  return plans.filter((plan) => grade >= plan.from && grade <= plan.to);
}
