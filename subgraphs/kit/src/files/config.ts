/**
 * Which store a subgraph's files go to (issue 15 §2, docs/deploy.md): `FILES_STORAGE=local` (a directory, the
 * default) or `s3` (an S3-compatible bucket). Learning and people read it the same way, each with its own
 * values; the zod-validated env is the only place server code reads configuration (STYLE.md, Config).
 */
import { z } from 'zod';
import { parseEnv } from '../env.ts';
import { s3FileStorage } from './s3.ts';
import { localFileStorage, type FileStorage } from './storage.ts';

export function readFileStorageEnv(source: NodeJS.ProcessEnv, defaultDir: string): FileStorage {
  const env = parseEnv(
    {
      FILES_STORAGE: z.enum(['local', 's3']).default('local'),
      FILES_DIR: z.string().min(1).default(defaultDir),
      FILES_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
      /** MinIO and Ceph take any region; Yandex Object Storage is `ru-central1`. */
      FILES_S3_REGION: z.string().min(1).default('us-east-1'),
      FILES_S3_BUCKET: z.string().min(3).max(63).optional(),
      FILES_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
      FILES_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    },
    source,
  );
  if (env.FILES_STORAGE === 'local') return localFileStorage(env.FILES_DIR);
  const { FILES_S3_ENDPOINT, FILES_S3_BUCKET, FILES_S3_ACCESS_KEY_ID, FILES_S3_SECRET_ACCESS_KEY } = env;
  if (!FILES_S3_ENDPOINT || !FILES_S3_BUCKET || !FILES_S3_ACCESS_KEY_ID || !FILES_S3_SECRET_ACCESS_KEY) {
    const missing = Object.entries({
      FILES_S3_ENDPOINT,
      FILES_S3_BUCKET,
      FILES_S3_ACCESS_KEY_ID,
      FILES_S3_SECRET_ACCESS_KEY,
    })
      .filter(([, value]) => !value)
      .map(([name]) => `  ${name}: required with FILES_STORAGE=s3`);
    throw new Error(`Invalid environment:\n${missing.join('\n')}`);
  }
  return s3FileStorage({
    endpoint: FILES_S3_ENDPOINT,
    region: env.FILES_S3_REGION,
    bucket: FILES_S3_BUCKET,
    accessKeyId: FILES_S3_ACCESS_KEY_ID,
    secretAccessKey: FILES_S3_SECRET_ACCESS_KEY,
  });
}
