import { connection, decodeCursor, encodeCursor, pageSize } from '@region/kit';
import type { PeopleContext } from '../../../context.ts';
import {
  countLearners,
  figures,
  learnerKeyOf,
  listLearners,
  type Figures,
  type FiguresGroup,
  type LearnerKey,
  type LearnerRow,
  type RegistrationScope,
} from '../repository.ts';
import { gradeOf, PROBLEM_MESSAGES, problemsOf, type ProblemCode } from '../rules.ts';
import { displaySnils, registrationFile } from '../service.ts';

/** A line of a report: the figures and what their key is. */
export type FiguresRow = Figures & { group: FiguresGroup };

const isLearnerKey = (value: unknown): value is LearnerKey =>
  typeof value === 'object' &&
  value !== null &&
  ['organization', 'organizationId', 'className', 'name', 'id'].every(
    (key) => typeof (value as Record<string, unknown>)[key] === 'string',
  );

const isFiguresKey = (value: unknown): value is { name: string; key: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { key?: unknown }).key === 'string';

const EMPTY: Figures = { key: '', name: '', learners: 0, learnersWithProblems: 0, withheld: 0, problems: [] };

const problem = (code: ProblemCode) => ({ code, message: PROBLEM_MESSAGES[code] });

export const MilitaryRegistration = {
  summary: async (scope: RegistrationScope, _: unknown, ctx: PeopleContext): Promise<FiguresRow> => {
    const [total] = await figures(ctx.db, scope, 'total');
    return { ...(total ?? EMPTY), group: 'total' };
  },
  organizations: async (
    scope: RegistrationScope,
    args: { first?: number | null; after?: string | null },
    ctx: PeopleContext,
  ) => {
    const first = pageSize(args.first);
    const rows = await figures(ctx.db, scope, 'organization', {
      after: decodeCursor(args.after, isFiguresKey),
      limit: first + 1,
    });
    const lines = rows.map((row): FiguresRow => ({ ...row, group: 'organization' }));
    return connection(lines, first, (row) => encodeCursor({ name: row.name, key: row.key }));
  },
  municipalities: async (scope: RegistrationScope, _: unknown, ctx: PeopleContext): Promise<FiguresRow[]> =>
    (await figures(ctx.db, scope, 'municipality')).map((row) => ({ ...row, group: 'municipality' })),
  learners: async (
    scope: RegistrationScope,
    args: { onlyWithProblems?: boolean | null; first?: number | null; after?: string | null },
    ctx: PeopleContext,
  ) => {
    const first = pageSize(args.first);
    const onlyWithProblems = args.onlyWithProblems === true;
    const rows = await listLearners(ctx.db, scope, {
      onlyWithProblems,
      after: decodeCursor(args.after, isLearnerKey),
      limit: first + 1,
    });
    return {
      ...connection(rows, first, (row) => encodeCursor(learnerKeyOf(row))),
      totalCount: () => countLearners(ctx.db, scope, onlyWithProblems),
    };
  },
  file: (scope: RegistrationScope, _: unknown, ctx: PeopleContext) => registrationFile(ctx.db, scope),
};

export const MilitaryRegistrationLearner = {
  snils: (row: LearnerRow) => displaySnils(row.snils),
  identityDocument: (row: LearnerRow) =>
    row.documentType && row.documentNumber
      ? {
          type: row.documentType,
          series: row.documentSeries,
          number: row.documentNumber,
          issuedOn: row.documentIssuedOn,
        }
      : null,
  organization: (row: LearnerRow, _: unknown, ctx: PeopleContext) => ctx.loaders.organization.load(row.organizationId),
  grade: (row: LearnerRow) => gradeOf(row.className),
  problems: (row: LearnerRow) => problemsOf(row).map(problem),
};

export const MilitaryRegistrationFigures = {
  organization: (row: FiguresRow, _: unknown, ctx: PeopleContext) =>
    row.group === 'organization' ? ctx.loaders.organization.load(row.key) : null,
  municipality: (row: FiguresRow, _: unknown, ctx: PeopleContext) =>
    row.group === 'municipality' ? ctx.loaders.municipality.load(row.key) : null,
  problems: (row: FiguresRow) => row.problems.map(({ code, count }) => ({ ...problem(code), count })),
};

/** The pages these resolvers answer (codegen mappers). */
export type LearnerConnectionRow = Awaited<ReturnType<typeof MilitaryRegistration.learners>>;
export type FiguresConnectionRow = Awaited<ReturnType<typeof MilitaryRegistration.organizations>>;
