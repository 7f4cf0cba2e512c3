/**
 * Exports of the lists a school admin or coordinator works with (issue 15 §2): completeness, the movement
 * book, admissions, the territory's organizations — and any other list the web client shows as a connection.
 *
 * The file is the page's own GraphQL operation, run by the gateway as the person, page after page (keyset
 * `after`), each page written to the file as it arrives: field scopes, row scope, consent masking, cost limits
 * and every refusal are exactly the page's, because it is the page's query. Nothing here knows a list.
 *
 * 1. `POST /exports/gateway/list` with the person's bearer token and the list's spec (operation, variables, the
 *    connection's path, columns, title, filter lines, format) runs the first page — a refusal answers the
 *    GraphQL errors with their codes — and answers a one-minute link (`export-links.ts`).
 * 2. `GET /exports/gateway/list?t=<link>` streams the CSV or XLSX (`writeTableFile`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  attachment,
  ExportLinkRefused,
  HttpRefusal,
  regionDate,
  regionTimeZone,
  sendJson,
  signExportLink,
  verifyExportLink,
  type Logger,
  type Principal,
} from '@region/kit';
import { contentTypeOf, writeTableFile, type FileCell } from '@region/kit/table-files';
import { z } from 'zod';

export const LIST_EXPORT_PATH = '/exports/gateway/list';
/** The largest page a connection gives (DESIGN.md: `first` ≤ 200). */
const PAGE_SIZE = 200;
/** A list longer than this is cut, with a line saying so: a list is for work, a report for the region's figures. */
export const MAX_LIST_ROWS = 100_000;
const MAX_SPEC_BYTES = 6_000;
const MIN_PAGE_SIZE = 25;

const column = z.object({
  title: z.string().min(1).max(100),
  /** Dot path inside a node: `fullName`, `enrolment.className`. */
  path: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/),
  /** Names for enum values (`STUDENT` → «Обучающийся»), as the page shows them. */
  labels: z.record(z.string().max(60), z.string().max(200)).optional(),
  kind: z.enum(['text', 'date', 'datetime', 'number', 'boolean']).default('text'),
});

export const listSpec = z.object({
  title: z.string().min(1).max(200),
  /** The page's filters as it shows them («Класс: 5А»), for the file's header. */
  filters: z.array(z.string().min(1).max(300)).max(20),
  query: z.string().min(1).max(4_000),
  variables: z.record(z.string(), z.unknown()).default({}),
  /** Dot path of the connection in `data` (`persons`, `organization.applications`). */
  connection: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/),
  columns: z.array(column).min(1).max(30),
  format: z.enum(['CSV', 'XLSX']),
});
export type ListSpec = z.infer<typeof listSpec>;

type Node = Record<string, unknown>;

const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (current, key) => (current && typeof current === 'object' ? (current as Node)[key] : undefined),
      value,
    );

const ruDate = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10).split('-').reverse().join('.') : iso;

export function cellOf(value: unknown, spec: ListSpec['columns'][number]): FileCell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => String(cellOf(item, spec) ?? '')).join(', ');
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'number') return value;
  const text = String(value);
  if (spec.labels && Object.hasOwn(spec.labels, text)) return spec.labels[text]!;
  if (spec.kind === 'datetime' && !Number.isNaN(Date.parse(text)))
    return moment.format(new Date(text)).replace(',', '');
  return spec.kind === 'date' ? ruDate(text) : text;
}

/** A moment as the region reads it (DOMAIN.md, Times): «05.10.2026 14:30». */
const moment = {
  formatter: null as Intl.DateTimeFormat | null,
  format(value: Date): string {
    this.formatter ??= new Intl.DateTimeFormat('ru-RU', {
      timeZone: regionTimeZone(),
      dateStyle: 'short',
      timeStyle: 'short',
    });
    return this.formatter.format(value);
  },
};

