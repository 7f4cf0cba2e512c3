/**
 * Exports of the lists a school admin or coordinator works with (issue 15 §2), through the gateway with real
 * ESIA tokens: the web client's own list operations (`webOperation`) are posted to `/exports/gateway/list`,
 * the link is downloaded, and the file (read back with exceljs and csv-parse) holds exactly the rows the
 * GraphQL list gives the same person, with the filters in its header. A list the page refuses is refused with
 * the page's code before any link exists; an expired or tampered link is refused (401).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../src/platform.ts';
import { webOperation } from '../src/web-operations.ts';

const TODAY = new Date('2026-11-20T07:00:00Z');
let platform: Platform;
let ownOrganization: { id: string; shortName: string };
let otherOrganization: string;
let ownMunicipality: { id: string; name: string };
let otherMunicipality: string;

interface Spec {
  title: string;
  filters: string[];
  query: string;
  variables: Record<string, unknown>;
  connection: string;
  columns: { title: string; path: string; kind?: string; labels?: Record<string, string> }[];
  format: 'CSV' | 'XLSX';
}

async function requestLink(login: string | null, spec: Spec) {
  const token = login ? await platform.token(login) : null;
  const response = await fetch(new URL('/exports/gateway/list', platform.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(spec),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      url?: string;
      filename?: string;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

/** Header lines (up to the blank one) and rows after the column titles. */
function split(lines: string[][]) {
  const blank = lines.findIndex((line) => line.every((cell) => cell === ''));
  return {
    header: lines.slice(0, blank).map((line) => line[0]!),
    columns: lines[blank + 1]!,
    body: lines.slice(blank + 2),
  };
}

async function download(login: string, spec: Spec) {
  const link = await requestLink(login, spec);
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  const response = await fetch(new URL(link.body.url!, platform.gatewayUrl));
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (spec.format === 'CSV') {
    const text = bytes.toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    return {
      filename: link.body.filename!,
      ...split(parse(text.slice(1), { delimiter: ';', relax_column_count: true }) as string[][]),
    };
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const lines: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(String(row.getCell(c).value ?? ''));
    lines.push(cells);
  }
  return { filename: link.body.filename!, ...split(lines) };
}

