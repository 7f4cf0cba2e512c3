/**
 * Learning's file settings (issue 15 §2): the store, the virus scanner, the URL signer and the size limit,
 * made once per subgraph instance and shared by its GraphQL resolvers and its `/files` routes. `index.ts`
 * reads them from the env (`readFilesEnv`); the tests and the in-process platform take the defaults.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MAX_FILE_BYTES,
  eicarScanner,
  fileTicketSigner,
  localFileStorage,
  parseEnv,
  readFileStorageEnv,
  type FileStorage,
  type FileTicketSigner,
  type VirusScanner,
} from '@region/kit';
import { z } from 'zod';

export interface HomeworkFileSettings {
  storage: FileStorage;
  scanner: VirusScanner;
  tickets: FileTicketSigner;
  maxBytes: number;
}

/** What `fileSettingsOf` needs of the subgraph's deps (`LearningDeps` in app.ts). */
export interface FileDeps {
  /** Left out: the local disk under `.data/files`, the EICAR scanner and a secret of this process. */
  files?: HomeworkFileSettings | undefined;
}

/** The repository's `.data/files` (resolved from this file, never from the current directory). */
export const DEFAULT_FILES_DIR = fileURLToPath(new URL('../../../.data/files', import.meta.url));

export function defaultFileSettings(dir = DEFAULT_FILES_DIR): HomeworkFileSettings {
  return {
    storage: localFileStorage(dir),
    scanner: eicarScanner(),
    // One process signs and verifies its own URLs; replicas must share FILES_URL_SECRET (docs/deploy.md).
    tickets: fileTicketSigner(randomBytes(32)),
    maxBytes: DEFAULT_MAX_FILE_BYTES,
  };
}

const made = new WeakMap<object, HomeworkFileSettings>();

/** The settings of a subgraph instance: the deps' own, or defaults made once for these deps. */
export function fileSettingsOf(deps: FileDeps): HomeworkFileSettings {
  if (deps.files) return deps.files;
  let settings = made.get(deps);
  if (!settings) {
    settings = defaultFileSettings();
    made.set(deps, settings);
  }
  return settings;
}

/** The process's file settings from its env (STYLE.md, Config). */
export function readFilesEnv(source: NodeJS.ProcessEnv = process.env): HomeworkFileSettings {
  const env = parseEnv(
    {
      /** Signs the short-lived file URLs; the same value for every replica of learning. */
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
      'Invalid environment:\n  FILES_URL_SECRET: required in production (shared by every learning replica)',
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
