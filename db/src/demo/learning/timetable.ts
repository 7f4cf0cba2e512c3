/**
 * The weekly timetable (Monday–Friday) of every class that keeps a journal, built from the curriculum: each
 * weekly hour is placed greedily, teachers of the most classes first, on the day where the class has the subject least
 * and the fewest lessons, at the earliest number where neither the class nor any of its teachers is busy.
 * No teacher is ever in two places at once; a second pass closes the gaps (окна) it can.
 */
import type { ClassInfo } from './classes.ts';
import type { LearningContext } from './context.ts';
import { dailyLimit, weeklyHours } from './subjects.ts';
import type { Teacher, Teaching } from './teaching.ts';
import type { ScheduleSlotRow } from './types.ts';

const DAYS = [1, 2, 3, 4, 5];

interface Unit {
  info: ClassInfo;
  subjectId: string;
  hours: number;
  teachers: Teacher[];
  classIndex: number;
  order: number;
}

interface Placed {
  unit: Unit;
  weekday: number;
  lessonNumber: number;
}

export function createTimetable(
  context: LearningContext,
  classes: ClassInfo[],
  teaching: Teaching,
): Map<string, ScheduleSlotRow[]> {
  const rng = context.random('timetable');
  const units: Unit[] = [];
  classes.forEach((info, classIndex) => {
    for (const [subjectId, teachers] of teaching.byClass.get(info.id) ?? []) {
      const name = teaching.subjectNames.get(subjectId) ?? '';
      const hours = weeklyHours(info.organization.kind, info.grade ?? 0, name);
      for (let hour = 0; hour < hours; hour++)
        units.push({ info, subjectId, hours, teachers, classIndex, order: rng.next() });
    }
  });
  // Teachers shared by many classes are the hard constraint; a primary teacher with one class fits in last.
  const load = new Map<string, number>();
  const spread = new Map<string, Set<string>>();
  for (const unit of units) {
    for (const { teacherId } of unit.teachers) {
      load.set(teacherId, (load.get(teacherId) ?? 0) + 1);
      spread.set(teacherId, (spread.get(teacherId) ?? new Set()).add(unit.info.id));
    }
  }
  const widest = (unit: Unit) => Math.max(...unit.teachers.map((t) => spread.get(t.teacherId)?.size ?? 0));
  const busiest = (unit: Unit) => Math.max(...unit.teachers.map((t) => load.get(t.teacherId) ?? 0));
  units.sort((a, b) => widest(b) - widest(a) || busiest(b) - busiest(a) || b.hours - a.hours || a.order - b.order);

  const busy = new Set<string>();
  const key = (owner: string, weekday: number, lessonNumber: number) => `${owner}|${weekday}|${lessonNumber}`;
  const free = (unit: Unit, weekday: number, n: number) =>
    !busy.has(key(unit.info.id, weekday, n)) && unit.teachers.every((t) => !busy.has(key(t.teacherId, weekday, n)));
  const occupy = (unit: Unit, weekday: number, n: number, taken: boolean) => {
    for (const owner of [unit.info.id, ...unit.teachers.map((t) => t.teacherId)]) {
      if (taken) busy.add(key(owner, weekday, n));
      else busy.delete(key(owner, weekday, n));
    }
  };
  const placed: Placed[] = [];
  for (const unit of units) {
    const onDay = (weekday: number) => placed.filter((p) => p.unit.info === unit.info && p.weekday === weekday);
    const sameSubject = (weekday: number) => onDay(weekday).filter((p) => p.unit.subjectId === unit.subjectId).length;
    const days = DAYS.map((weekday) => ({ weekday, same: sameSubject(weekday), lessons: onDay(weekday).length }))
      .sort((a, b) => a.same - b.same || a.lessons - b.lessons || a.weekday - b.weekday)
      .map((day) => day.weekday);
    const limit = dailyLimit(unit.info.organization.kind, unit.info.grade ?? 1);
    const firstFree = (weekday: number) => {
      let n = 1;
      while (busy.has(key(unit.info.id, weekday, n))) n++;
      return n;
    };
    const spot = findSpot(days, limit, (weekday, n, strict, compact) => {
      if (strict && sameSubject(weekday) >= Math.ceil(unit.hours / DAYS.length)) return false;
      if (compact && n !== firstFree(weekday)) return false;
      return free(unit, weekday, n);
    });
    if (!spot) throw new Error(`demo: no room in the timetable of ${unit.info.organizationKey} ${unit.info.name}`);
    occupy(unit, spot.weekday, spot.lessonNumber, true);
    placed.push({ unit, ...spot });
  }
  closeGaps(placed, free, occupy);
  return toRows(context, placed, teaching);
}

