/**
 * The `learning` rows of one bulk organization: its school years, periods and holidays (the demo's calendar),
 * classes and members (projected from the movement book, as the demo does), teaching assignments,
 * curriculum, a timetable, and — where the journal is kept — a school year of lessons, marks and attendance
 * up to `through`. The journal tables are millions of rows, so they are written as COPY lines straight away,
 * one class at a time, without row objects in between; the shares follow the demo's (learning/marks.ts,
 * attendance.ts): illness in spells of days, truancy and lateness per lesson, about one current mark in ten
 * student-lessons, a control work every sixteenth lesson of a subject, no marks in the first grade.
 *
 * It runs in a worker thread (worker.ts) from a `JournalJob`, plain data the main thread cloned to it, and
 * takes its ids from a stream of its own (the chunk's `journal` stream, in the second half of the chunk's id
 * span), so it needs nothing of the people part's context and the people part needs nothing of it.
 */
import { addDays, randomMoment } from '../calendar.ts';
import { bellTimes } from '../learning/bells.ts';
import type { YearState } from '../learning/context.ts';
import { LESSON_STARTS, isoWeekday, localMoment, studyDays, yearCalendar } from '../learning/calendar.ts';
import { catalogueSubjects, dailyLimit, isMarked, NO_CONTROL_SUBJECTS, weeklyHours } from '../learning/subjects.ts';
import { homeworkChance, homeworkText, topicOf } from '../learning/topics.ts';
import type { ClassRow, CurriculumRow, HolidayRow, SchoolYearRow, StudyPeriodRow } from '../learning/types.ts';
import {
  assignments,
  attendance,
  bells,
  classes as classesTable,
  classMembers,
  curriculum,
  holidays,
  lessons,
  marks,
  scheduleSlots,
  schoolYears,
  studyPeriods,
} from '../../learning.ts';
import { createRandom, type Random } from '../random.ts';
import type { DemoAssignment, DemoClass, OrganizationKind } from '../types.ts';
import { addPart, lineBatch, rowsBatch, field, sealLines, type CopyBatch } from './copy.ts';
import { ByteWriter, createByteIdFactory, dayStartMs, type ByteIdFactory } from './fast.ts';
import { chunkEpoch, CHUNK_ID_SPAN_MS } from './plan.ts';

const CURRENT_SHARE = 0.1;
const CONTROL_EVERY = 16;
const CLOSE_AFTER_DAYS = 3;
const KINDS = {
  school: 'SCHOOL_CLASS',
  kindergarten: 'KINDERGARTEN_GROUP',
  college: 'COLLEGE_GROUP',
  extra: 'EXTRA_ASSOCIATION',
} as const satisfies Record<string, ClassRow['kind']>;
const COMMENTS: Record<string, readonly string[]> = {
  '5': ['Отличный ответ у доски', 'Работа без ошибок', 'Молодец!'],
  '4': ['Хорошо, есть недочёты', 'Небольшие вычислительные ошибки'],
  '3': ['Материал усвоен частично', 'Много ошибок, повторить правило'],
  '2': ['Не готов к уроку', 'Работа не выполнена'],
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Region time is UTC+5 all year (no daylight saving): local wall-clock times as offsets from UTC midnight. */
const LOCAL_MS = -5 * HOUR_MS;
const LESSON_START_MS = LESSON_STARTS.map((time) => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return (hours * 60 + minutes) * 60_000 + LOCAL_MS;
});
const AFTER_LESSONS_MS = (15 * 60 + 5) * 60_000 + LOCAL_MS;
const EVENING_MS = 17 * HOUR_MS + LOCAL_MS;

/** What the journal of one organization is made from: plain data, cloned from the main thread to a worker. */
export interface JournalJob {
  seed: number | string;
  key: string;
  /** The chunk number: its ids come from the chunk's span. */
  number: number;
  schoolYear: number;
  organization: { id: string; kind: OrganizationKind };
  state: YearState;
  /** Opens the year and closes periods: the head. */
  adminId: string;
  /** The last day lessons get marks and attendance. */
  through: string;
  /** Epoch ms no change time passes: a later simulated one is recorded at it (`RegionOptions.asOf`). */
  stampedUntil: number;
  /** The organization's classes (catalogue entries, class teachers set) and teaching assignments. */
  classes: DemoClass[];
  assignments: DemoAssignment[];
  /** The organization's enrolments from the movement book: the class memberships are projected from them. */
  enrolments: { personId: string; classId: string | null; startedOn: string; endedOn: string | null }[];
}

