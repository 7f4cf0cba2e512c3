/**
 * A subgraph's file settings (issue 15: learning's homework files, people's message attachments): the store, the
 * virus scanner, the URL signer and the size limit, made once per subgraph instance and shared by its GraphQL
 * resolvers and its `/files` routes. `index.ts` reads them from the env (`readFilesEnv`); the tests and the
 * in-process platform take the defaults.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseEnv } from '../env.ts';
import { readFileStorageEnv } from './config.ts';
import { DEFAULT_MAX_FILE_BYTES } from './inspect.ts';
import { eicarScanner, type VirusScanner } from './scan.ts';
import { localFileStorage, type FileStorage } from './storage.ts';
import { fileTicketSigner, type FileTicketSigner } from './tickets.ts';

export interface FileSettings {
  storage: FileStorage;
  scanner: VirusScanner;
  tickets: FileTicketSigner;
  maxBytes: number;
}

/** What `fileSettingsOf` needs of a subgraph's deps (learning's and people's `…Deps` in their app.ts). */
export interface FileDeps {
  /** Left out: the local disk under `.data/files`, the EICAR scanner and a secret of this process. */
  files?: FileSettings | undefined;
}

/** The repository's `.data/files` (resolved from this file, never from the current directory). */
export const DEFAULT_FILES_DIR = fileURLToPath(new URL('../../../../.data/files', import.meta.url));

export function defaultFileSettings(dir = DEFAULT_FILES_DIR): FileSettings {
  return {
    storage: localFileStorage(dir),
    scanner: eicarScanner(),
    // One process signs and verifies its own URLs; replicas must share FILES_URL_SECRET (docs/deploy.md).
    tickets: fileTicketSigner(randomBytes(32)),
    maxBytes: DEFAULT_MAX_FILE_BYTES,
  };
}

const made = new WeakMap<object, FileSettings>();

/** The settings of a subgraph instance: the deps' own, or defaults made once for these deps. */
export function fileSettingsOf(deps: FileDeps): FileSettings {
  if (deps.files) return deps.files;
  let settings = made.get(deps);
  if (!settings) {
    settings = defaultFileSettings();
    made.set(deps, settings);
  }
  return settings;
}

/** The process's file settings from its env (STYLE.md, Config). */
export function readFilesEnv(subgraph: string, source: NodeJS.ProcessEnv = process.env): FileSettings {
  const env = parseEnv(
    {
      /** Signs the short-lived file URLs; the same value for every replica of the subgraph. */
      FILES_URL_SECRET: z.string().min(32).optional(),
      FILES_MAX_BYTES: z.coerce
        .number()
        .int()
        .min(1)
        .max(100 * 1024 * 1024)
        .default(DEFAULT_MAX_FILE_BYTES),
      NODE_ENV: z.string().optional(),
    },
    source,
  );
  if (env.NODE_ENV === 'production' && !env.FILES_URL_SECRET)
    throw new Error(
      `Invalid environment:\n  FILES_URL_SECRET: required in production (shared by every ${subgraph} replica)`,
    );
  const defaults = defaultFileSettings();
  return {
    ...defaults,
    // FILES_STORAGE (`local` under FILES_DIR, or `s3`) and its settings: docs/deploy.md.
    storage: readFileStorageEnv(source, DEFAULT_FILES_DIR),
    tickets: env.FILES_URL_SECRET ? fileTicketSigner(Buffer.from(env.FILES_URL_SECRET, 'utf8')) : defaults.tickets,
    maxBytes: env.FILES_MAX_BYTES,
  };
}

/** The store alone (people's daily purge deletes bytes and signs no URLs). */
export function readFilesStorageEnv(source: NodeJS.ProcessEnv = process.env): FileStorage {
  return readFileStorageEnv(source, DEFAULT_FILES_DIR);
}
