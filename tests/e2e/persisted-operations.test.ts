/**
 * Persisted operations for service accounts (issue 14 §1): the demo's municipal system runs the operations of
 * its active manifest — by hash or by full text — and gets `PERSISTED_QUERY_NOT_ALLOWED` for anything else,
 * before any subgraph is called; within its municipality only. The regional operator registers, lists and
 * activates manifest versions through the API; persons are not affected.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');
const CLIENT = 'mis-municipality-1';

interface ManifestOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}
const manifest = JSON.parse(
  readFileSync(new URL('../../db/src/demo/manifests/mis-municipality-1.json', import.meta.url), 'utf8'),
) as { operations: ManifestOperation[] };
const operation = (name: string) => manifest.operations.find((entry) => entry.name === name)!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let platform: Platform;
let token: string;
let ownMunicipality: string;
let otherMunicipality: string;

/** POST as the municipal system: by hash alone (the manifest supplies the text) or with a text. */
async function send(
  body: { hash?: string; query?: string; variables?: Record<string, unknown> },
  bearer = token,
): Promise<GraphQLResponse> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({
      query: body.query,
      variables: body.variables,
      extensions: body.hash ? { persistedQuery: { version: 1, sha256Hash: body.hash } } : undefined,
    }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse, 'status'>) };
}

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
const expectOk = (result: GraphQLResponse) => expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY, principalTtlMs: 0 });
  token = await platform.serviceToken(CLIENT);
  const rows = await platform.admin.sql<{ id: string; own: boolean }[]>`
    select m.id, m.id = s.municipality_id as own from people.municipalities m
    cross join people.service_accounts s where s.client_id = ${CLIENT} order by own desc, m.oktmo`;
  ownMunicipality = rows[0]!.id;
  otherMunicipality = rows.find((row) => !row.own)!.id;
});

afterAll(async () => {
  await platform?.stop();
});

