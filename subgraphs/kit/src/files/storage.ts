/**
 * Where uploaded files live (issue 15 §2): a store of byte streams by key, behind one small interface so that
 * development keeps files on the local disk and production in an S3-compatible bucket (docs/deploy.md). The
 * metadata (name, size, type, sha256, scan status) and every access rule stay in the subgraph's tables; a
 * store knows nothing but keys.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The contract every store keeps (an S3 adapter maps it onto PutObject / GetObject / DeleteObject):
 * - `put` writes the whole stream under the key, or nothing: a reader never sees a half-written object, and a
 *   failed or aborted stream leaves no object behind. It overwrites an existing key.
 * - `get` answers the object's bytes as a stream, or `null` when there is no such key.
 * - `delete` removes the key; deleting a missing key is not an error.
 * Keys are made by the platform (`newFileKey`), never from a user's file name.
 */
export interface FileStorage {
  put(key: string, body: Readable): Promise<void>;
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** A fresh key under a prefix (`homework/…`): random, so a key reveals nothing and never collides. */
export function newFileKey(prefix: string): string {
  return `${prefix}/${randomUUID()}`;
}

/** Refuses a key the platform would not make (shared by every store). */
export function checkKey(key: string): string {
  if (key.length > 300 || !KEY.test(key)) throw new Error(`invalid file key: ${key}`);
  return key;
}

/**
 * The development store: one file per key under `root` (`FILES_DIR`, default `.data/files`). A put writes a
 * temporary file next to the target and renames it, so the object appears whole or not at all.
 */
export function localFileStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = join(base, ...checkKey(key).split('/'));
    // The key pattern already forbids `..`; this is the second lock on the same door.
    if (!path.startsWith(base + sep)) throw new Error(`file key escapes the store: ${key}`);
    return path;
  };
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomUUID()}.part`;
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      try {
        if (!(await stat(path)).isFile()) return null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return createReadStream(path);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
