import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in src/web and is served by the API server from dist/web.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
