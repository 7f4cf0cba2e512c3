/**
 * The S3-compatible store (issue 15 §2) against a real S3 server in this process (s3rver, which checks SigV4
 * access keys): a streamed put sent with its length, a streamed get of the same bytes, delete, a missing key,
 * an unknown access key and a missing bucket refused, a failed source stream leaving no object, the
 * intake (`receiveFile`) over it, and the env choosing the store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileRejected,
  newFileKey,
  readFileStorageEnv,
  receiveFile,
  s3FileStorage,
  S3StorageError,
  type FileStorage,
} from '../src/index.ts';

const BUCKET = 'region-files';
let dir: string;
let server: S3rver;
let endpoint: string;
let storage: FileStorage;
const requests: { method: string | undefined; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kit-s3-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  server.httpServer.on('request', (request) => requests.push({ method: request.method, headers: request.headers }));
  endpoint = `http://127.0.0.1:${port}`;
  storage = s3FileStorage({
    endpoint,
    region: 'us-east-1',
    bucket: BUCKET,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** 3 MiB in 64 KiB chunks, so the body really streams. */
function chunked(bytes: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 64 * 1024) chunks.push(bytes.subarray(at, at + 64 * 1024));
  return Readable.from(chunks);
}

describe('S3-compatible file storage', () => {
  it('puts a stream with its length, gets the same bytes back as a stream, deletes, and answers null after', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const key = newFileKey('homework');
    requests.length = 0;
    await storage.put(key, chunked(bytes));
    const put = requests.find((request) => request.method === 'PUT')!;
    // AWS refuses a PutObject of unknown length; the hash is signed so the service rejects damaged bytes.
    expect(put.headers['content-length']).toBe(String(bytes.length));
    expect(put.headers['x-amz-content-sha256']).toBe(sha256(bytes));

    const got = await storage.get(key);
    expect(got).toBeInstanceOf(Readable);
    expect(sha256(await buffer(got!))).toBe(sha256(bytes));

    await storage.put(key, Readable.from([Buffer.from('заменён')]));
    expect(await text((await storage.get(key))!)).toBe('заменён');

    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key);
  });

  it('sends nothing when the source stream fails, and refuses a key the platform would not make', async () => {
    const key = newFileKey('broken');
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    requests.length = 0;
    await expect(storage.put(key, failing)).rejects.toThrow('connection reset');
    expect(requests).toEqual([]);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.put('../outside', Readable.from([]))).rejects.toThrow('invalid file key');
  });

  // s3rver 3.7.1 checks the access key of a SigV4 request but not its signature («Signature version 4
  // calculation is unimplemented»), so a wrong secret is not refused here; an unknown key stands in for it.
  it('refuses an unknown access key and a missing bucket with S3 error codes', async () => {
    const key = newFileKey('homework');
    await storage.put(key, Readable.from([Buffer.from('секрет')]));
    const stranger = s3FileStorage({
      endpoint,
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: 'STRANGER',
      secretAccessKey: 'S3RVER',
    });
    await expect(stranger.get(key)).rejects.toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    await expect(stranger.put(key, Readable.from([Buffer.from('чужое')]))).rejects.toBeInstanceOf(S3StorageError);
    await expect(stranger.delete(key)).rejects.toMatchObject({ status: 403 });
    expect(await text((await storage.get(key))!)).toBe('секрет');

    const nowhere = s3FileStorage({
      endpoint,
      region: 'us-east-1',
      bucket: 'no-such-bucket',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    await expect(nowhere.get(key)).rejects.toMatchObject({ status: 404, code: 'NoSuchBucket' });
    await expect(nowhere.delete(key)).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('takes an upload in through the intake: the stored bytes are typed, a refused file leaves no object', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const key = newFileKey('homework');
    const received = await receiveFile({
      storage,
      key,
      body: Readable.from([pdf]),
      fileName: 'задание.pdf',
      maxBytes: 1024,
    });
    expect(received).toEqual({ size: pdf.length, sha256: sha256(pdf), contentType: 'application/pdf' });
    expect(sha256(await buffer((await storage.get(key))!))).toBe(sha256(pdf));

    const renamed = newFileKey('homework');
    await expect(
      receiveFile({ storage, key: renamed, body: Readable.from([pdf]), fileName: 'фото.png', maxBytes: 1024 }),
    ).rejects.toMatchObject({ reason: 'TYPE' });
    expect(await storage.get(renamed)).toBeNull();

    const large = newFileKey('homework');
    requests.length = 0;
    await expect(
      receiveFile({
        storage,
        key: large,
        body: chunked(randomBytes(256 * 1024)),
        fileName: 'big.pdf',
        maxBytes: 100_000,
      }),
    ).rejects.toBeInstanceOf(FileRejected);
    expect(requests.filter((request) => request.method === 'PUT')).toEqual([]);
    expect(await storage.get(large)).toBeNull();
  });

  it('is chosen by FILES_STORAGE=s3, and refuses an s3 env without its settings', async () => {
    const fromEnv = readFileStorageEnv(
      {
        FILES_STORAGE: 's3',
        FILES_S3_ENDPOINT: endpoint,
        FILES_S3_BUCKET: BUCKET,
        FILES_S3_ACCESS_KEY_ID: 'S3RVER',
        FILES_S3_SECRET_ACCESS_KEY: 'S3RVER',
      },
      dir,
    );
    const key = newFileKey('message');
    await fromEnv.put(key, Readable.from([Buffer.from('из env')]));
    expect(await text((await storage.get(key))!)).toBe('из env');
    expect(() => readFileStorageEnv({ FILES_STORAGE: 's3', FILES_S3_ENDPOINT: endpoint }, dir)).toThrow(
      /FILES_S3_BUCKET: required with FILES_STORAGE=s3[\s\S]*FILES_S3_SECRET_ACCESS_KEY/,
    );
    expect(() => readFileStorageEnv({ FILES_STORAGE: 'gcs' }, dir)).toThrow('FILES_STORAGE');
  });
});
