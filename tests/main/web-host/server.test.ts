import { writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { startWebHost, type WebHost } from '../../../src/main/web-host/server';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const running: Array<{ host: WebHost; core: KioskCore }> = [];
afterEach(async () => {
  for (const { host, core } of running.splice(0)) {
    await host.close();
    await core.close();
  }
});

async function start(): Promise<WebHost> {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
  const core = createKioskCore({ dataDir: tempDir() });
  const host = await startWebHost({ core, port: 0, rendererDir });
  running.push({ host, core });
  return host;
}

function get(
  host: WebHost,
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: pathAndQuery, headers: { Host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function openSocket(host: WebHost, options: { token?: string; origin?: string; hostHeader?: string }) {
  const query = options.token === undefined ? '' : `?token=${options.token}`;
  const headers: Record<string, string> = {};
  if (options.hostHeader) headers.Host = options.hostHeader;
  return new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { origin: options.origin, headers });
}

function outcome(ws: WebSocket): Promise<'open' | number> {
  return new Promise((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

describe('web host', () => {
  it('binds 127.0.0.1 and prints a URL carrying a random token', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('serves the page with the token, sets a token cookie and a CSP', async () => {
    const host = await start();
    const res = await get(host, `/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>ADM</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(String(res.headers['set-cookie'])).toContain(`adm_token_${host.port}=${host.token}`);
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly');
    const again = await get(host, '/index.html', { Cookie: `adm_token_${host.port}=${host.token}` });
    expect(again.status).toBe(200);
  });

  it('refuses HTTP without the token, with a wrong token, a foreign Host or a foreign Origin', async () => {
    const host = await start();
    expect((await get(host, '/')).status).toBe(403);
    expect((await get(host, '/?token=wrong')).status).toBe(403);
    expect((await get(host, '/index.html', { Cookie: `adm_token_${host.port}=nope` })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses WebSocket upgrades without the token, from another Origin, without an Origin or with a foreign Host', async () => {
    const host = await start();
    const own = `http://127.0.0.1:${host.port}`;
    expect(await outcome(openSocket(host, { origin: own }))).toBe(403);
    expect(await outcome(openSocket(host, { origin: own, token: 'wrong' }))).toBe(403);
    expect(await outcome(openSocket(host, { origin: 'http://evil.example', token: host.token }))).toBe(403);
    expect(await outcome(openSocket(host, { token: host.token }))).toBe(403);
    expect(
      await outcome(openSocket(host, { origin: own, token: host.token, hostHeader: `rebind.example:${host.port}` })),
    ).toBe(403);
  });

  it('carries contract calls and events over the WebSocket', async () => {
    const host = await start();
    const ws = openSocket(host, { origin: `http://127.0.0.1:${host.port}`, token: host.token });
    expect(await outcome(ws)).toBe('open');
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));

    ws.send(JSON.stringify({ id: 7, call: 'kiosk.getInfo', input: {} }));
    ws.send(JSON.stringify({ id: 8, call: 'session.identify', input: { nik: '3201011501900001', pin: '123456' } }));
    ws.send(JSON.stringify({ id: 9, call: 'no.such', input: {} }));
    ws.send('not json at all');
    await expect.poll(() => messages.length).toBe(3);
    expect(messages).toContainEqual(
      expect.objectContaining({ kind: 'result', id: 7, result: expect.objectContaining({ ok: true }) }),
    );
    expect(messages).toContainEqual({
      kind: 'result',
      id: 8,
      result: { ok: false, error: { code: 'server-not-configured', message: 'Server desa belum diatur, hubungi petugas.' } },
    });
    expect(messages).toContainEqual(
      expect.objectContaining({ id: 9, result: expect.objectContaining({ error: expect.objectContaining({ code: 'unknown-call' }) }) }),
    );

    const core = running.find((r) => r.host === host)!.core;
    const config = defaultConfig();
    config.village.name = 'Desa Sukamaju';
    await saveConfig(core.dataDir, config);
    await expect
      .poll(() => messages.find((m) => (m as { kind: string }).kind === 'event'), { timeout: 3000 })
      .toMatchObject({ kind: 'event', name: 'kiosk.infoChanged', payload: { village: { name: 'Desa Sukamaju' } } });
    ws.close();
  });
});
