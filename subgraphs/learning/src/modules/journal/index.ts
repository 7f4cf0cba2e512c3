import { foundInScope, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { isoDate } from '../../calendar.ts';
import type { ClassRow } from '../classes/repository.ts';
import { person } from '../references.ts';
import { journalGrid, type GridArgs } from './grid.ts';
import type { LessonRow } from './lesson-access.ts';
import { setPeriodMark, type PeriodMarkInput } from './period-marks.ts';
import { setYearMark, type YearMarkInput } from './year-marks.ts';
import { periodsOfOrganization, type AttendanceRow, type PeriodRow } from './repository.ts';
import {
  deleteMark,
  saveLesson,
  setAttendance,
  setMark,
  type LessonInput,
  type MarkInput,
  type MarkRow,
} from './service.ts';
import { currentSchoolYear } from '../../calendar.ts';

const today = (ctx: LearningContext) => isoDate(ctx.now());
const snapshot = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const journalModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    MarkValue: { TWO: '2', THREE: '3', FOUR: '4', FIVE: '5', PASS: 'PASS', FAIL: 'FAIL', NOT_ATTESTED: 'NA' },
    Query: {
      lesson: (_: unknown, args: { id: string }, ctx: LearningContext) =>
        foundInScope(ctx.loaders.lesson.load(args.id), 'Урок'),
      studyPeriods: (_: unknown, args: { organizationId: string; schoolYear?: number | null }, ctx: LearningContext) =>
        periodsOfOrganization(ctx.db, args.organizationId, args.schoolYear ?? currentSchoolYear(ctx.now())),
    },
    Mutation: {
      setMark: (_: unknown, args: { input: MarkInput & { lessonId: string } }, ctx: LearningContext) =>
        setMark(ctx.db, ctx.policy, args.input.lessonId, args.input, ctx.now(), today(ctx)),
      deleteMark: (_: unknown, args: { id: string }, ctx: LearningContext) =>
        deleteMark(ctx.db, ctx.policy, args.id, ctx.now(), today(ctx)),
      setPeriodMark: (_: unknown, args: { input: PeriodMarkInput }, ctx: LearningContext) =>
        setPeriodMark(ctx.db, ctx.policy, args.input, ctx.now(), today(ctx)),
      setYearMark: (_: unknown, args: { input: YearMarkInput }, ctx: LearningContext) =>
        setYearMark(ctx.db, ctx.policy, args.input, ctx.now(), today(ctx)),
      setAttendance: (
        _: unknown,
        args: { input: { lessonId: string; studentId: string; status?: AttendanceRow['status'] | null } },
        ctx: LearningContext,
      ) => setAttendance(ctx.db, ctx.policy, args.input, ctx.now(), today(ctx)),
      updateLesson: async (
        _: unknown,
        args: { input: Pick<LessonInput, 'lessonId' | 'topic' | 'homework'> },
        ctx: LearningContext,
      ) => {
        const saved = await saveLesson(
          ctx.db,
          ctx.policy,
          { ...args.input, marks: [], attendance: [] },
          ctx.now(),
          today(ctx),
        );
        return ctx.loaders.lesson.clear(saved.lessonId).load(saved.lessonId);
      },
      saveLesson: async (_: unknown, args: { input: LessonInput }, ctx: LearningContext) => {
        const saved = await saveLesson(ctx.db, ctx.policy, args.input, ctx.now(), today(ctx));
        ctx.loaders.marksOfLesson.clear(saved.lessonId);
        ctx.loaders.attendanceOfLesson.clear(saved.lessonId);
        return ctx.loaders.lesson.clear(saved.lessonId).load(saved.lessonId);
      },
    },
    Class: {
      journal: (row: ClassRow, args: GridArgs, ctx: LearningContext) => journalGrid(row, args, ctx),
    },
    JournalGrid: {
      subject: (row: { subjectId: string }, _: unknown, ctx: LearningContext) =>
        ctx.loaders.subject.load(row.subjectId),
    },
    Lesson: {
      __resolveReference: (ref: { id: string }, ctx: LearningContext) => ctx.loaders.lesson.load(ref.id),
      class: (row: LessonRow, _: unknown, ctx: LearningContext) => ctx.loaders.class.load(row.classId),
      subject: (row: LessonRow, _: unknown, ctx: LearningContext) => ctx.loaders.subject.load(row.subjectId),
      teacher: (row: LessonRow) => person(row.teacherId),
      substitution: (row: LessonRow, _: unknown, ctx: LearningContext) => ctx.loaders.substitution.load(row.id),
      homework: (row: LessonRow) =>
        row.homework
          ? {
              text: row.homework,
              dueOn: row.homeworkDueOn,
              mandatory: row.homeworkMandatory,
              attachments: row.homeworkAttachments ?? [],
              lessonId: row.id,
              schoolYear: row.schoolYear,
            }
          : null,
      marks: (row: LessonRow, _: unknown, ctx: LearningContext) => ctx.loaders.marksOfLesson.load(row.id),
      attendance: (row: LessonRow, _: unknown, ctx: LearningContext) => ctx.loaders.attendanceOfLesson.load(row.id),
    },
    Substitution: {
      teacher: (row: { substituteTeacherId: string }) => person(row.substituteTeacherId),
      originalTeacher: (row: { originalTeacherId: string }) => person(row.originalTeacherId),
    },
    Mark: {
      student: (row: MarkRow) => person(row.studentId),
      lesson: (row: MarkRow, _: unknown, ctx: LearningContext) =>
        row.lessonId ? ctx.loaders.lesson.load(row.lessonId) : null,
      subject: (row: MarkRow, _: unknown, ctx: LearningContext) => ctx.loaders.subject.load(row.subjectId),
      weight: (row: MarkRow) => Number(row.weight),
      setBy: (row: MarkRow) => person(row.setBy),
      history: (row: MarkRow, _: unknown, ctx: LearningContext) => ctx.loaders.markHistory.load(row.id),
    },
    MarkChange: {
      oldValue: (row: { oldValue: unknown }) => snapshot(row.oldValue),
      newValue: (row: { newValue: unknown }) => snapshot(row.newValue),
      changedBy: (row: { changedBy: string }) => person(row.changedBy),
    },
    AttendanceMark: {
      student: (row: AttendanceRow) => person(row.studentId),
      lesson: (row: AttendanceRow, _: unknown, ctx: LearningContext) => ctx.loaders.lesson.load(row.lessonId),
    },
    StudyPeriod: {
      closed: (row: PeriodRow) => row.closedAt !== null,
    },
  } satisfies Resolvers,
};
