import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, metaContentSecurityPolicy } from '../../src/main/csp';
import { expect, test, type KioskHost } from './fixtures';

/** Opens the kiosk's WebSocket from whatever page is loaded: 'open' or 'refused'. */
function openWebSocketFrom(page: Page, kiosk: KioskHost): Promise<string> {
  return page.evaluate(
    ({ port, token }) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    { port: kiosk.port, token: kiosk.token },
  );
}

test('a page without the token is refused', async ({ page, kiosk }) => {
  const response = await page.goto(`${kiosk.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Akses ditolak' })).toBeVisible();
  await expect(page.getByRole('listitem')).toHaveText(['Gunakan jendela kios yang sudah terbuka.', 'Atau jalankan ulang kios, lalu buka alamat baru yang ditulisnya.']);
  const wrong = await page.goto(`${kiosk.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(403);
});

test('a foreign Host header (DNS rebinding) is refused even with the token', async ({ page, kiosk }) => {
  const response = await page.goto(`http://rebind.test:${kiosk.port}/?token=${kiosk.token}`);
  expect(response?.status()).toBe(403);
  // the same kiosk on its own name works
  const own = await page.goto(`http://localhost:${kiosk.port}/?token=${kiosk.token}`);
  expect(own?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Desa Sukamaju' })).toBeVisible();
});

test('another origin cannot open the WebSocket or call the HTTP host, even knowing the token', async ({ page, kiosk }) => {
  // A page on another local origin, as a malicious site would be.
  const foreign: Server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  try {
    const foreignPort = (foreign.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${foreignPort}/`);
    const socket = await openWebSocketFrom(page, kiosk);
    expect(socket).toBe('refused');

    const status = await page.request.get(`${kiosk.origin}/?token=${kiosk.token}`, {
      headers: { Origin: `http://127.0.0.1:${foreignPort}` },
    });
    expect(status.status()).toBe(403);
  } finally {
    await new Promise((resolve) => foreign.close(resolve));
  }

  // Control: from the kiosk's own page the same WebSocket opens.
  await page.goto(kiosk.url);
  const own = await openWebSocketFrom(page, kiosk);
  expect(own).toBe('open');
});

test('the pages carry the kiosk policy in a meta as well as the header, and a long press opens no context menu', async ({ page, kiosk }) => {
  const response = await page.goto(`${kiosk.origin}/?token=${kiosk.token}`);
  await expect(page.getByRole('heading', { name: 'Desa Sukamaju' })).toBeVisible();
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toBe(CONTENT_SECURITY_POLICY);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(metaContentSecurityPolicy(CONTENT_SECURITY_POLICY));
  // (A string: the e2e tests compile without the DOM library.)
  const prevented = await page.evaluate(`(() => {
    const press = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(press);
    return press.defaultPrevented;
  })()`);
  expect(prevented).toBe(true);
});
