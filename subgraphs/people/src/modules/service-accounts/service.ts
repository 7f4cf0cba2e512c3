/**
 * Operation manifests of external systems (issue 14 §1): the regional operator registers versions and
 * activates one; the gateway enforces the active one (`gateway/src/persisted-operations.ts`).
 */
import type { Database } from '@region/db';
import { forbidden, notFound } from '@region/kit';
import type { PeoplePolicy } from '../../policy.ts';
import { parseOperationManifest, type OperationManifestDocument } from './manifest.ts';
import {
  activateManifest,
  activeManifestOf,
  insertManifest,
  lockServiceAccount,
  nextManifestVersion,
  type OperationManifestRow,
} from './repository.ts';

function requireOperator(policy: PeoplePolicy) {
  if (!policy.holds('services:manage'))
    throw forbidden('Внешними системами и их операциями управляет региональный оператор.');
}

export function ensureManages(policy: PeoplePolicy) {
  requireOperator(policy);
}

export async function registerManifest(
  db: Database,
  policy: PeoplePolicy,
  args: { clientId: string; manifest: string; activate?: boolean | null },
  registeredBy: string | null,
  now: Date,
): Promise<OperationManifestRow> {
  requireOperator(policy);
  const manifest = parseOperationManifest(args.manifest);
  return db.transaction(async (tx) => {
    const account = await lockServiceAccount(tx, args.clientId);
    if (!account) throw notFound('Внешняя система');
    const version = await nextManifestVersion(tx, account.id);
    const row = await insertManifest(tx, { serviceAccountId: account.id, version, manifest, registeredBy });
    if (!args.activate) return row;
    return (await activateManifest(tx, account.id, version, now))!;
  });
}

export async function activate(
  db: Database,
  policy: PeoplePolicy,
  args: { clientId: string; version: number },
  now: Date,
): Promise<OperationManifestRow> {
  requireOperator(policy);
  return db.transaction(async (tx) => {
    const account = await lockServiceAccount(tx, args.clientId);
    if (!account) throw notFound('Внешняя система');
    const row = await activateManifest(tx, account.id, args.version, now);
    if (!row) throw notFound(`Версия ${args.version} манифеста`);
    return row;
  });
}

/** What the gateway enforces: the active version, its operations only when the gateway does not hold it yet. */
export async function serviceOperations(db: Database, serviceId: string, knownVersion: number | null | undefined) {
  const active = await activeManifestOf(db, serviceId);
  if (!active) return { version: null, operations: null };
  if (active.version === knownVersion) return { version: active.version, operations: null };
  return { version: active.version, operations: (active.manifest as OperationManifestDocument).operations };
}
