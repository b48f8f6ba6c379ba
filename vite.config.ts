import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cytoscapePatches } from './web/build/cytoscape-patches.js';

// The web app lives in web/ and is built into dist/web, which the server serves at /.
// In development (`npx vite`) the API is proxied to a server on port 4000 (API_URL overrides).
const api = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: 'web',
  plugins: [react(), cytoscapePatches()],
  // Served as it is in development, so cytoscapePatches patches it there too (esbuild's pre-bundling skips plugins).
  optimizeDeps: { exclude: ['cytoscape'] },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/graphql': api,
      '/export': api,
    },
  },
});
