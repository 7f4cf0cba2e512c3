import { positionsOf } from '../queue/service.ts';
import {
  connection,
  decodeCursor,
  encodeCursor,
  foundInScope,
  groupLoader,
  loadTypeDefs,
  pageSize,
  rowLoader,
  type SubgraphModule,
} from '@region/kit';
import type { Executor } from '@region/db';
import type { AdmissionsContext } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers.ts';
import type { AdmissionsPolicy } from '../../policy.ts';
import {
  applicationsOfPersons,
  applicationsToOrganization,
  choicesOf,
  historyOf,
  loadApplications,
} from './repository.ts';
import {
  changeStatus,
  submitApplication,
  withdrawApplication,
  type ApplicationRow,
  type SubmitInput,
} from './service.ts';
import { decisionsFrom, STATUS_NAMES, type Status } from './status-machine.ts';
import { childConsents, childField, consents, maskedName, type ApplicationWithConsent } from './masking.ts';

/** A reference to an entity another subgraph resolves: what federation sends as its representation. */
export type EntityRef = { id: string };
/** A `ProcessingConsent` people resolves for the person (`@requires` reads its `granted`). */
export type ConsentRequirementRef = { personId: string };
export type StatusChangeRow = Awaited<ReturnType<typeof historyOf>>[number];

const person = (id: string) => ({ __typename: 'Person' as const, id });
const organization = (id: string) => ({ __typename: 'Organization' as const, id });
const isId = (value: unknown): value is string => typeof value === 'string';

export function createApplicationLoaders(db: Executor, policy: AdmissionsPolicy) {
  return {
    application: rowLoader(
      (ids: readonly string[]) => loadApplications(db, policy, ids),
      (row) => row.id,
    ),
    applicationsOfPerson: groupLoader(
      async (ids: readonly string[]) => {
        const rows = await applicationsOfPersons(db, policy, ids);
        // A row belongs to both its applicant and its child.
        return rows.flatMap((row) =>
          [
            ...new Set([row.applicantId, row.childId].filter((id): id is string => id !== null && ids.includes(id))),
          ].map((owner) => ({ owner, row })),
        );
      },
      (entry) => entry.owner,
    ),
    choices: groupLoader(
      (ids: readonly string[]) => choicesOf(db, ids),
      (row) => row.applicationId,
    ),
    history: groupLoader(
      (ids: readonly string[]) => historyOf(db, ids),
      (row) => row.applicationId,
    ),
    queuePositions: groupLoader(
      (ids: readonly string[]) => positionsOf(db, ids),
      (row) => row.applicationId,
    ),
  };
}

export const applicationsModule: SubgraphModule<AdmissionsContext> = {
  typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      application: (_: unknown, args: { id: string }, ctx: AdmissionsContext) =>
        foundInScope(ctx.loaders.application.load(args.id), 'Заявление'),
      applications: async (
        _: unknown,
        args: { organizationId: string; status?: string | null; first?: number | null; after?: string | null },
        ctx: AdmissionsContext,
      ) => {
        const first = pageSize(args.first);
        const rows = await applicationsToOrganization(
          ctx.db,
          ctx.policy,
          args.organizationId,
          { status: args.status },
          {
            first,
            after: decodeCursor(args.after, isId),
          },
        );
        return connection(rows, first, (row) => encodeCursor(row.id));
      },
    },
    Mutation: {
      submitApplication: (_: unknown, args: { input: SubmitInput }, ctx: AdmissionsContext) =>
        submitApplication(ctx.db, ctx.policy, args.input, ctx.now()),
      changeApplicationStatus: (
        _: unknown,
        args: { id: string; status: Status; reason?: string | null; organizationId?: string | null },
        ctx: AdmissionsContext,
      ) => changeStatus(ctx.db, ctx.policy, args, ctx.now()),
      withdrawApplication: (_: unknown, args: { id: string; reason?: string | null }, ctx: AdmissionsContext) =>
        withdrawApplication(ctx.db, ctx.policy, args.id, args.reason ?? null, ctx.now()),
    },
    Person: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      applications: async (ref: { id: string }, _: unknown, ctx: AdmissionsContext) =>
        (await ctx.loaders.applicationsOfPerson.load(ref.id)).map((entry) => entry.row),
    },
    Application: {
      // The consents `@requires` brought arrive with the representation: keep them beside the row.
      __resolveReference: async (
        ref: {
          id: string;
          childConsent?: ApplicationWithConsent['childConsent'];
          applicantConsent?: ApplicationWithConsent['applicantConsent'];
        },
        ctx: AdmissionsContext,
      ) => {
        const row = await ctx.loaders.application.load(ref.id);
        return row && { ...row, childConsent: ref.childConsent, applicantConsent: ref.applicantConsent };
      },
      child: (row: ApplicationRow) => (row.childId ? person(row.childId) : null),
      childConsent: (row: ApplicationRow) => (row.childId ? { personId: row.childId } : null),
      applicantConsent: (row: ApplicationRow) => (row.applicantId ? { personId: row.applicantId } : null),
      childName: (row: ApplicationWithConsent) =>
        maskedName([row.childLastName, row.childFirstName, row.childMiddleName], childConsents(row)),
      childBirthDate: childField((row) => row.childBirthDate),
      depersonalized: (row: ApplicationWithConsent) => !childConsents(row),
      residenceAddress: childField((row) => row.residenceAddress),
      documents: childField((row) => row.documents),
      comment: childField((row) => row.comment),
      applicantName: (row: ApplicationWithConsent) => {
        const data = row.applicantData;
        if (!data) return null;
        return maskedName(
          [data['lastName'], data['firstName'], data['middleName']],
          consents(row.applicantId, row.applicantConsent),
        );
      },
      applicant: (row: ApplicationRow) => (row.applicantId ? person(row.applicantId) : null),
      statusName: (row: ApplicationRow) => STATUS_NAMES[row.status],
      nextStatuses: (row: ApplicationRow) => decisionsFrom(row.status),
      choices: async (row: ApplicationRow, _: unknown, ctx: AdmissionsContext) =>
        (await ctx.loaders.choices.load(row.id)).map((choice) => organization(choice.organizationId)),
      directedTo: (row: ApplicationRow) =>
        row.directedOrganizationId ? organization(row.directedOrganizationId) : null,
      history: (row: ApplicationRow, _: unknown, ctx: AdmissionsContext) => ctx.loaders.history.load(row.id),
    },
    StatusChange: {
      from: (row: StatusChangeRow) => row.fromStatus,
      to: (row: StatusChangeRow) => row.toStatus,
      changedBy: (row: StatusChangeRow) => (row.changedBy ? person(row.changedBy) : null),
    },
  } satisfies Resolvers,
};
