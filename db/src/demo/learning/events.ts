/**
 * События года besides control works: a parent meeting per class in every study period, a few excursions
 * and the celebrations of the whole organization (class_id null), for organizations that keep a journal.
 */
import { addDays } from '../calendar.ts';
import type { Random } from '../random.ts';
import type { ClassInfo } from './classes.ts';
import { localMoment, studyDays } from './calendar.ts';
import type { LearningContext, LearningOrganization } from './context.ts';
import type { EventRow } from './types.ts';

const EXCURSIONS = [
  'Экскурсия в краеведческий музей',
  'Экскурсия на Челябинский тракторный завод',
  'Поездка в Ильменский заповедник',
  'Экскурсия в планетарий',
  'Посещение драматического театра',
];

export function createEvents(context: LearningContext, classes: ClassInfo[]): void {
  const rng = context.random('events');
  const organizations = [...new Set(classes.map((info) => info.organization))];
  for (const organization of organizations) {
    const days = studyDays(organization.calendar);
    const own = classes.filter((info) => info.organization === organization);
    const event = (fields: Omit<EventRow, 'id' | 'schoolYear' | 'organizationId'>) =>
      context.rows.events.push({
        id: context.ids.next(),
        schoolYear: context.schoolYear,
        organizationId: organization.id,
        ...fields,
      });
    for (const { classId, title, date, time, minutes, description } of celebrations(organization, days)) {
      const startsAt = localMoment(date, time);
      event({
        classId,
        kind: 'CELEBRATION',
        title,
        description,
        startsAt,
        endsAt: end(startsAt, minutes),
        createdBy: organization.adminId,
      });
    }
    for (const info of own) {
      for (const period of organization.calendar.periods) {
        const date = pickDay(rng, days, addDays(period.startsOn, 14), addDays(period.startsOn, 35));
        if (!date) continue;
        const startsAt = localMoment(date, '18:30');
        event({
          classId: info.id,
          kind: 'PARENT_MEETING',
          title: 'Родительское собрание',
          description: meetingAgenda(info, period.number),
          startsAt,
          endsAt: end(startsAt, 90),
          createdBy: info.classTeacherId ?? organization.adminId,
        });
      }
    }
    for (const info of rng.sample(own, 2)) {
      const date = pickDay(rng, days, days[0] ?? context.asOf, days.at(-1) ?? context.asOf);
      if (!date) continue;
      const startsAt = localMoment(date, '14:30');
      event({
        classId: info.id,
        kind: 'EXCURSION',
        title: rng.pick(EXCURSIONS),
        description: `Для обучающихся ${info.name}`,
        startsAt,
        endsAt: end(startsAt, 180),
        createdBy: info.classTeacherId ?? organization.adminId,
      });
    }
  }
}

function celebrations(organization: LearningOrganization, days: string[]) {
  const first = organization.calendar.startsOn;
  const beforeWinter = days.filter((day) => day < addDays(first, 120)).at(-1) ?? first;
  const line = { classId: null, date: first, time: '09:00', minutes: 60 };
  if (organization.kind === 'college') {
    return [
      { ...line, title: 'Торжественная линейка «День знаний»', description: null },
      {
        ...line,
        date: addDays(first, 16),
        time: '15:00',
        minutes: 120,
        title: 'Посвящение в студенты',
        description: 'Для первокурсников',
      },
    ];
  }
  return [
    { ...line, title: 'Торжественная линейка «День знаний»', description: null },
    { ...line, date: beforeWinter, time: '12:00', minutes: 120, title: 'Новогодний праздник', description: null },
    {
      ...line,
      date: addDays(organization.calendar.endsOn, -6),
      time: '10:00',
      title: 'Последний звонок',
      description: 'Для выпускников 9 и 11 классов',
    },
  ];
}

function meetingAgenda(info: ClassInfo, period: number): string {
  if (period === 1 && (info.grade === 1 || info.grade === 5)) return 'Адаптация к обучению на новом уровне';
  if (info.grade === 9 && info.organization.kind === 'school') return 'Подготовка к ОГЭ, итоги периода';
  if (info.grade === 11) return 'Подготовка к ЕГЭ, итоги периода';
  return 'Итоги учебного периода, успеваемость и посещаемость';
}

function pickDay(rng: Random, days: string[], from: string, to: string): string | undefined {
  const candidates = days.filter((day) => day >= from && day <= to);
  return candidates.length > 0 ? rng.pick(candidates) : undefined;
}

function end(startsAt: Date, minutes: number): Date {
  return new Date(startsAt.getTime() + minutes * 60_000);
}
