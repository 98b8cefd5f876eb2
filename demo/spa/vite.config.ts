// Vite config of the SPA demo. Nothing Assent-specific: the wasm comes in through an `?url` import in
// src/consent.ts (Vite copies it into dist/assets/ under a content hash), the locale files through public/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022' },
});
