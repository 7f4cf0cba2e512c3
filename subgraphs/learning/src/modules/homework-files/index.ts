import { loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { isoDate } from '../../calendar.ts';
import type { LessonRow } from '../journal/lesson-access.ts';
import { person } from '../references.ts';
import { lessonKey, visibleFile, type HomeworkFileRow } from './repository.ts';
import { deleteFile, DOWNLOAD_TTL_SECONDS, requestUpload, type UploadRequest } from './service.ts';

export type { HomeworkFileRow };

/** `Lesson.homework` as the journal resolves it, with the lesson it belongs to (for its files). */
export interface HomeworkParent {
  text: string;
  dueOn: string | null;
  mandatory: boolean;
  attachments: { name: string; url: string }[];
  lessonId: string;
  schoolYear: number;
}

export interface SubmissionParent {
  schoolYear: number;
  lessonId: string;
  studentId: string;
  submittedAt: Date;
}

export const homeworkFilesModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Mutation: {
      requestHomeworkFileUpload: async (_: unknown, args: { input: UploadRequest }, ctx: LearningContext) =>
        requestUpload(
          ctx.db,
          ctx.policy,
          ctx.files,
          await ctx.loaders.lesson.load(args.input.lessonId),
          args.input,
          ctx.now(),
          isoDate(ctx.now()),
        ),
      deleteHomeworkFile: async (_: unknown, args: { id: string }, ctx: LearningContext) =>
        deleteFile(ctx.db, ctx.policy, ctx.files, await visibleFile(ctx.db, ctx.policy, args.id), isoDate(ctx.now())),
    },
    Homework: {
      files: (row: HomeworkParent, _: unknown, ctx: LearningContext) =>
        ctx.loaders.assignmentFiles.load(lessonKey(row)),
    },
    Lesson: {
      homeworkSubmissions: (row: LessonRow, _: unknown, ctx: LearningContext) =>
        ctx.loaders.submissions.load(lessonKey({ schoolYear: row.schoolYear, lessonId: row.id })),
    },
    HomeworkSubmission: {
      student: (row: SubmissionParent) => person(row.studentId),
      files: async (row: SubmissionParent, _: unknown, ctx: LearningContext) =>
        (await ctx.loaders.submissionFiles.load(lessonKey(row))).filter((file) => file.studentId === row.studentId),
    },
    HomeworkFile: {
      name: (row: HomeworkFileRow) => row.fileName,
      uploadedAt: (row: HomeworkFileRow) => row.createdAt,
      uploadedBy: (row: HomeworkFileRow) => person(row.uploadedBy),
      downloadUrl: async (row: HomeworkFileRow, _: unknown, ctx: LearningContext) => {
        if (row.scanStatus !== 'CLEAN' || !ctx.policy.personId) return null;
        const ticket = { purpose: 'download' as const, fileId: row.id, personId: ctx.policy.personId };
        const { token } = await ctx.files.tickets.sign(ticket, DOWNLOAD_TTL_SECONDS, ctx.now());
        return `/files/${token}`;
      },
    },
  } satisfies Resolvers,
};
