/**
 * Message attachments (issue 15 §1) through the gateway with real tokens: a teacher uploads a file and sends it
 * to a guardian and a pupil, each downloads it from their own thread; the guardian answers with a file of hers.
 * Each refusal asserts its code: another guardian reading the thread (NOT_FOUND), attaching someone else's or an
 * already sent file (BAD_USER_INPUT, nothing written), an oversized or wrongly typed file (BAD_USER_INPUT), a
 * forged link (FORBIDDEN, 403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@region/db';
import { localFileStorage } from '@region/kit';
import { DEFAULT_FILES_DIR } from '../../subgraphs/people/src/files.ts';
import { purgeExpiredCommunication } from '../../subgraphs/people/src/modules/messages/retention.ts';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/** 20 November 2026, 12:00 in the region (UTC+5). */
const NOON = new Date('2026-11-20T07:00:00Z');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let platform: Platform;
const ids: Record<string, string> = {};

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);
const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

const REQUEST = `mutation ($input: MessageFileUploadInput!) { requestMessageFileUpload(input: $input) { url maxBytes } }`;
const request = (login: string, fileName: string, size: number) =>
  platform.query<{ requestMessageFileUpload: { url: string; maxBytes: number } }>({ login }, REQUEST, {
    input: { fileName, size },
  });