describe('a municipal system with an active manifest', () => {
  it('runs each of its operations by hash alone, the text coming from its manifest', async () => {
    const variables: Record<string, Record<string, unknown>> = {
      PeopleChanges: { entity: 'PERSON', first: 5 },
      LearningChanges: { entity: 'MARK', first: 5 },
      AdmissionsChanges: { entity: 'APPLICATION', first: 5 },
      ExtraEducationChanges: { entity: 'CERTIFICATE', first: 5 },
    };
    for (const entry of manifest.operations) {
      const result = await send({ hash: entry.id, variables: variables[entry.name] ?? {} });
      expectOk(result);
      expect(result.status).toBe(200);
    }
  });

  it('reads the contingent, the not-opened list and the campaign of its municipality', async () => {
    const contingent = await send({ hash: operation('MunicipalContingent').id });
    expectOk(contingent);
    const report = (contingent.data as { report: { rowCount: number } }).report;
    expect(report.rowCount).toBeGreaterThan(0);
    const campaign = await send({ query: operation('CampaignFigures').body, variables: { year: 2027 } });
    expectOk(campaign);
    const notOpened = await send({ hash: operation('NotOpenedOrganizations').id, variables: { schoolYear: 2026 } });
    expectOk(notOpened);
  });

  it('runs an operation sent as its full text when the text is in the manifest', async () => {
    const result = await send({ query: operation('NotOpenedOrganizations').body });
    expectOk(result);
  });

  it('refuses any other text with PERSISTED_QUERY_NOT_ALLOWED before planning: no subgraph runs a statement', async () => {
    await send({ hash: operation('NotOpenedOrganizations').id }); // the allow-list is fetched (one people statement)
    let result: GraphQLResponse | undefined;
    const other = '{ organizations(first: 5) { totalCount } }';
    const statements = await platform.recordStatements(async () => {
      result = await send({ query: other });
    });
    expect(codeOf(result!)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(result!.status).toBe(403);
    expect(result!.data ?? null).toBeNull();
    // principalTtlMs 0: the principal and the manifest version are asked again; nothing else runs.
    // principalTtlMs 0: the account, its municipality's organizations and the manifest version are asked again;
    // nothing else runs (the operation itself would have counted organizations).
    expect(statements).toHaveLength(3);
    for (const sql of statements) expect(sql).toMatch(/"service_accounts"|"operation_manifests"|"municipality_id" in/);
    // The same text with a whitespace changed is another operation.
    const altered = await send({ query: `${operation('NotOpenedOrganizations').body} ` });
    expect(codeOf(altered)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_ALLOWED, not a request for its text', async () => {
    const result = await send({ hash: sha256('{ me { person { id } } }') });
    expect(codeOf(result)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('refuses a hash that a person registered in the gateway’s automatic persisted queries', async () => {
    const text = '{ municipalities { id name } }';
    const byPerson = await send({ query: text, hash: sha256(text) }, await platform.token('operator'));
    expectOk(byPerson);
    const byService = await send({ hash: sha256(text) });
    expect(codeOf(byService)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('stays within its municipality: its own contingent is answered, another municipality’s refused (FORBIDDEN)', async () => {
    const own = await send({
      hash: operation('MunicipalContingent').id,
      variables: { filters: [{ dimension: 'MUNICIPALITY', values: [ownMunicipality] }] },
    });
    expectOk(own);
    const foreign = await send({
      hash: operation('MunicipalContingent').id,
      variables: { filters: [{ dimension: 'MUNICIPALITY', values: [otherMunicipality] }] },
    });
    expect(codeOf(foreign)).toBe('FORBIDDEN');
  });

  it('leaves persons alone: the regional operator sends any text', async () => {
    const result = await platform.query({ login: 'operator' }, '{ organizations(first: 5) { totalCount } }');
    expectOk(result);
  });
});

describe('manifests managed by the regional operator', () => {
  const extra = 'query Municipalities { municipalities { id name } }';
  const versionTwo = JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [operation('PeopleChanges'), { id: sha256(extra), name: 'Municipalities', type: 'query', body: extra }],
  });
  const REGISTER = /* GraphQL */ `
    mutation Register($clientId: String!, $manifest: String!) {
      registerOperationManifest(clientId: $clientId, manifest: $manifest) {
        version
        active
        operations {
          name
        }
      }
    }
  `;
  const ACTIVATE = /* GraphQL */ `
    mutation Activate($clientId: String!, $version: Int!) {
      activateOperationManifest(clientId: $clientId, version: $version) {
        version
        active
        activatedAt
      }
    }
  `;
  const LIST = /* GraphQL */ `
    {
      serviceAccounts {
        clientId
        activeManifest {
          version
        }
        manifests {
          version
          active
        }
      }
    }
  `;

  it('registers a version, which applies only once activated; the old operations then stop', async () => {
    const registered = await platform.query({ login: 'operator' }, REGISTER, {
      clientId: CLIENT,
      manifest: versionTwo,
    });
    expectOk(registered);
    expect(registered.data).toEqual({
      registerOperationManifest: {
        version: 2,
        active: false,
        operations: [{ name: 'PeopleChanges' }, { name: 'Municipalities' }],
      },
    });
    expect(codeOf(await send({ query: extra }))).toBe('PERSISTED_QUERY_NOT_ALLOWED');

    const activated = await platform.query({ login: 'operator' }, ACTIVATE, { clientId: CLIENT, version: 2 });
    expectOk(activated);
    expectOk(await send({ query: extra }));
    expect(codeOf(await send({ hash: operation('NotOpenedOrganizations').id }))).toBe('PERSISTED_QUERY_NOT_ALLOWED');

    const list = await platform.query<{
      serviceAccounts: {
        clientId: string;
        activeManifest: { version: number } | null;
        manifests: { version: number; active: boolean }[];
      }[];
    }>({ login: 'operator' }, LIST);
    expectOk(list);
    expect(list.data!.serviceAccounts.find((account) => account.clientId === CLIENT)).toEqual({
      clientId: CLIENT,
      activeManifest: { version: 2 },
      manifests: [
        { version: 2, active: true },
        { version: 1, active: false },
      ],
    });

    expectOk(await platform.query({ login: 'operator' }, ACTIVATE, { clientId: CLIENT, version: 1 }));
    expectOk(await send({ hash: operation('NotOpenedOrganizations').id }));
  });

  it('refuses a manifest whose id is not the SHA-256 of its text (BAD_USER_INPUT naming the manifest)', async () => {
    const forged = JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: operation('PeopleChanges').id, name: 'Municipalities', type: 'query', body: extra }],
    });
    const result = await platform.query({ login: 'operator' }, REGISTER, { clientId: CLIENT, manifest: forged });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect((result.errors![0]!.extensions as { field?: string }).field).toBe('manifest');
    const notJson = await platform.query({ login: 'operator' }, REGISTER, { clientId: CLIENT, manifest: '{' });
    expect(codeOf(notJson)).toBe('BAD_USER_INPUT');
  });

  it('refuses anyone but the regional operator (FORBIDDEN), and an unknown system (NOT_FOUND)', async () => {
    const coordinator = await platform.query({ login: 'coordinator' }, REGISTER, {
      clientId: CLIENT,
      manifest: versionTwo,
    });
    expect(codeOf(coordinator)).toBe('FORBIDDEN');
    const listed = await platform.query({ login: 'coordinator' }, LIST);
    expect(codeOf(listed)).toBe('FORBIDDEN');
    const unknown = await platform.query({ login: 'operator' }, ACTIVATE, { clientId: 'no-such-system', version: 1 });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
  });
});
