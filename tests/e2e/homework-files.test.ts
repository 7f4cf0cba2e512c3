/**
 * Homework files (issue 15 §2) through the gateway with real tokens: the teacher attaches a file to a lesson's
 * homework, the class's pupil and her guardian download it, the pupil hands in work as a file and the teacher
 * downloads it. Each refusal asserts its code: another class's pupil and a stranger guardian (NOT_FOUND, as any
 * lookup outside scope), a guardian handing in or a teacher of another subject attaching (FORBIDDEN), an
 * oversized, wrongly typed, infected or truncated file (BAD_USER_INPUT), a forged or expired link (FORBIDDEN).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR_TEST_FILE } from '@region/kit';
import { personIdOf } from '../src/demo-people.ts';
import { startPlatform, type GraphQLResponse, type Platform } from '../src/platform.ts';

/** 23 October 2026, 09:00 in the region (UTC+5). */
const NOW = new Date('2026-10-23T04:00:00Z');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let platform: Platform;
let lessonId: string;
let studentId: string;

const codes = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => error.extensions?.code);
const ok = <T>(result: GraphQLResponse<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const REQUEST = `mutation ($input: HomeworkFileUploadInput!) {
  requestHomeworkFileUpload(input: $input) { url expiresAt maxBytes } }`;
const request = (login: string, purpose: 'ASSIGNMENT' | 'SUBMISSION', fileName: string, size: number) =>
  platform.query<{ requestHomeworkFileUpload: { url: string; maxBytes: number } }>({ login }, REQUEST, {
    input: { lessonId, purpose, fileName, size },
  });

interface FileAnswer {
  file?: { id: string; name: string; size: number; contentType: string; sha256: string; scanStatus: string };
  errors?: { message: string; extensions: { code: string; field?: string } }[];
}

/** PUT the bytes to the URL the mutation issued, through the gateway. */
async function put(url: string, bytes: Buffer): Promise<{ status: number; body: FileAnswer }> {
  const response = await fetch(new URL(url, platform.gatewayUrl), { method: 'PUT', body: new Uint8Array(bytes) });
  return { status: response.status, body: (await response.json()) as FileAnswer };
}

async function upload(login: string, purpose: 'ASSIGNMENT' | 'SUBMISSION', fileName: string, bytes: Buffer) {
  const ticket = ok(await request(login, purpose, fileName, bytes.length)).requestHomeworkFileUpload;
  return put(ticket.url, bytes);
}

const download = (url: string) => fetch(new URL(url, platform.gatewayUrl));

interface FileView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  scanStatus: string;
  downloadUrl: string | null;
}
const FILE = 'id name size contentType sha256 scanStatus downloadUrl';
const LESSON = `query ($id: ID!) { lesson(id: $id) {
  homework { text files { ${FILE} } }
  homeworkSubmissions { student { id } submittedAt files { ${FILE} } } } }`;
type LessonView = {
  lesson: {
    homework: { text: string; files: FileView[] } | null;
    homeworkSubmissions: { student: { id: string }; files: FileView[] }[];
  } | null;
};
const lesson = (login: string) => platform.query<LessonView>({ login }, LESSON, { id: lessonId });

const DELETE = 'mutation ($id: ID!) { deleteHomeworkFile(id: $id) }';