/** Every node of a list as the page would page through it. */
interface Connection {
  edges: { node: Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

async function allNodes(login: string, query: string, variables: Record<string, unknown>, connection: string) {
  const nodes: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (;;) {
    const result: Awaited<ReturnType<typeof platform.query<Record<string, Connection>>>> = await platform.query<
      Record<string, Connection>
    >({ login }, query, { ...variables, first: 50, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const page: Connection = result.data![connection]!;
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  platform = await startPlatform({ now: TODAY });
  const me = await platform.query<{
    me: { grants: { role: string; organization: { id: string; shortName: string } | null }[] };
  }>({ login: 'admin' }, '{ me { grants { role organization { id shortName } } } }');
  ownOrganization = me.data!.me.grants.find((grant) => grant.role === 'ORG_ADMIN')!.organization!;
  const coordinator = await platform.query<{ me: { grants: { municipality: { id: string; name: string } | null }[] } }>(
    { login: 'coordinator' },
    '{ me { grants { municipality { id name } } } }',
  );
  ownMunicipality = coordinator.data!.me.grants[0]!.municipality!;
  const sql = platform.admin.sql;
  [{ id: otherOrganization }] = (await sql`select id from people.organizations where id <> ${ownOrganization.id}
    and type = 'SCHOOL' order by short_name limit 1`) as unknown as [{ id: string }];
  [{ id: otherMunicipality }] = (await sql`select id from people.municipalities where id <> ${ownMunicipality.id}
    limit 1`) as unknown as [{ id: string }];
});
afterAll(async () => {
  await platform?.stop();
});

const movementBook = (organizationId: string, format: 'CSV' | 'XLSX' = 'CSV'): Spec => ({
  title: 'Книга движения',
  filters: [],
  query: webOperation('SchoolMovementBook'),
  variables: { organizationId },
  connection: 'movementBook',
  columns: [
    { title: 'С даты', path: 'effectiveOn', kind: 'date' },
    {
      title: 'Запись',
      path: 'kind',
      labels: { ENROL: 'Зачисление', TRANSFER: 'Перевод', EXPEL: 'Отчисление', GRADUATE: 'Выпуск' },
    },
    { title: 'Обучающийся', path: 'person.fullName' },
    { title: 'Номер приказа', path: 'orderNumber' },
  ],
  format,
});

describe('movement book', () => {
  it('the school admin downloads every entry of their book (XLSX), as the list pages them', async () => {
    const nodes = await allNodes(
      'admin',
      webOperation('SchoolMovementBook'),
      { organizationId: ownOrganization.id },
      'movementBook',
    );
    expect(nodes.length).toBeGreaterThan(0);
    const file = await download('admin', movementBook(ownOrganization.id, 'XLSX'));
    expect(file.header[0]).toBe('Книга движения');
    expect(file.header).toContain('Фильтры: нет');
    expect(file.columns).toEqual(['С даты', 'Запись', 'Обучающийся', 'Номер приказа']);
    expect(file.body).toHaveLength(nodes.length);
    expect(file.body.map((row) => row[3])).toEqual(nodes.map((node) => node['orderNumber']));
    expect(file.body.map((row) => row[2])).toEqual(
      nodes.map((node) => (node['person'] as { fullName: string } | null)?.fullName ?? ''),
    );
    expect(file.body[0]![0]).toMatch(/^\d\d\.\d\d\.\d{4}$/);
    expect(file.filename).toBe('Книга_движения_2026-11-20.xlsx');
  });

  it('refuses another school’s book as the page does, before any link', async () => {
    const refused = await requestLink('admin', movementBook(otherOrganization));
    expect(refused.status).toBe(403);
    expect(codeOf(refused.body)).toBe('FORBIDDEN');
    expect(refused.body.url).toBeUndefined();
    const teacher = await requestLink('teacher', movementBook(ownOrganization.id));
    expect(teacher.status).toBe(403);
    expect(codeOf(teacher.body)).toBe('FORBIDDEN');
  });
});

describe('completeness («Контроль заполнения»)', () => {
  const spec = (organizationId: string): Spec => ({
    title: 'Контроль заполнения',
    filters: ['Кто: Обучающиеся', 'Только с незаполненными полями'],
    query: webOperation('SchoolCompleteness'),
    variables: { filter: { organizationId, kind: 'STUDENT', hasMissingFields: true } },
    connection: 'persons',
    columns: [
      { title: 'ФИО', path: 'fullName' },
      { title: 'Класс', path: 'enrolment.className' },
      { title: 'Не заполнено', path: 'missingFields', labels: { SNILS: 'СНИЛС' } },
    ],
    format: 'CSV',
  });

  it('the school admin downloads the cards with gaps, with the filters in the header (CSV)', async () => {
    const s = spec(ownOrganization.id);
    const nodes = await allNodes('admin', s.query, s.variables, 'persons');
    const file = await download('admin', s);
    expect(file.header).toContain('Фильтры: Кто: Обучающиеся; Только с незаполненными полями');
    expect(file.body.map((row) => row[0])).toEqual(nodes.map((node) => node['fullName']));
    const withSnils = nodes.findIndex((node) => (node['missingFields'] as string[]).includes('SNILS'));
    if (withSnils >= 0) expect(file.body[withSnils]![2]).toContain('СНИЛС');
  });

  it('gives another school’s admin nothing the list would not (an empty file), and no token no link (401)', async () => {
    // The list itself answers another school's cards with no rows (row scope), so the file is empty.
    const s = spec(otherOrganization);
    expect(await allNodes('admin', s.query, s.variables, 'persons')).toEqual([]);
    const file = await download('admin', s);
    expect(file.body).toEqual([]);
    const anonymous = await requestLink(null, spec(ownOrganization.id));
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous.body)).toBe('UNAUTHENTICATED');
    const expired = await fetch(new URL('/exports/gateway/list?t=x', platform.gatewayUrl));
    expect(expired.status).toBe(401);
  });
});

describe('admissions', () => {
  const spec = (organizationId: string): Spec => ({
    title: 'Заявления',
    filters: [],
    query: webOperation('SchoolApplications'),
    variables: { organizationId, status: null },
    connection: 'applications',
    columns: [
      { title: 'Ребёнок', path: 'childName' },
      { title: 'Подано', path: 'registeredAt', kind: 'datetime' },
      { title: 'Статус', path: 'status' },
    ],
    format: 'XLSX',
  });

  it('the school admin downloads the school’s applications', async () => {
    const s = spec(ownOrganization.id);
    const nodes = await allNodes('admin', s.query, s.variables, 'applications');
    expect(nodes.length).toBeGreaterThan(0);
    const file = await download('admin', s);
    expect(file.body.map((row) => row[0])).toEqual(nodes.map((node) => node['childName'] ?? ''));
    expect(file.body.map((row) => row[2])).toEqual(nodes.map((node) => node['status']));
    expect(file.body[0]![1]).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
  });

  it('gives another school’s applications to nobody: the teacher’s and the other admin’s files are empty', async () => {
    for (const [login, organizationId] of [
      ['admin', otherOrganization],
      ['teacher', ownOrganization.id],
    ] as const) {
      const s = spec(organizationId);
      expect(await allNodes(login, s.query, s.variables, 'applications')).toEqual([]);
      expect((await download(login, s)).body).toEqual([]);
    }
    const anonymous = await requestLink(null, spec(ownOrganization.id));
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous.body)).toBe('UNAUTHENTICATED');
  });
});

