import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run web:build` builds into web/dist, which the API server serves at `/` (src/web/console.ts).
// `npm run web:dev` serves the console with hot reload and sends /graphql to `npm start` on :4000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
});
