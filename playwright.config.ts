import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real UI in Debian's Chromium against the web
// host (tests/e2e/fixtures.ts starts one per test, with a fresh data
// directory). Playwright never downloads a browser here.
export const CHROMIUM_PATH = process.env.ADM_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1920, height: 1080 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
        // A name that resolves to 127.0.0.1, to play a DNS-rebinding page.
        '--host-resolver-rules=MAP rebind.test 127.0.0.1',
      ],
    },
  },
});
