/**
 * The regional subject catalogue, weekly hours per parallel (the federal basic curriculum, ФООП, five-day
 * week) and how the subjects of the people-side teaching assignments (curriculum.ts) map onto it.
 */
import { PRIMARY_SUBJECT } from '../curriculum.ts';
import type { OrganizationKind } from '../types.ts';

export const PRESCHOOL_SUBJECT = 'Дошкольное образование';

/** [name, short name] */
export const SUBJECT_CATALOGUE: readonly (readonly [string, string])[] = [
  ['Русский язык', 'Рус. яз.'],
  ['Литературное чтение', 'Лит. чт.'],
  ['Литература', 'Лит-ра'],
  ['Английский язык', 'Англ. яз.'],
  ['Математика', 'Матем.'],
  ['Алгебра', 'Алгебра'],
  ['Геометрия', 'Геом.'],
  ['Вероятность и статистика', 'Вер. и стат.'],
  ['Информатика', 'Информ.'],
  ['Окружающий мир', 'Окр. мир'],
  ['Основы религиозных культур и светской этики', 'ОРКСЭ'],
  ['История', 'История'],
  ['Обществознание', 'Общ.'],
  ['География', 'Геогр.'],
  ['Биология', 'Биол.'],
  ['Физика', 'Физика'],
  ['Химия', 'Химия'],
  ['Музыка', 'Музыка'],
  ['Изобразительное искусство', 'ИЗО'],
  ['Труд (технология)', 'Труд'],
  ['Основы безопасности и защиты Родины', 'ОБЗР'],
  ['Физическая культура', 'Физ-ра'],
  ['Специальные дисциплины', 'Спец. дисц.'],
  ['Учебная практика', 'Уч. практ.'],
  [PRESCHOOL_SUBJECT, 'ДО'],
];

/** Weekly hours in grades 1–11; 0 where the subject is not taught. */
const SCHOOL_HOURS: Record<string, readonly number[]> = {
  'Русский язык': [5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2],
  'Литературное чтение': [4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0],
  Литература: [0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3],
  'Английский язык': [0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3],
  Математика: [4, 4, 4, 4, 5, 5, 0, 0, 0, 0, 0],
  Алгебра: [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3],
  Геометрия: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2],
  'Вероятность и статистика': [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  Информатика: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  'Окружающий мир': [2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0],
  'Основы религиозных культур и светской этики': [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
  История: [0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2],
  Обществознание: [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2],
  География: [0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1],
  Биология: [0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1],
  Физика: [0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2],
  Химия: [0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1],
  Музыка: [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
  'Изобразительное искусство': [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
  'Труд (технология)': [1, 1, 1, 1, 2, 2, 2, 1, 1, 0, 0],
  'Основы безопасности и защиты Родины': [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
  'Физическая культура': [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
};

/** Weekly hours in courses 1–4 of a college group. */
const COLLEGE_HOURS: Record<string, readonly number[]> = {
  Математика: [4, 3, 2, 2],
  'Русский язык': [2, 1, 0, 0],
  Литература: [2, 2, 0, 0],
  Информатика: [2, 2, 2, 0],
  'Специальные дисциплины': [6, 8, 8, 10],
  'Учебная практика': [4, 6, 6, 6],
};

const PRIMARY_SUBJECTS = [
  'Русский язык',
  'Литературное чтение',
  'Математика',
  'Окружающий мир',
  'Основы религиозных культур и светской этики',
  'Музыка',
  'Изобразительное искусство',
  'Труд (технология)',
];

/**
 * Catalogue subjects behind one subject of a teaching assignment: a primary teacher teaches everything
 * «Начальные классы» covers, «Математика» splits into algebra, geometry and statistics from grade 7, a
 * college's «Русский язык и литература» into its two subjects, a kindergarten group's educators work under
 * «Дошкольное образование». Subjects with no hours in the grade are left out.
 */
export function catalogueSubjects(kind: OrganizationKind, grade: number | null, subject: string): string[] {
  if (kind === 'kindergarten' || grade === null) return [PRESCHOOL_SUBJECT];
  let names = [subject];
  if (subject === PRIMARY_SUBJECT) names = PRIMARY_SUBJECTS;
  else if (subject === 'Русский язык и литература') names = ['Русский язык', 'Литература'];
  else if (subject === 'Математика' && kind === 'school' && grade >= 7)
    names = ['Алгебра', 'Геометрия', 'Вероятность и статистика'];
  return names.filter((name) => weeklyHours(kind, grade, name) > 0);
}

export function weeklyHours(kind: OrganizationKind, grade: number, subject: string): number {
  const table = kind === 'college' ? COLLEGE_HOURS : kind === 'school' ? SCHOOL_HOURS : {};
  return table[subject]?.[grade - 1] ?? 0;
}

/** Most lessons a class has in one day (СанПиН 1.2.3685-21 limits by grade). */
export function dailyLimit(kind: OrganizationKind, grade: number): number {
  if (kind === 'college') return 7;
  if (grade <= 4) return 5;
  if (grade <= 6) return 6;
  return 7;
}

/** No marks in the first grade (безотметочное обучение): attendance and homework only. */
export function isMarked(kind: OrganizationKind, grade: number | null): boolean {
  return grade !== null && (kind === 'college' || grade >= 2);
}

/** Subjects that write control works (контрольные работы); entry control works only in the first three. */
export const ENTRY_CONTROL_SUBJECTS = new Set(['Русский язык', 'Математика', 'Алгебра', 'Английский язык']);
export const NO_CONTROL_SUBJECTS = new Set([
  'Музыка',
  'Изобразительное искусство',
  'Труд (технология)',
  'Физическая культура',
  'Основы религиозных культур и светской этики',
  'Основы безопасности и защиты Родины',
  'Учебная практика',
  PRESCHOOL_SUBJECT,
]);
