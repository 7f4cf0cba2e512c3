import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev -w @region/web`: the client with hot reload, talking to the gateway that `npm start` runs. */
const gateway = process.env['GATEWAY_ORIGIN'] ?? 'http://localhost:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // React, Apollo Client and graphql-js make a ~480 kB shell (150 kB gzipped); each cabinet is its own chunk.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { port: 5173, proxy: { '/graphql': gateway, '/config.json': gateway } },
});
