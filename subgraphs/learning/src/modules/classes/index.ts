import { forbidden, foundInScope, loadTypeDefs, type SubgraphModule } from '@region/kit';
import type { OrganizationWithType } from '../school-year/index.ts';
import type { LearningContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import { person } from '../references.ts';
import {
  assignmentsOfTeacher,
  classesOfOrganizations,
  membersOn,
  type AssignmentRow,
  type ClassRow,
  type SubjectRow,
} from './repository.ts';
import { currentSchoolYear, isoDate } from '../../calendar.ts';

export const classesModule: SubgraphModule<LearningContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      class: (_: unknown, args: { id: string }, ctx: LearningContext) =>
        foundInScope(ctx.loaders.class.load(args.id), 'Класс'),
      myAssignments: (_: unknown, args: { schoolYear?: number | null }, ctx: LearningContext) => {
        if (!ctx.policy.personId) throw forbidden();
        return assignmentsOfTeacher(ctx.db, ctx.policy.personId, args.schoolYear ?? currentSchoolYear(ctx.now()));
      },
    },
    Class: {
      __resolveReference: (ref: { id: string }, ctx: LearningContext) => ctx.loaders.class.load(ref.id),
      organization: (row: ClassRow) => ({ __typename: 'Organization', id: row.organizationId }),
      classTeacher: (row: ClassRow) => (row.classTeacherId ? person(row.classTeacherId) : null),
      previousClass: (row: ClassRow, _: unknown, ctx: LearningContext) =>
        row.previousClassId ? ctx.loaders.class.load(row.previousClassId) : null,
      students: async (row: ClassRow, args: { on?: string | null }, ctx: LearningContext) => {
        const members = await membersOn(ctx.db, ctx.policy, [row.id], args.on ?? isoDate(ctx.now()));
        return members.map((member) => person(member.personId));
      },
      subjects: async (row: ClassRow, _: unknown, ctx: LearningContext) => {
        const assignments = await ctx.loaders.assignmentsOfClass.load(row.id);
        const ids = [...new Set(assignments.map((a) => a.subjectId))];
        return (await ctx.loaders.subject.loadMany(ids)).filter(
          (s): s is SubjectRow => Boolean(s) && !(s instanceof Error),
        );
      },
    },
    Subject: {
      __resolveReference: (ref: { id: string }, ctx: LearningContext) => ctx.loaders.subject.load(ref.id),
    },
    TeachingAssignment: {
      class: (row: AssignmentRow, _: unknown, ctx: LearningContext) => ctx.loaders.class.load(row.classId),
      subject: (row: AssignmentRow, _: unknown, ctx: LearningContext) => ctx.loaders.subject.load(row.subjectId),
      teacher: (row: AssignmentRow) => person(row.teacherId),
    },
    Organization: {
      // The representation carries fields a `@requires` asked for (the registry's `type`, school-year module).
      __resolveReference: (ref: OrganizationWithType) => ({ id: ref.id, type: ref.type }),
      classes: (org: { id: string }, args: { schoolYear?: number | null }, ctx: LearningContext) =>
        classesOfOrganizations(ctx.db, ctx.policy, [org.id], args.schoolYear ?? currentSchoolYear(ctx.now())),
    },
  } satisfies Resolvers,
};
