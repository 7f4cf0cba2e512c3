/** Builds the web client with Vite (used by the launcher and by the browser tests' global setup). */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Builds into `outDir` (default `clients/web/dist`) and returns that folder. */
export async function buildWebClient(outDir = `${WEB_ROOT}dist`): Promise<string> {
  // Vite builds React's development bundle when NODE_ENV says so (vitest sets `test`): the tests must run
  // the same production build that `npm start` serves.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: `${WEB_ROOT}vite.config.ts`,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}