interface Member {
  personId: string;
  joinedOn: string;
  leftOn: string | null;
}

interface Slot {
  subjectId: string;
  subject: string;
  teacherId: string;
  weekday: number;
  lessonNumber: number;
}

export function generateJournal(job: JournalJob, subjectIds: ReadonlyMap<string, string>): CopyBatch[] {
  const { organization, state, adminId, through } = job;
  const random = (step: string) => createRandom(`${job.seed}/region/${job.key}`, `learning/${step}`);
  const rng = random('journal');
  const year = job.schoolYear;
  const ids = createByteIdFactory(
    `${job.seed}/region/${job.key}/journal`,
    chunkEpoch(year, job.number) + CHUNK_ID_SPAN_MS / 2,
  );
  const calendar = yearCalendar(organization.kind, year);
  const previous = yearCalendar(organization.kind, year - 1);
  const years: SchoolYearRow[] = [
    {
      id: ids.next(),
      organizationId: organization.id,
      year: year - 1,
      startsOn: previous.startsOn,
      endsOn: previous.endsOn,
      periodKind: previous.periodKind,
      status: 'CLOSED',
      openedAt: randomMoment(rng, addDays(previous.startsOn, -7), addDays(previous.startsOn, 2)),
      openedBy: adminId,
    },
  ];
  const periods: StudyPeriodRow[] = [];
  const holidayRows: HolidayRow[] = [];
  if (state !== 'NONE') {
    const schoolYearId = ids.next();
    const start = calendar.startsOn;
    years.push({
      id: schoolYearId,
      organizationId: organization.id,
      year,
      startsOn: calendar.startsOn,
      endsOn: calendar.endsOn,
      periodKind: calendar.periodKind,
      status: state === 'DRAFT' ? 'DRAFT' : 'OPEN',
      // Rule 13: schools by 6 September, extra education by 20 September; LATE after that.
      openedAt:
        state === 'DRAFT'
          ? null
          : state === 'LATE'
            ? randomMoment(rng, addDays(start, 7), addDays(start, 14))
            : organization.kind === 'extra'
              ? randomMoment(rng, addDays(start, 6), addDays(start, 18))
              : randomMoment(rng, addDays(start, -7), addDays(start, 4)),
      openedBy: state === 'DRAFT' ? null : adminId,
    });
    for (const period of calendar.periods) {
      const closedOn = addDays(period.endsOn, CLOSE_AFTER_DAYS);
      const closed = organization.kind === 'school' && state !== 'DRAFT' && closedOn <= through;
      periods.push({
        id: ids.next(),
        schoolYearId,
        organizationId: organization.id,
        number: period.number,
        name: period.name,
        startsOn: period.startsOn,
        endsOn: period.endsOn,
        closedAt: closed ? localMoment(closedOn, '15:00', rng.int(0, 120)) : null,
        closedBy: closed ? adminId : null,
      });
    }
    for (const holiday of calendar.holidays)
      holidayRows.push({ id: ids.next(), schoolYearId, organizationId: organization.id, ...holiday });
  }

  const entries = job.classes;
  const classRows: ClassRow[] = entries.map((entry) => ({
    id: entry.id,
    organizationId: entry.organizationId,
    schoolYear: entry.schoolYear,
    kind: KINDS[organization.kind],
    name: entry.name,
    grade: entry.grade,
    letter: organization.kind === 'school' ? entry.name.replace(/^\d+/, '') || null : null,
    classTeacherId: entry.classTeacherId,
    previousClassId: null,
  }));
  const members = new Map<string, Member[]>(entries.map((entry) => [entry.id, []]));
  const memberRows: Record<string, unknown>[] = [];
  for (const enrolment of job.enrolments) {
    const list = enrolment.classId ? members.get(enrolment.classId) : undefined;
    if (!list || !enrolment.classId) continue;
    const member = { personId: enrolment.personId, joinedOn: enrolment.startedOn, leftOn: enrolment.endedOn ?? null };
    list.push(member);
    memberRows.push({ id: ids.next(), classId: enrolment.classId, ...member, repeater: false });
  }

  // class id → subject name → teacher, in assignment order.
  const teachersOf = new Map<string, Map<string, string>>();
  const assignmentRows: Record<string, unknown>[] = [];
  const gradeOf = new Map(entries.map((entry) => [entry.id, entry.grade]));
  for (const assignment of job.assignments) {
    if (!gradeOf.has(assignment.classId)) continue;
    const grade = gradeOf.get(assignment.classId) ?? null;
    const subjects = teachersOf.get(assignment.classId) ?? new Map<string, string>();
    teachersOf.set(assignment.classId, subjects);
    for (const name of assignment.subjects.flatMap((s) => catalogueSubjects(organization.kind, grade, s))) {
      if (subjects.has(name)) continue;
      subjects.set(name, assignment.teacherId);
      assignmentRows.push({
        id: ids.next(),
        classId: assignment.classId,
        subjectId: subjectId(subjectIds, name),
        teacherId: assignment.teacherId,
        subgroup: null,
      });
    }
  }
  const current = entries.filter((entry) => entry.schoolYear === year);
  const curriculumRows: CurriculumRow[] = [];
  if (state !== 'NONE') {
    const seen = new Set<string>();
    for (const entry of current) {
      if (entry.grade === null) continue;
      for (const name of teachersOf.get(entry.id)?.keys() ?? []) {
        const hours = weeklyHours(organization.kind, entry.grade, name);
        const key = `${entry.grade}|${name}`;
        if (hours === 0 || seen.has(key)) continue;
        seen.add(key);
        curriculumRows.push({
          id: ids.next(),
          organizationId: organization.id,
          schoolYear: year,
          grade: entry.grade,
          subjectId: subjectId(subjectIds, name),
          hoursPerWeek: hours.toFixed(1),
        });
      }
    }
  }

  const batches: CopyBatch[] = [
    rowsBatch(schoolYears, years),
    rowsBatch(studyPeriods, periods),
    rowsBatch(holidays, holidayRows),
    rowsBatch(classesTable, classRows),
    rowsBatch(classMembers, memberRows),
    rowsBatch(assignments, assignmentRows),
    rowsBatch(curriculum, curriculumRows),
  ];
  const journalKept =
    (state === 'OPEN' || state === 'LATE') && (organization.kind === 'school' || organization.kind === 'college');
  if (!journalKept) return batches;
  // The bells (issue 15 §2) take their ids from the table's default: no draw from the chunk's id stream.
  batches.push(
    rowsBatch(
      bells,
      bellTimes().map((bell) => ({ organizationId: organization.id, ...bell })),
    ),
  );

  const slotBatch = lineBatch(scheduleSlots, [
    'id',
    'class_id',
    'subject_id',
    'teacher_id',
    'weekday',
    'lesson_number',
    'room',
    'valid_from',
  ]);
  const lessonBatch = lineBatch(lessons, [
    'id',
    'school_year',
    'organization_id',
    'class_id',
    'subject_id',
    'teacher_id',
    'date',
    'lesson_number',
    'topic',
    'homework',
    'homework_due_on',
    'homework_mandatory',
  ]);
  const markBatch = lineBatch(marks, [
    'id',
    'school_year',
    'organization_id',
    'class_id',
    'subject_id',
    'student_id',
    'lesson_id',
    'date',
    'kind',
    'value',
    'weight',
    'debt',
    'comment',
    'set_by',
    'set_at',
    'updated_at',
  ]);
  const attendanceBatch = lineBatch(attendance, [
    'id',
    'school_year',
    'organization_id',
    'class_id',
    'subject_id',
    'lesson_id',
    'student_id',
    'date',
    'status',
    'set_by',
    'set_at',
  ]);
  batches.push(slotBatch, lessonBatch, markBatch, attendanceBatch);
  const markWriter = new ByteWriter();
  const attendanceWriter = new ByteWriter();

  const days = studyDays(calendar).filter((day) => day <= through);
  const nowMs = Date.parse(`${addDays(through, 1)}T00:00:00+05:00`);
  const closings = periods.map((p) => ({ from: p.startsOn, to: p.endsOn, at: p.closedAt?.getTime() ?? Infinity }));
  const deadlineOf = (date: string) =>
    Math.min(nowMs, closings.find((p) => date >= p.from && date <= p.to)?.at ?? Infinity);
  const timetable = createTimetable(current, teachersOf, organization, subjectIds, random('timetable'));
  let room = 100;
  for (const entry of current) {
    const slots = timetable.get(entry.id) ?? [];
    const rooms = new Map<string, string>();
    for (const slot of slots) {
      const own = rooms.get(slot.teacherId) ?? (slot.subject === 'Физическая культура' ? 'Спортзал' : String(++room));
      rooms.set(slot.teacherId, own);
      slotBatch.lines.push(
        `${ids.next()}\t${entry.id}\t${slot.subjectId}\t${slot.teacherId}\t${slot.weekday}\t${slot.lessonNumber}\t${own}\t${calendar.startsOn}`,
      );
    }
    const rows = writeClassJournal({
      ids,
      year,
      organization,
      classId: entry.id,
      marked: isMarked(organization.kind, entry.grade),
      slots,
      days,
      members: members.get(entry.id) ?? [],
      rng,
      deadlineOf,
      stampedUntil: job.stampedUntil,
      lessonBatch,
      markWriter,
      attendanceWriter,
    });
    sealLines(lessonBatch);
    addPart(markBatch, markWriter.take(), rows.marks);
    addPart(attendanceBatch, attendanceWriter.take(), rows.attendance);
  }
  return batches;
}