interface FileAnswer {
  file?: { id: string; name: string; size: number; contentType: string };
  errors?: { message: string; extensions: { code: string; field?: string } }[];
}
async function put(url: string, bytes: Buffer): Promise<{ status: number; body: FileAnswer }> {
  const response = await fetch(new URL(url, platform.gatewayUrl), { method: 'PUT', body: new Uint8Array(bytes) });
  return { status: response.status, body: (await response.json()) as FileAnswer };
}
async function upload(login: string, fileName: string, bytes: Buffer): Promise<string> {
  const ticket = ok(await request(login, fileName, bytes.length)).requestMessageFileUpload;
  expect(ticket.url).toMatch(/^\/files\/people\/upload\//);
  const landed = await put(ticket.url, bytes);
  expect(landed.status, JSON.stringify(landed.body)).toBe(201);
  return landed.body.file!.id;
}
const download = (url: string) => fetch(new URL(url, platform.gatewayUrl));

const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id counterpart { id } } }`;
const send = (login: string, recipientIds: string[], fileIds: string[]) =>
  platform.query<{ sendMessage: { id: string; counterpart: { id: string } }[] }>({ login }, SEND, {
    input: { recipientIds, subject: 'Памятка к экскурсии', body: 'Памятка во вложении.', fileIds },
  });

interface FileView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  downloadUrl: string | null;
}
const THREAD = `query ($id: ID!) { messageThread(id: $id) { id messages { mine body files {
  id name size contentType downloadUrl } } } }`;
const thread = (login: string, id: string) =>
  platform.query<{ messageThread: { messages: { mine: boolean; files: FileView[] }[] } | null }>({ login }, THREAD, {
    id,
  });

const countFiles = async () => {
  const [row] = await platform.admin.sql<{ count: number }[]>`select count(*)::int as count from people.message_files`;
  return row!.count;
};

beforeAll(async () => {
  platform = await startPlatform({ now: NOON, principalTtlMs: 0 });
  for (const login of ['teacher', 'guardian', 'guardian2', 'student'])
    ids[login] = await personIdOf(platform.admin, login);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('message attachments', () => {
  let guardianThread = '';
  let sentFileId = '';

  it('lets a teacher attach a file that the guardian and the pupil download from their own threads', async () => {
    sentFileId = await upload('teacher', 'Памятка.pdf', PDF);
    const threads = ok(await send('teacher', [ids['guardian']!, ids['student']!], [sentFileId])).sendMessage;
    guardianThread = threads.find((t) => t.counterpart.id === ids['guardian'])!.id;
    const studentThread = threads.find((t) => t.counterpart.id === ids['student'])!.id;

    for (const [login, threadId] of [
      ['guardian', guardianThread],
      ['student', studentThread],
      ['teacher', guardianThread],
    ] as const) {
      const files = ok(await thread(login, threadId)).messageThread!.messages[0]!.files;
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ name: 'Памятка.pdf', size: PDF.length, contentType: 'application/pdf' });
      expect(files[0]!.downloadUrl).toMatch(/^\/files\/people\//);
      const got = await download(files[0]!.downloadUrl!);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Памятка.pdf')}`);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    }
  });

  it('lets the guardian answer with a file of her own', async () => {
    const fileId = await upload('guardian', 'справка.png', PNG);
    ok(
      await platform.query(
        { login: 'guardian' },
        'mutation ($id: ID!, $files: [ID!]) { replyToThread(threadId: $id, body: "Справка во вложении.", fileIds: $files) { id } }',
        { id: guardianThread, files: [fileId] },
      ),
    );
    const messages = ok(await thread('teacher', guardianThread)).messageThread!.messages;
    expect(messages.map((m) => m.files.map((f) => f.name))).toEqual([['Памятка.pdf'], ['справка.png']]);
  });

  it('refuses another guardian the thread and its files with NOT_FOUND', async () => {
    const result = await thread('guardian2', guardianThread);
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });

  it('refuses attaching an already sent or someone else’s file with BAD_USER_INPUT and writes nothing', async () => {
    const before = await countFiles();
    const again = await send('teacher', [ids['guardian']!], [sentFileId]);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect((again.errors![0]!.extensions as { field?: string }).field).toBe('fileIds');

    const teachers = await upload('teacher', 'план.pdf', PDF);
    const stolen = await platform.query(
      { login: 'guardian' },
      'mutation ($id: ID!, $files: [ID!]) { replyToThread(threadId: $id, body: "Чужой файл", fileIds: $files) { id } }',
      { id: guardianThread, files: [teachers] },
    );
    expect(codes(stolen)).toEqual(['BAD_USER_INPUT']);
    const [row] = await platform.admin.sql<{ count: number }[]>`
      select count(*)::int as count from people.messages where body = 'Чужой файл'`;
    expect(row!.count).toBe(0);
    expect(await countFiles()).toBe(before + 1);
  });

  it('refuses an oversized file, a type not allowed and bytes that are not what the name says', async () => {
    const oversized = await request('teacher', 'скан.pdf', 10 * 1024 * 1024 + 1);
    expect(codes(oversized)).toEqual(['BAD_USER_INPUT']);
    expect((oversized.errors![0]!.extensions as { field?: string }).field).toBe('size');
    expect(codes(await request('teacher', 'игра.exe', 1000))).toEqual(['BAD_USER_INPUT']);

    const before = await countFiles();
    const ticket = ok(await request('teacher', 'картинка.pdf', PNG.length)).requestMessageFileUpload;
    const renamed = await put(ticket.url, PNG);
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(await countFiles()).toBe(before);
  });

  it('refuses a forged link with FORBIDDEN (403)', async () => {
    const url = ok(await thread('guardian', guardianThread)).messageThread!.messages[0]!.files[0]!.downloadUrl!;
    const [head, payload, signature] = url.slice('/files/people/'.length).split('.');
    const flipped = signature![5] === 'A' ? 'B' : 'A';
    const forged = `/files/people/${head}.${payload}.${signature!.slice(0, 5)}${flipped}${signature!.slice(6)}`;
    const refused = await download(forged);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as FileAnswer).errors![0]!.extensions.code).toBe('FORBIDDEN');
    // A people link is not a learning link: learning's own signer refuses it.
    const elsewhere = await download(url.replace('/files/people/', '/files/'));
    expect(elsewhere.status).toBe(403);
  });

  it('purges an expired thread’s files and a stale unattached upload with their bytes, keeping shared bytes', async () => {
    const storage = localFileStorage(DEFAULT_FILES_DIR);
    const keyOf = async (name: string, threadId?: string) => {
      const [row] = await platform.admin.sql<{ key: string }[]>`
        select f.storage_key as key from people.message_files f left join people.messages m on m.id = f.message_id
        where f.file_name = ${name} and (${threadId ?? null}::uuid is null or m.thread_id = ${threadId ?? null})
        limit 1`;
      return row!.key;
    };
    const draft = await upload('teacher', 'черновик.pdf', PDF);
    await platform.admin.sql`
      update people.message_files set created_at = ${NOON.toISOString()}::timestamptz - interval '2 days' where id = ${draft}`;
    const draftKey = await keyOf('черновик.pdf');
    const replyKey = await keyOf('справка.png', guardianThread);
    const sharedKey = await keyOf('Памятка.pdf', guardianThread);
    await platform.admin.sql`
      update people.message_threads set last_message_at = ${NOON.toISOString()}::timestamptz - interval '400 days'
      where id = ${guardianThread}`;

    const people = createDb(platform.database.roleUrl('people'), { max: 1 });
    try {
      const purged = await purgeExpiredCommunication(people.db, NOON, storage);
      expect(purged.threads).toBe(1);
      expect(purged.files).toBe(2);
    } finally {
      await people.close();
    }
    expect(await storage.get(draftKey)).toBeNull();
    expect(await storage.get(replyKey)).toBeNull();
    // The pupil's thread still holds its copy of the teacher's file: its bytes stay.
    const shared = await storage.get(sharedKey);
    expect(shared).not.toBeNull();
    shared!.destroy();
  });
});
