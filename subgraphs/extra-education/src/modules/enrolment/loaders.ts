/**
 * Per-request loaders of the enrolment module. Kept in the module (one per context, in a WeakMap) so the
 * subgraph's shared loader object stays the catalogue's and other modules add theirs without touching it.
 */
import DataLoader from 'dataloader';
import type { ExtraEducationContext } from '../../context.ts';
import {
  applicationsOfChildren,
  certificateCodes,
  contractMoney,
  contractsOfApplications,
  contractsOfChildren,
  historyOf,
  loadApplications,
  loadContracts,
  type ApplicationRow,
  type ContractRow,
  type StatusChangeRow,
} from './repository.ts';

function groupBy<T>(rows: T[], key: (row: T) => string | null, ids: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

function create(ctx: ExtraEducationContext) {
  const applicationScope = () => ctx.policy.applicationsReadable();
  const contractScope = () => ctx.policy.contractsReadable();
  return {
    application: new DataLoader<string, ApplicationRow | null>(async (ids) => {
      const rows = await loadApplications(ctx.db, applicationScope(), ids);
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }),
    contract: new DataLoader<string, ContractRow | null>(async (ids) => {
      const rows = await loadContracts(ctx.db, contractScope(), ids);
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }),
    contractOfApplication: new DataLoader<string, ContractRow | null>(async (ids) => {
      const rows = await contractsOfApplications(ctx.db, contractScope(), ids);
      return ids.map((id) => rows.find((row) => row.applicationId === id) ?? null);
    }),
    applicationsOfChild: new DataLoader<string, ApplicationRow[]>(async (ids) =>
      groupBy(await applicationsOfChildren(ctx.db, applicationScope(), ids), (row) => row.childId, ids),
    ),
    contractsOfChild: new DataLoader<string, ContractRow[]>(async (ids) =>
      groupBy(await contractsOfChildren(ctx.db, contractScope(), ids), (row) => row.childId, ids),
    ),
    history: new DataLoader<string, StatusChangeRow[]>(async (ids) =>
      groupBy(await historyOf(ctx.db, ids), (row) => row.applicationId, ids),
    ),
    certificateCode: new DataLoader<string, string | null>(async (ids) => {
      const rows = await certificateCodes(ctx.db, ids);
      return ids.map((id) => rows.find((row) => row.id === id)?.code ?? null);
    }),
    money: new DataLoader<string, { reserved: string; charged: string; remaining: string }>(async (ids) => {
      const rows = await contractMoney(ctx.db, ids);
      return ids.map(
        (id) => rows.find((row) => row.contractId === id) ?? { reserved: '0.00', charged: '0.00', remaining: '0.00' },
      );
    }),
  };
}

const byContext = new WeakMap<ExtraEducationContext, ReturnType<typeof create>>();

export function enrolmentLoaders(ctx: ExtraEducationContext): ReturnType<typeof create> {
  let loaders = byContext.get(ctx);
  if (!loaders) {
    loaders = create(ctx);
    byContext.set(ctx, loaders);
  }
  return loaders;
}