function subjectId(ids: ReadonlyMap<string, string>, name: string): string {
  const id = ids.get(name);
  if (!id) throw new Error(`region: subject ${name} is not in the catalogue`);
  return id;
}

/**
 * A week of lessons per class: each subject's weekly hours spread over the days (the emptiest first), at
 * most the daily limit of СанПиН, never two classes at once for one teacher.
 */
function createTimetable(
  current: readonly { id: string; grade: number | null }[],
  teachersOf: Map<string, Map<string, string>>,
  organization: JournalJob['organization'],
  subjectIds: ReadonlyMap<string, string>,
  rng: Random,
): Map<string, Slot[]> {
  const busy = new Set<string>();
  const byClass = new Map<string, Slot[]>();
  for (const entry of current) {
    if (entry.grade === null) continue;
    const limit = dailyLimit(organization.kind, entry.grade);
    const units: { subject: string; teacherId: string; left: number }[] = [];
    for (const [subject, teacherId] of teachersOf.get(entry.id) ?? []) {
      const hours = weeklyHours(organization.kind, entry.grade, subject);
      if (hours > 0) units.push({ subject, teacherId, left: hours });
    }
    const count = [0, 0, 0, 0, 0];
    const slots: Slot[] = [];
    let cursor = rng.int(0, 4);
    // Round-robin over subjects, so that a subject's hours fall on different days.
    for (let pending = units.filter((u) => u.left > 0); pending.length > 0; pending = units.filter((u) => u.left > 0)) {
      for (const unit of pending) {
        unit.left--;
        for (let attempt = 0; attempt < 5; attempt++) {
          const day = (cursor + attempt) % 5;
          const lessonNumber = (count[day] ?? 0) + 1;
          const key = `${unit.teacherId}|${day}|${lessonNumber}`;
          if (lessonNumber > limit || busy.has(key)) continue;
          busy.add(key);
          count[day] = lessonNumber;
          slots.push({
            subjectId: subjectId(subjectIds, unit.subject),
            subject: unit.subject,
            teacherId: unit.teacherId,
            weekday: day + 1,
            lessonNumber,
          });
          cursor = day + 1;
          break;
        }
      }
    }
    slots.sort((a, b) => a.weekday - b.weekday || a.lessonNumber - b.lessonNumber);
    byClass.set(entry.id, slots);
  }
  return byClass;
}

