import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/ and is built into dist/web, which the server serves at /.
// In development (`npx vite`) the API is proxied to a server on port 4000 (API_URL overrides).
const api = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: 'web',
  plugins: [react()],
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
