/** Builds the web client with Vite (used by the launcher and by the browser tests' global setup). */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Builds into `outDir` (default `clients/web/dist`) and returns that folder. */
export async function buildWebClient(outDir = `${WEB_ROOT}dist`): Promise<string> {
  await build({
    configFile: `${WEB_ROOT}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
