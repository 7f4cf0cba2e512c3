import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev -w @region/web`: the client with hot reload, talking to the gateway that `npm start` runs. */
const gateway = process.env['GATEWAY_ORIGIN'] ?? 'http://localhost:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // recharts resolves its peer `react-is` from the root, where another package's react-is 18 sits; React 19's
  // elements need react-is 19 (the web client's own), or recharts misreads fragments among a chart's children.
  resolve: { dedupe: ['react', 'react-dom', 'react-is'] },
  // React, Apollo Client and graphql-js make a ~480 kB shell (150 kB gzipped); each cabinet is its own chunk.
  // GraphiQL's editor (monaco, ~2.8 MB) is its own chunk, loaded only by «Запросы GraphQL».
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // GraphiQL ships React Compiler's "use no memo" directives; dropping them in a bundle changes nothing.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': gateway, '/config.json': gateway, '/files': gateway, '/exports': gateway },
  },
});
