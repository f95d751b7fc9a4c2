import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // No source maps in the build: the server would hand the whole source to anyone who asks.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // `npx vite web` during development: the API comes from a running Vigil.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
