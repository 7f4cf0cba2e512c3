/** What the learning part of the demo generator returns: plain rows for each table of the `learning` schema. */
import type {
  assignments,
  attendance,
  bells,
  classes,
  classMembers,
  curriculum,
  events,
  holidays,
  homeworkSubmissions,
  lessons,
  markHistory,
  marks,
  scheduleSlots,
  schoolYears,
  studyPeriods,
  subjects,
  substitutions,
} from '../../learning.ts';

type WithId<T> = T & { id: string };

export type SchoolYearRow = WithId<typeof schoolYears.$inferInsert>;
export type StudyPeriodRow = WithId<typeof studyPeriods.$inferInsert>;
export type HolidayRow = WithId<typeof holidays.$inferInsert>;
export type ClassRow = WithId<typeof classes.$inferInsert>;
export type ClassMemberRow = WithId<typeof classMembers.$inferInsert>;
export type SubjectRow = WithId<typeof subjects.$inferInsert>;
export type CurriculumRow = WithId<typeof curriculum.$inferInsert>;
export type AssignmentRow = WithId<typeof assignments.$inferInsert>;
export type ScheduleSlotRow = WithId<typeof scheduleSlots.$inferInsert>;
export type LessonRow = WithId<typeof lessons.$inferInsert>;
export type SubstitutionRow = WithId<typeof substitutions.$inferInsert>;
export type MarkRow = WithId<typeof marks.$inferInsert>;
/** `id` is a bigserial: the database numbers history entries in insertion order. */
export type MarkHistoryRow = typeof markHistory.$inferInsert;
export type AttendanceRow = WithId<typeof attendance.$inferInsert>;
export type EventRow = WithId<typeof events.$inferInsert>;
export type BellRow = WithId<typeof bells.$inferInsert>;
export type HomeworkSubmissionRow = WithId<typeof homeworkSubmissions.$inferInsert>;

/** Rows per table of the `learning` schema, in foreign-key order. */
export interface LearningRows {
  schoolYears: SchoolYearRow[];
  studyPeriods: StudyPeriodRow[];
  holidays: HolidayRow[];
  classes: ClassRow[];
  classMembers: ClassMemberRow[];
  subjects: SubjectRow[];
  curriculum: CurriculumRow[];
  assignments: AssignmentRow[];
  scheduleSlots: ScheduleSlotRow[];
  lessons: LessonRow[];
  substitutions: SubstitutionRow[];
  marks: MarkRow[];
  markHistory: MarkHistoryRow[];
  attendance: AttendanceRow[];
  events: EventRow[];
  homeworkSubmissions: HomeworkSubmissionRow[];
  bells: BellRow[];
}

export function emptyLearningRows(): LearningRows {
  return {
    schoolYears: [],
    studyPeriods: [],
    holidays: [],
    classes: [],
    classMembers: [],
    subjects: [],
    curriculum: [],
    assignments: [],
    scheduleSlots: [],
    lessons: [],
    substitutions: [],
    marks: [],
    markHistory: [],
    attendance: [],
    events: [],
    homeworkSubmissions: [],
    bells: [],
  };
}
