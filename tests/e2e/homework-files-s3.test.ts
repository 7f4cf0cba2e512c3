/**
 * Homework files (issue 15 §2) through the gateway with learning's files in an S3-compatible bucket (s3rver in
 * this process) instead of the local disk: the teacher's upload lands in the bucket under the row's
 * `storage_key`, the pupil downloads the same bytes through a signed URL, and deleting the file deletes the
 * object. The access rules are the same code whatever the store (tests/e2e/homework-files.test.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3FileStorage, type FileStorage } from '@region/kit';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/** 23 October 2026, 09:00 in the region (UTC+5). */
const NOW = new Date('2026-10-23T04:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let s3: S3rver;
let storage: FileStorage;
let platform: Platform;
let lessonId: string;

const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-s3-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'files' }],
  });
  const { port } = await s3.run();
  storage = s3FileStorage({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: 'files',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
  platform = await startPlatform({ now: NOW, principalTtlMs: 0, fileStorage: storage });
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  const teacherId = await personIdOf(platform.admin, 'teacher');
  const [row] = await platform.admin.sql<{ id: string }[]>`
    select l.id from learning.lessons l
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date between '2026-10-19' and '2026-10-22'
    order by l.date desc limit 1`;
  lessonId = row!.id;
  ok(
    await platform.query(
      { login: 'teacher' },
      'mutation ($input: UpdateLessonInput!) { updateLesson(input: $input) { id } }',
      { input: { lessonId, homework: { text: 'Решить задачи по карточке', mandatory: true } } },
    ),
  );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('homework files in an S3-compatible store', () => {
  it('stores the upload in the bucket, serves it to the pupil, and deletes the object with the file', async () => {
    const ticket = ok(
      await platform.query<{ requestHomeworkFileUpload: { url: string } }>(
        { login: 'teacher' },
        'mutation ($input: HomeworkFileUploadInput!) { requestHomeworkFileUpload(input: $input) { url } }',
        { input: { lessonId, purpose: 'ASSIGNMENT', fileName: 'Карточка.pdf', size: PDF.length } },
      ),
    ).requestHomeworkFileUpload;
    const landed = await fetch(new URL(ticket.url, platform.gatewayUrl), { method: 'PUT', body: new Uint8Array(PDF) });
    const answer = (await landed.json()) as { file: { id: string; sha256: string } };
    expect(landed.status, JSON.stringify(answer)).toBe(201);
    expect(answer.file.sha256).toBe(sha256(PDF));

    const [stored] = await platform.admin.sql<{ storage_key: string }[]>`
      select storage_key from learning.homework_files where id = ${answer.file.id}`;
    const object = await storage.get(stored!.storage_key);
    expect(sha256(await buffer(object!))).toBe(sha256(PDF));

    const files = ok(
      await platform.query<{ lesson: { homework: { files: { downloadUrl: string }[] } } }>(
        { login: 'student' },
        'query ($id: ID!) { lesson(id: $id) { homework { files { downloadUrl } } } }',
        { id: lessonId },
      ),
    ).lesson.homework.files;
    const got = await fetch(new URL(files[0]!.downloadUrl, platform.gatewayUrl));
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);

    ok(
      await platform.query({ login: 'teacher' }, 'mutation ($id: ID!) { deleteHomeworkFile(id: $id) }', {
        id: answer.file.id,
      }),
    );
    expect(await storage.get(stored!.storage_key)).toBeNull();
  });
});