interface ClassJournal {
  ids: ByteIdFactory;
  year: number;
  organization: JournalJob['organization'];
  classId: string;
  marked: boolean;
  slots: Slot[];
  days: string[];
  members: Member[];
  rng: Random;
  deadlineOf(date: string): number;
  /** Epoch ms no change time passes (`JournalJob.stampedUntil`). */
  stampedUntil: number;
  lessonBatch: CopyBatch;
  markWriter: ByteWriter;
  attendanceWriter: ByteWriter;
}

type Status = 'ABSENT' | 'SICK' | 'EXCUSED' | 'LATE';
/** More than the subjects of any class's timetable. */
const SUBJECTS = 64;

const TAB = 9;
const NEWLINE = 10;
const encode = (text: string) => Buffer.from(text);
const STATUS_BYTES = new Map<string, Uint8Array>(
  ['ABSENT', 'SICK', 'EXCUSED', 'LATE'].map((status) => [status, encode(`${status}\t`)]),
);
/** `kind \t value \t weight \t debt \t` of a mark, at (control ? 4 : 0) + value - 2: CONTROL weighs 2, CURRENT 1. */
const MARK_KIND_BYTES = [false, true].flatMap((control) =>
  [2, 3, 4, 5].map((value) => encode(`${control ? 'CONTROL' : 'CURRENT'}\t${value}\t${control ? 2 : 1}\tf\t`)),
);
const NO_COMMENT = encode('\\N\t');