/** Without a gap and within the subject's daily share if possible; a gap next; a second lesson of it last. */
function findSpot(
  days: number[],
  limit: number,
  fits: (weekday: number, n: number, strict: boolean, compact: boolean) => boolean,
): { weekday: number; lessonNumber: number } | undefined {
  for (const strict of [true, false]) {
    for (const compact of [true, false]) {
      for (const weekday of days) {
        for (let n = 1; n <= limit; n++) if (fits(weekday, n, strict, compact)) return { weekday, lessonNumber: n };
      }
    }
  }
  return undefined;
}

/** Moves a later lesson of the day into a gap whenever its teachers are free then. */
function closeGaps(
  placed: Placed[],
  free: (unit: Unit, weekday: number, n: number) => boolean,
  occupy: (unit: Unit, weekday: number, n: number, taken: boolean) => void,
): void {
  const days = new Map<string, Placed[]>();
  for (const p of placed) {
    const dayKey = `${p.unit.info.id}|${p.weekday}`;
    days.set(dayKey, [...(days.get(dayKey) ?? []), p]);
  }
  for (const lessons of days.values()) {
    for (let gap = 1; gap < Math.max(...lessons.map((p) => p.lessonNumber)); gap++) {
      if (lessons.some((p) => p.lessonNumber === gap)) continue;
      const later = lessons
        .filter((p) => p.lessonNumber > gap)
        .sort((a, b) => b.lessonNumber - a.lessonNumber)
        .find((p) => free(p.unit, p.weekday, gap));
      if (!later) continue;
      occupy(later.unit, later.weekday, later.lessonNumber, false);
      later.lessonNumber = gap;
      occupy(later.unit, later.weekday, gap, true);
    }
  }
}

function toRows(context: LearningContext, placed: Placed[], teaching: Teaching): Map<string, ScheduleSlotRow[]> {
  const rooms = new Map<string, string>();
  const counters = new Map<string, number>();
  const roomOf = (unit: Unit, teacherId: string) => {
    if (teaching.subjectNames.get(unit.subjectId) === 'Физическая культура') return 'Спортзал';
    const organization = unit.info.organization;
    let room = rooms.get(teacherId);
    if (!room) {
      const n = (counters.get(organization.id) ?? 0) + 1;
      counters.set(organization.id, n);
      room = `${organization.kind === 'college' ? 3 : 2}${String(n).padStart(2, '0')}`;
      rooms.set(teacherId, room);
    }
    return room;
  };
  const byClass = new Map<string, ScheduleSlotRow[]>();
  placed.sort(
    (a, b) => a.unit.classIndex - b.unit.classIndex || a.weekday - b.weekday || a.lessonNumber - b.lessonNumber,
  );
  for (const { unit, weekday, lessonNumber } of placed) {
    const slots = byClass.get(unit.info.id) ?? [];
    byClass.set(unit.info.id, slots);
    for (const teacher of unit.teachers) {
      const slot: ScheduleSlotRow = {
        id: context.ids.next(),
        classId: unit.info.id,
        subjectId: unit.subjectId,
        teacherId: teacher.teacherId,
        subgroup: teacher.subgroup,
        weekday,
        lessonNumber,
        room: roomOf(unit, teacher.teacherId),
        validFrom: unit.info.organization.calendar.startsOn,
        validTo: null,
      };
      slots.push(slot);
      context.rows.scheduleSlots.push(slot);
    }
  }
  return byClass;
}