describe('territory organizations', () => {
  const spec = (municipalityId: string): Spec => ({
    title: 'Организации',
    filters: [`Муниципалитет: ${ownMunicipality.name}`],
    query: webOperation('TerritoryOrganizations'),
    variables: { filter: { municipalityId, type: null, name: null } },
    connection: 'organizations',
    columns: [
      { title: 'Организация', path: 'shortName' },
      { title: 'Муниципалитет', path: 'municipality.name' },
      { title: 'ИНН', path: 'inn' },
      { title: 'ИНН верен', path: 'innValid', kind: 'boolean' },
      { title: 'Обучающихся', path: 'dataCompleteness.students', kind: 'number' },
    ],
    format: 'CSV',
  });

  it('the coordinator downloads their municipality’s organizations with their figures', async () => {
    // (Their own figures are readable: no «нет доступа» in the file.)
    const s = spec(ownMunicipality.id);
    const nodes = await allNodes('coordinator', s.query, s.variables, 'organizations');
    expect(nodes.length).toBeGreaterThan(0);
    const file = await download('coordinator', s);
    expect(file.body.map((row) => row[0])).toEqual(nodes.map((node) => node['shortName']));
    expect(new Set(file.body.map((row) => row[1]))).toEqual(new Set([ownMunicipality.name]));
    expect(file.body.map((row) => row[3])).toEqual(nodes.map((node) => (node['innValid'] ? 'да' : 'нет')));
    expect(file.body.map((row) => row[4])).toEqual(
      nodes.map((node) => String((node['dataCompleteness'] as { students: number } | null)?.students ?? '')),
    );
  });

  it('writes «нет доступа» where the API refuses another municipality’s figures (FORBIDDEN), as the page shows', async () => {
    const s = spec(otherMunicipality);
    const result = await platform.query({ login: 'coordinator' }, s.query, { ...s.variables, first: 50 });
    expect(result.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    const file = await download('coordinator', s);
    expect(file.body.length).toBeGreaterThan(0);
    // Names and INNs are the public register; the completeness figures are refused, cell by cell.
    expect(new Set(file.body.map((row) => row[4]))).toEqual(new Set(['нет доступа']));
    expect(file.body.every((row) => row[0] !== '' && row[2] !== '')).toBe(true);
  });
});

describe('list links', () => {
  it('refuse an expired link and a tampered one (401)', async () => {
    const link = await requestLink('admin', movementBook(ownOrganization.id));
    const url = new URL(link.body.url!, platform.gatewayUrl);
    const [head, payload, signature] = url.searchParams.get('t')!.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.params.variables.organizationId = otherOrganization;
    url.searchParams.set('t', `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
    const tampered = await fetch(url);
    expect(tampered.status).toBe(401);
    platform.setNow(new Date(TODAY.getTime() + 61_000));
    try {
      expect((await fetch(new URL(link.body.url!, platform.gatewayUrl))).status).toBe(401);
    } finally {
      platform.setNow(TODAY);
    }
  });

  it('refuse a malformed spec (400, BAD_USER_INPUT)', async () => {
    const bad = await requestLink('admin', { ...movementBook(ownOrganization.id), connection: 'movementBook; drop' });
    expect(bad.status).toBe(400);
    expect(codeOf(bad.body)).toBe('BAD_USER_INPUT');
  });
});
