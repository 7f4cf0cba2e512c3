/**
 * The production store (issue 15 §2, docs/deploy.md «S3-compatible store»): objects in a private bucket of any
 * S3-compatible service (MinIO, Ceph RGW, Yandex Object Storage, AWS S3), addressed path-style
 * (`<endpoint>/<bucket>/<key>`), which every one of them accepts. Requests are signed with SigV4 by `aws4fetch`
 * and sent with the platform's own `fetch`.
 *
 * `put` first spools the stream to a temporary file while hashing it: S3's PutObject wants the length up front
 * (a chunked body of unknown length is refused by AWS), and the hash signed in `x-amz-content-sha256` makes the
 * service reject a body damaged on the way. A single PutObject is atomic, so a reader never sees half an object,
 * and a failed or aborted source stream never reaches the bucket at all. Files are at most `FILES_MAX_BYTES`
 * (10 MiB by default), so one request per object is enough and no multipart upload is needed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { checkKey, type FileStorage } from './storage.ts';

export interface S3StorageOptions {
  /** The service's origin, e.g. `https://storage.yandexcloud.net` or `http://minio:9000`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request the service refused or could not answer; the message carries S3's error code, never the secret. */
export class S3StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    operation: string,
    key: string,
  ) {
    super(`S3 ${operation} ${key} failed: HTTP ${status}${code ? ` ${code}` : ''}`);
  }
}

async function refusal(response: Response, operation: string, key: string): Promise<S3StorageError> {
  const body = await response.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  return new S3StorageError(response.status, code, operation, key);
}

export function s3FileStorage(options: S3StorageOptions): FileStorage {
  // Retries are ours to decide: aws4fetch would resend a request whose body stream is already consumed.
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: 0,
  });
  const base = `${options.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(options.bucket)}`;
  const urlOf = (key: string) => `${base}/${checkKey(key)}`;

  return {
    async put(key, body) {
      const url = urlOf(key);
      const dir = await mkdtemp(join(tmpdir(), 'region-s3-'));
      try {
        const spool = join(dir, randomUUID());
        const hash = createHash('sha256');
        const hashing = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(body, hashing, createWriteStream(spool, { flags: 'wx' }));
        // A file-backed Blob: fetch sends its known length as Content-Length and streams it from disk.
        const blob = await openAsBlob(spool);
        const response = await client.fetch(url, {
          method: 'PUT',
          body: blob,
          headers: { 'content-type': 'application/octet-stream', 'x-amz-content-sha256': hash.digest('hex') },
        });
        if (!response.ok) throw await refusal(response, 'PutObject', key);
        await response.body?.cancel();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async get(key) {
      const response = await client.fetch(urlOf(key), { method: 'GET' });
      if (!response.ok || !response.body) {
        const error = await refusal(response, 'GetObject', key);
        if (response.status === 404 && error.code !== 'NoSuchBucket') return null;
        throw error;
      }
      return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    },
    async delete(key) {
      const response = await client.fetch(urlOf(key), { method: 'DELETE' });
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      // DeleteObject answers 204 for a missing key; a 404 `NoSuchKey` from some services means the same, but a
      // missing bucket is a misconfiguration and must not pass for a deleted file.
      const error = await refusal(response, 'DeleteObject', key);
      if (response.status !== 404 || error.code === 'NoSuchBucket') throw error;
    },
  };
}
