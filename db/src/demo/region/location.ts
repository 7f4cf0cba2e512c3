/**
 * Where `npm run demo:region` writes by default: where `npm start` reads (tools/launcher/src/index.ts) — the
 * embedded PostgreSQL in `.data/pg` on port PG_PORT (54329), database `region`, the subgraph roles' password
 * DB_ROLE_PASSWORD (`region-dev`). So the platform, and `npm run bench`, serve a generated region without
 * being told anything. A benchmark that wants the region elsewhere passes the same `--data-dir`/`--port`
 * (or `--database-url`) to both.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const REGION_DEFAULTS = {
  dataDir: resolve(ROOT, '.data/pg'),
  port: 54329,
  database: 'region',
  rolePassword: 'region-dev',
} as const;