/** Writes one class's journal; returns the marks and attendance rows written. */
function writeClassJournal(journal: ClassJournal): { marks: number; attendance: number } {
  const { ids, year, organization, classId, marked, slots, days, members, rng, stampedUntil } = journal;
  const { markWriter, attendanceWriter } = journal;
  const written = { marks: 0, attendance: 0 };
  const memberBytes = members.map((member) => encode(`${member.personId}\t`));
  const prefix = `${year}\t${organization.id}\t${classId}`;
  // Whole days away: sick spells of 3–6 study days and an occasional excused day (as attendance.ts).
  const dayPlans = members.map((member) => {
    const own = days.filter((day) => member.joinedOn <= day && (member.leftOn === null || day < member.leftOn));
    const plan = new Map<string, Status>();
    const spells = rng.chance(0.6) ? rng.int(1, 3) : 0;
    for (let spell = 0; spell < spells && own.length > 0; spell++) {
      const start = rng.int(0, own.length - 1);
      for (const day of own.slice(start, start + rng.int(3, 6))) plan.set(day, 'SICK');
    }
    for (const day of own) if (!plan.has(day) && rng.chance(0.006)) plan.set(day, 'EXCUSED');
    return plan;
  });
  const ability = members.map(() => Math.min(4.9, Math.max(2.7, 3.9 + 0.55 * gauss(rng))));
  // Per learner and subject (index m * SUBJECTS + subject), drawn when first needed.
  const leaning: (number | undefined)[] = [];
  const subjectIndex = new Map<string, number>();
  const slotsByWeekday = Array.from({ length: 6 }, (_, weekday) => slots.filter((slot) => slot.weekday === weekday));

  // Lessons of the year in order, with the k-th lesson of its subject (topics, control works, homework).
  const list: { id: string; date: string; slot: Slot; k: number }[] = [];
  const bySubject = new Map<string, number[]>();
  for (const date of days) {
    for (const slot of slotsByWeekday[isoWeekday(date)] ?? []) {
      const sequence = bySubject.get(slot.subject) ?? [];
      bySubject.set(slot.subject, sequence);
      sequence.push(list.length);
      list.push({ id: ids.next(), date, slot, k: sequence.length - 1 });
    }
  }
  for (const lesson of list) {
    const { slot, k, date } = lesson;
    const sequence = bySubject.get(slot.subject) ?? [];
    const next = sequence
      .slice(k + 1, k + 4)
      .map((index) => list[index])
      .find((later) => later !== undefined && later.date > date);
    let homework = '\\N\t\\N\tf';
    if (next && rng.chance(homeworkChance(slot.subject)))
      homework = `${field(homeworkText(rng, slot.subject, k))}\t${next.date}\t${rng.chance(0.3) ? 't' : 'f'}`;
    journal.lessonBatch.lines.push(
      `${lesson.id}\t${prefix}\t${slot.subjectId}\t${slot.teacherId}\t${date}\t${slot.lessonNumber}\t${field(topicOf(slot.subject, k))}\t${homework}`,
    );
  }

  let previousDate = '';
  for (const lesson of list) {
    const { slot, date, k } = lesson;
    const first = date !== previousDate;
    previousDate = date;
    const dayStart = dayStartMs(date);
    const start = dayStart + (LESSON_START_MS[slot.lessonNumber - 1] ?? AFTER_LESSONS_MS);
    const isControl = marked && k % CONTROL_EVERY === CONTROL_EVERY - 1 && !NO_CONTROL_SUBJECTS.has(slot.subject);
    const deadline = journal.deadlineOf(date);
    const head = `${prefix}\t${slot.subjectId}`;
    // The columns every row of this lesson repeats, encoded once.
    const attendanceHead = encode(`\t${head}\t${lesson.id}\t`);
    const attendanceDate = encode(`${date}\t`);
    const markHead = encode(`\t${head}\t`);
    const markLesson = encode(`${lesson.id}\t${date}\t`);
    const teacher = encode(`${slot.teacherId}\t`);
    let index = subjectIndex.get(slot.subject);
    if (index === undefined) {
      index = subjectIndex.size;
      subjectIndex.set(slot.subject, index);
    }
    for (let m = 0; m < members.length; m++) {
      const member = members[m] as Member;
      if (member.joinedOn > date || (member.leftOn !== null && date >= member.leftOn)) continue;
      const roll = rng.next();
      const status: Status | undefined =
        dayPlans[m]?.get(date) ??
        (roll < 0.009 ? 'ABSENT' : roll < 0.009 + (first ? 0.03 : 0.004) ? 'LATE' : undefined);
      if (status) {
        const setAt = Math.min(start + rng.int(3, 40) * 60_000, stampedUntil);
        const w = attendanceWriter;
        w.id(ids);
        w.bytes(attendanceHead);
        w.bytes(memberBytes[m] as Uint8Array);
        w.bytes(attendanceDate);
        w.bytes(STATUS_BYTES.get(status) as Uint8Array);
        w.bytes(teacher);
        w.iso(setAt);
        w.byte(NEWLINE);
        written.attendance++;
        if (status !== 'LATE') continue;
      }
      if (!marked || (!isControl && rng.next() >= CURRENT_SHARE)) continue;
      const leanKey = m * SUBJECTS + index;
      let lean = leaning[leanKey];
      if (lean === undefined) {
        lean = 0.3 * gauss(rng);
        leaning[leanKey] = lean;
      }
      const mean = (ability[m] ?? 3.9) + lean - (isControl ? 0.2 : 0);
      const value = Math.min(5, Math.max(2, Math.round(mean + 0.7 * gauss(rng))));
      const setAt = Math.min(setMoment(rng, start, dayStart, deadline), stampedUntil);
      const comment = rng.chance(0.05) ? field(rng.pick(COMMENTS[String(value)] ?? [''])) : null;
      const w = markWriter;
      w.id(ids);
      w.bytes(markHead);
      w.bytes(memberBytes[m] as Uint8Array);
      w.bytes(markLesson);
      w.bytes(MARK_KIND_BYTES[(isControl ? 4 : 0) + value - 2] as Uint8Array);
      if (comment === null) w.bytes(NO_COMMENT);
      else {
        w.text(comment);
        w.byte(TAB);
      }
      w.bytes(teacher);
      w.iso(setAt);
      w.byte(TAB);
      w.iso(setAt);
      w.byte(NEWLINE);
      written.marks++;
    }
  }
  return written;
}

/** On the lesson's day (60%), the evening after (25%) or two days later; a few more than a week late. */
function setMoment(rng: Random, start: number, dayStart: number, deadline: number): number {
  const roll = rng.next();
  const evening = (days: number) => dayStart + days * DAY_MS + EVENING_MS + rng.int(0, 300) * 60_000;
  const candidate =
    roll < 0.03
      ? evening(rng.int(8, 16))
      : roll < 0.6
        ? start + rng.int(10, 240) * 60_000
        : evening(roll < 0.85 ? 1 : 2);
  return candidate < deadline ? candidate : start + 40 * 60_000;
}

function gauss(rng: Random): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
