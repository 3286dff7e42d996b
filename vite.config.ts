import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY, metaContentSecurityPolicy } from './src/main/csp';

const page = (name: string) => fileURLToPath(new URL(`src/renderer/${name}`, import.meta.url));

// The renderer only. Main, preload, web host and CLI are bundled by
// scripts/build-main.mjs (esbuild) because they target Node, not a browser.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [
    react(),
    // Both hosts also send the policy as a header; the page carries it too, so a
    // page opened any other way (or a scanner reading the files) has the same rules.
    {
      name: 'adm-content-security-policy',
      apply: 'build',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy(CONTENT_SECURITY_POLICY) }, injectTo: 'head-prepend' }],
    },
  ],
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