beforeAll(async () => {
  platform = await startPlatform({ now: NOW, principalTtlMs: 0 });
  // The demo closes the first quarter on 27 October; on the 23rd it is still open.
  await platform.admin
    .sql`update learning.study_periods set closed_at = null, closed_by = null where starts_on = '2026-09-01'`;
  const teacherId = await personIdOf(platform.admin, 'teacher');
  studentId = await personIdOf(platform.admin, 'student');
  const [row] = await platform.admin.sql<{ id: string }[]>`
    select l.id from learning.lessons l
    where l.school_year = 2026 and l.teacher_id = ${teacherId} and l.date between '2026-10-19' and '2026-10-22'
      and not exists (select 1 from learning.homework_submissions s where s.lesson_id = l.id and s.student_id = ${studentId})
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
});

describe('homework files', () => {
  let assignment: FileView;

  it('lets the teacher attach a file that the pupil and her guardian download', async () => {
    const landed = await upload('teacher', 'ASSIGNMENT', 'Карточка №3.pdf', PDF);
    expect(landed.status).toBe(201);
    expect(landed.body.file).toMatchObject({
      name: 'Карточка №3.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
      sha256: sha256(PDF),
      scanStatus: 'CLEAN',
    });

    for (const login of ['student', 'guardian', 'class-teacher']) {
      const files = ok(await lesson(login)).lesson!.homework!.files;
      expect(files.map((file) => file.name)).toEqual(['Карточка №3.pdf']);
      const got = await download(files[0]!.downloadUrl!);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('Карточка №3.pdf')}`,
      );
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    }
    assignment = ok(await lesson('student')).lesson!.homework!.files[0]!;
  });

  it('lets the pupil hand in a file that the teacher and the guardian see and download, and counts it handed in', async () => {
    const landed = await upload('student', 'SUBMISSION', 'решение.png', PNG);
    expect(landed.status, JSON.stringify(landed.body)).toBe(201);
    expect(landed.body.file).toMatchObject({ contentType: 'image/png', sha256: sha256(PNG) });

    const own = ok(await lesson('student')).lesson!.homeworkSubmissions;
    expect(own.map((s) => [s.student.id, s.files.map((f) => f.name)])).toEqual([[studentId, ['решение.png']]]);

    const seenByTeacher = ok(await lesson('teacher')).lesson!.homeworkSubmissions;
    const work = seenByTeacher.find((s) => s.student.id === studentId)!;
    expect(work.files.map((f) => f.name)).toEqual(['решение.png']);
    const got = await download(work.files[0]!.downloadUrl!);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    const seenByGuardian = ok(await lesson('guardian')).lesson!.homeworkSubmissions;
    expect(seenByGuardian.map((s) => s.student.id)).toEqual([studentId]);
    expect((await download(seenByGuardian[0]!.files[0]!.downloadUrl!)).status).toBe(200);

    const [submitted] = await platform.admin.sql`
      select 1 from learning.homework_submissions where lesson_id = ${lessonId} and student_id = ${studentId}`;
    expect(submitted).toBeDefined();
  });

  it('hides the lesson and its files from another class’s pupil and a stranger guardian', async () => {
    for (const login of ['student-8b', 'guardian2']) {
      const seen = await lesson(login);
      expect(codes(seen)).toEqual(['NOT_FOUND']);
      expect(seen.data?.lesson ?? null).toBeNull();
      expect(codes(await request(login, 'SUBMISSION', 'работа.pdf', PDF.length))).toEqual(['NOT_FOUND']);
    }
  });

  it('refuses a guardian handing in for the child and a teacher of another subject attaching', async () => {
    const byGuardian = await request('guardian', 'SUBMISSION', 'работа.pdf', PDF.length);
    expect(codes(byGuardian)).toEqual(['FORBIDDEN']);
    const byOtherTeacher = await request('teacher-parent', 'ASSIGNMENT', 'карта.pdf', PDF.length);
    expect(codes(byOtherTeacher)).toEqual(['FORBIDDEN']);
    const byPupil = await request('student', 'ASSIGNMENT', 'карта.pdf', PDF.length);
    expect(codes(byPupil)).toEqual(['FORBIDDEN']);
  });

  it('refuses an oversized file and a type not allowed before any byte is sent', async () => {
    const oversized = await request('student', 'SUBMISSION', 'скан.pdf', 10 * 1024 * 1024 + 1);
    expect(codes(oversized)).toEqual(['BAD_USER_INPUT']);
    expect(oversized.errors![0]!.message).toContain('10 МБ');
    expect(codes(await request('student', 'SUBMISSION', 'игра.exe', 1000))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses bytes that are not what the name says, an infected file and a body longer than declared, storing nothing', async () => {
    const before = await platform.admin.sql`select id from learning.homework_files`;
    const renamed = await upload('student', 'SUBMISSION', 'сочинение.pdf', PNG);
    expect([renamed.status, renamed.body.errors?.[0]?.extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(renamed.body.errors?.[0]?.message).toContain('.pdf');

    const infected = await upload('student', 'SUBMISSION', 'ответы.txt', Buffer.from(EICAR_TEST_FILE, 'latin1'));
    expect([infected.status, infected.body.errors?.[0]?.extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(infected.body.errors?.[0]?.message).toContain('антивирусную');

    const ticket = ok(await request('student', 'SUBMISSION', 'ответы.txt', 5)).requestHomeworkFileUpload;
    const longer = await put(ticket.url, Buffer.from('ответ: 42'));
    expect([longer.status, longer.body.errors?.[0]?.extensions.code]).toEqual([400, 'BAD_USER_INPUT']);

    const after = await platform.admin.sql`select id from learning.homework_files`;
    expect(after.length).toBe(before.length);
  });

  it('refuses a forged or expired link', async () => {
    const [head, payload, signature] = assignment.downloadUrl!.split('.') as [string, string, string];
    const flipped = signature[5] === 'A' ? 'B' : 'A';
    const forged = `${head}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
    const refused = await download(forged);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as FileAnswer).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const ticket = ok(await request('student', 'SUBMISSION', 'второе.pdf', PDF.length)).requestHomeworkFileUpload;
    platform.setNow(new Date(NOW.getTime() + 11 * 60_000));
    try {
      const late = await put(ticket.url, PDF);
      expect([late.status, late.body.errors?.[0]?.extensions.code]).toEqual([403, 'FORBIDDEN']);
      const stale = await download(assignment.downloadUrl!);
      expect(stale.status).toBe(403);
    } finally {
      platform.setNow(NOW);
    }
  });

  it('lets only the pupil delete her work and only the lesson’s teacher the assignment’s file', async () => {
    const work = ok(await lesson('student')).lesson!.homeworkSubmissions[0]!.files[0]!;
    expect(codes(await platform.query({ login: 'student-8b' }, DELETE, { id: work.id }))).toEqual(['NOT_FOUND']);
    expect(codes(await platform.query({ login: 'guardian' }, DELETE, { id: work.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await platform.query({ login: 'student' }, DELETE, { id: assignment.id }))).toEqual(['FORBIDDEN']);
    expect(ok(await platform.query({ login: 'student' }, DELETE, { id: work.id }))).toEqual({
      deleteHomeworkFile: work.id,
    });

    const link = ok(await lesson('student')).lesson!.homework!.files[0]!.downloadUrl!;
    expect(ok(await platform.query({ login: 'teacher' }, DELETE, { id: assignment.id }))).toEqual({
      deleteHomeworkFile: assignment.id,
    });
    const gone = await download(link);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as FileAnswer).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(ok(await lesson('student')).lesson!.homework!.files).toEqual([]);
  });
});
