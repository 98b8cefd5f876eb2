// Vite config of the SPA demo. Nothing Assent-specific: the package's wasm and locale files are referenced with
// `new URL(…, import.meta.url)`, which Vite follows and emits into dist/assets/ under content hashes.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022' },
});