interface Page {
  nodes: Node[];
  /** Per node (by index), the paths of its fields the API refused. */
  refused: Map<number, string[]>;
  endCursor: string | null;
  hasNextPage: boolean;
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

/** What the page shows for a field it may not read. */
export const NO_ACCESS = 'нет доступа';

const overlaps = (refused: string, column: string) =>
  refused === column || column.startsWith(`${refused}.`) || refused.startsWith(`${column}.`);

const tooComplex = (page: Page) => page.errors.some((error) => error.extensions?.['code'] === 'QUERY_TOO_COMPLEX');

export function listExports(options: {
  apollo: () => ApolloServer<{ principal: Principal }>;
  contextOf: (request: IncomingMessage) => Promise<{ principal: Principal } | HttpRefusal>;
  logger: Logger;
  now: () => Date;
}) {
  async function page(principal: Principal, spec: ListSpec, after: string | null, first: number): Promise<Page> {
    const result = await options
      .apollo()
      .executeOperation(
        { query: spec.query, variables: { ...spec.variables, first, after } },
        { contextValue: { principal } },
      );
    if (result.body.kind !== 'single') throw new Error('list export: incremental delivery is not supported');
    const { data, errors } = result.body.singleResult;
    // A field the page shows as «нет доступа» (a FORBIDDEN with its path) is written so, never left blank.
    const base = spec.connection.split('.').length;
    const refused = new Map<number, string[]>();
    for (const error of errors ?? []) {
      const path = error.path ?? [];
      const index = path[base + 1];
      if (typeof index !== 'number' || (path[base] !== 'edges' && path[base] !== 'nodes')) continue;
      const field = path.slice(base + (path[base] === 'edges' ? 3 : 2)).join('.');
      refused.set(index, [...(refused.get(index) ?? []), field]);
    }
    const connection = at(data, spec.connection) as
      | { edges?: { node: Node }[]; nodes?: Node[]; pageInfo?: { endCursor: string | null; hasNextPage: boolean } }
      | null
      | undefined;
    return {
      nodes: connection?.edges?.map((edge) => edge.node) ?? connection?.nodes ?? [],
      endCursor: connection?.pageInfo?.endCursor ?? null,
      hasNextPage: Boolean(connection?.pageInfo?.hasNextPage),
      errors: (connection ? [] : (errors ?? [])) as Page['errors'],
      refused,
    };
  }

  async function link(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const context = await options.contextOf(request);
    if (context instanceof HttpRefusal) {
      sendJson(response, context.status, context.body, context.headers);
      return;
    }
    if (context.principal.kind !== 'PERSON') {
      sendJson(response, 401, {
        errors: [{ message: 'Списки выгружают вошедшие пользователи.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_SPEC_BYTES) {
        sendJson(response, 413, {
          errors: [{ message: 'Описание списка слишком большое.', extensions: { code: 'BAD_USER_INPUT' } }],
        });
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let spec: ListSpec;
    try {
      spec = listSpec.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      sendJson(response, 400, {
        errors: [{ message: 'Неверное описание списка.', extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    // The page's own refusal, with its code, before any link exists.
    const first = await page(context.principal, spec, null, 1);
    if (first.errors.length) {
      const code = String(first.errors[0]!.extensions?.['code'] ?? 'BAD_USER_INPUT');
      const status = code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : code === 'UNAUTHENTICATED' ? 401 : 400;
      sendJson(response, status, { errors: first.errors });
      return;
    }
    const now = options.now();
    const signed = await signExportLink({
      subgraph: 'gateway',
      exportName: 'list',
      principal: context.principal,
      params: spec,
      now,
    });
    sendJson(response, 200, { ...signed, filename: fileName(spec, now) });
  }

  async function file(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let verified: Awaited<ReturnType<typeof verifyExportLink>>;
    try {
      verified = await verifyExportLink(url.searchParams.get('t') ?? '', {
        subgraph: 'gateway',
        exportName: 'list',
        now: options.now(),
      });
    } catch (error) {
      if (!(error instanceof ExportLinkRefused)) throw error;
      sendJson(response, error.status, {
        errors: [
          { message: error.message, extensions: { code: error.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } },
        ],
      });
      return;
    }
    const spec = listSpec.parse(verified.params);
    const { principal } = verified;
    // The largest page the person's cost limit admits for this list: 200, else smaller (a list with nested
    // figures costs more per row); the limits are the gateway's, as for the page itself.
    let pageSize = PAGE_SIZE;
    let firstPage = await page(principal, spec, null, pageSize);
    while (tooComplex(firstPage) && pageSize > MIN_PAGE_SIZE) {
      pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      firstPage = await page(principal, spec, null, pageSize);
    }
    if (firstPage.errors.length) {
      sendJson(response, 403, { errors: firstPage.errors });
      return;
    }
    const now = options.now();
    const type = contentTypeOf(spec.format);
    response.writeHead(200, {
      'content-type': type.contentType,
      'content-disposition': attachment(fileName(spec, now)),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    let cut = false;
    async function* rows(): AsyncGenerator<FileCell[][]> {
      let current: Page = firstPage;
      let written = 0;
      for (;;) {
        const { refused } = current;
        const batch = current.nodes.map((node, index) =>
          spec.columns.map((column) =>
            (refused.get(index) ?? []).some((field) => overlaps(field, column.path))
              ? NO_ACCESS
              : cellOf(at(node, column.path), column),
          ),
        );
        written += batch.length;
        yield batch;
        if (!current.hasNextPage || !current.endCursor) return;
        if (written >= MAX_LIST_ROWS) {
          cut = true;
          yield [[`Список обрезан: в файле первые ${MAX_LIST_ROWS} строк. Сузьте отбор.`]];
          return;
        }
        current = await page(principal, spec, current.endCursor, pageSize);
        // A page refused midway (a grant withdrawn): stop rather than write a file that looks whole.
        if (current.errors.length) throw new Error(`list export refused midway: ${current.errors[0]!.message}`);
      }
    }
    try {
      await writeTableFile(
        spec.format,
        {
          name: spec.title,
          header: [
            spec.title,
            `Сформирован ${ruDate(regionDate(now))}`,
            spec.filters.length ? `Фильтры: ${spec.filters.join('; ')}` : 'Фильтры: нет',
          ],
          columns: spec.columns.map((column) => column.title),
          rows: rows(),
        },
        response,
      );
    } catch (error) {
      options.logger.error({ err: error, cut }, 'list export failed while streaming');
      response.destroy();
    }
  }

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== LIST_EXPORT_PATH) return false;
    if (request.method === 'POST') await link(request, response);
    else if (request.method === 'GET') await file(request, response);
    else sendJson(response, 405, { errors: [{ message: 'Method not allowed.', extensions: { code: 'BAD_REQUEST' } }] });
    return true;
  };
}

function fileName(spec: ListSpec, now: Date): string {
  return `${spec.title.replace(/[^\p{L}\p{N}-]+/gu, '_')}_${regionDate(now)}.${contentTypeOf(spec.format).extension}`;
}
