import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(`src/renderer/${name}`, import.meta.url));

// The renderer only. Main, preload, web host and CLI are bundled by
// scripts/build-main.mjs (esbuild) because they target Node, not a browser.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // No inline scripts or data: modules: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The kiosk's screens and the technician's admin screens (its own page, its own window in Electron).
    rollupOptions: { input: { index: page('index.html'), admin: page('admin.html') } },
  },
});
