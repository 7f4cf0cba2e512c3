/**
 * Замены: one to three lessons per organization taught by another teacher who is free at that time. The
 * lesson keeps the assignment's teacher; the substitution names who taught it, and that teacher sets its
 * marks and attendance. In the demo account `teacher`'s school two are fixed: one of her own 5А mathematics
 * lessons before the demo's "now" taught by a colleague (the algebra and geometry teacher when free), and one
 * lesson she taught instead of that colleague in a class she does not teach (algebra or geometry in 8Б, 9А…
 * when possible). Which lessons they are depends on the seed: the tests look them up by teacher.
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import type { ClassInfo } from './classes.ts';
import type { LearningContext } from './context.ts';
import type { LessonsByClass } from './lessons.ts';
import type { Teaching } from './teaching.ts';
import type { LessonRow } from './types.ts';

const REASONS = [
  'Больничный лист',
  'Курсы повышения квалификации',
  'Служебная командировка',
  'Сопровождение обучающихся на олимпиаду',
  'Семейные обстоятельства',
];

/** lesson id → the teacher who actually taught it. */
export type Substitutes = Map<string, string>;

export function createSubstitutions(
  context: LearningContext,
  classes: ClassInfo[],
  lessons: LessonsByClass,
  teaching: Teaching,
): Substitutes {
  const rng = context.random('substitutions');
  const substitutes: Substitutes = new Map();
  const busy = new Set<string>();
  const at = (teacherId: string, lesson: LessonRow) => `${teacherId}|${lesson.date}|${lesson.lessonNumber}`;
  for (const list of lessons.values()) for (const lesson of list) busy.add(at(lesson.teacherId, lesson));

  const substitute = (lesson: LessonRow, candidates: string[]): boolean => {
    if (substitutes.has(lesson.id)) return false;
    const teacherId = candidates.find((id) => id !== lesson.teacherId && !busy.has(at(id, lesson)));
    if (!teacherId) return false;
    busy.add(at(teacherId, lesson));
    substitutes.set(lesson.id, teacherId);
    context.rows.substitutions.push({
      id: context.ids.next(),
      schoolYear: lesson.schoolYear,
      lessonId: lesson.id,
      originalTeacherId: lesson.teacherId,
      substituteTeacherId: teacherId,
      date: lesson.date,
      reason: rng.pick(REASONS),
    });
    return true;
  };

  const [demoTeacher] = context.catalog.accounts.teacher ?? [];
  for (const organization of context.organizations) {
    const own = classes.filter((info) => info.organization === organization);
    // From the second week of the year (the first is the timetable's trial run) until the demo's "now".
    const from = addDays(organization.calendar.startsOn, 6);
    const past = (lesson: LessonRow) => lesson.date >= from && lesson.date < context.asOf;
    const all = rng.shuffle(own.flatMap((info) => (lessons.get(info.id) ?? []).filter(past)));
    if (all.length === 0) continue;
    const teachers = [...new Set(all.map((lesson) => lesson.teacherId))].sort();
    let wanted = rng.int(1, 3);
    if (demoTeacher && teachers.includes(demoTeacher)) {
      const grades = new Map(own.map((info) => [info.id, info.grade]));
      wanted -= fixedSubstitutions(rng, demoTeacher, all, teachers, { teaching, grades }, substitute);
    }
    for (const lesson of all) {
      if (wanted <= 0) break;
      if (substitute(lesson, rng.shuffle(teachers))) wanted--;
    }
  }
  return substitutes;
}

/** Subjects one teacher may stand in for another with: mathematics, or Russian and literature. */
const FAMILIES = [
  ['Математика', 'Алгебра', 'Геометрия', 'Вероятность и статистика'],
  ['Русский язык', 'Литература', 'Литературное чтение'],
];

/**
 * The two substitutions around the demo account `teacher`, preferring a colleague of her subject family and,
 * for the lesson she takes, that subject family in a class of grade 5 or above. Returns how many were made.
 */
function fixedSubstitutions(
  rng: Random,
  teacherId: string,
  lessons: LessonRow[],
  teachers: string[],
  context: { teaching: Teaching; grades: Map<string, number | null> },
  substitute: (lesson: LessonRow, candidates: string[]) => boolean,
): number {
  const nameOf = (lesson: LessonRow) => context.teaching.subjectNames.get(lesson.subjectId) ?? '';
  const hers = lessons.filter((lesson) => lesson.teacherId === teacherId);
  const herNames = new Set(hers.map(nameOf));
  const family = new Set(
    FAMILIES.filter((names) => names.some((n) => herNames.has(n)))
      .flat()
      .concat([...herNames]),
  );
  const related = (lesson: LessonRow) => family.has(nameOf(lesson));
  const senior = (lesson: LessonRow) => (context.grades.get(lesson.classId) ?? 0) >= 5;
  const colleagues = [...new Set(lessons.filter((l) => related(l) && senior(l)).map((l) => l.teacherId))];
  const others = rng.shuffle(teachers.filter((id) => !colleagues.includes(id)));
  let made = 0;
  if (hers.some((lesson) => substitute(lesson, colleagues)) || hers.some((lesson) => substitute(lesson, others)))
    made++;
  const herClasses = new Set(hers.map((lesson) => lesson.classId));
  const elsewhere = lessons.filter((lesson) => lesson.teacherId !== teacherId && !herClasses.has(lesson.classId));
  const preferred = [
    ...elsewhere.filter((lesson) => related(lesson) && senior(lesson)),
    ...elsewhere.filter((lesson) => related(lesson) && !senior(lesson)),
    ...elsewhere.filter((lesson) => !related(lesson)),
  ];
  if (preferred.some((lesson) => substitute(lesson, [teacherId]))) made++;
  return made;
}
