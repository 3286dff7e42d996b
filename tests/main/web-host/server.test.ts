import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { startWebHost, type WebHost } from '../../../src/main/web-host/server';
import { REFUSED_PAGE } from '../../../src/main/web-host/request-guard';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import { useTempDirs } from '../../helpers/temp-dir';
import { exchangeLaunchToken } from '../../helpers/web-host-cookie';

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

/** The first page load exchanges the launch token for the session cookie; returns the Cookie header to send. */
async function sessionCookie(host: WebHost): Promise<string> {
  const res = await exchangeLaunchToken(host);
  expect(res.status).toBe(200);
  return res.cookie;
}

function openSocket(host: WebHost, options: { cookie?: string; token?: string; origin?: string; hostHeader?: string }) {
  const query = options.token === undefined ? '' : `?token=${options.token}`;
  const headers: Record<string, string> = {};
  if (options.hostHeader) headers.Host = options.hostHeader;
  if (options.cookie) headers.Cookie = options.cookie;
  return new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { origin: options.origin, headers });
}

function outcome(ws: WebSocket): Promise<'open' | number> {
  return new Promise((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

/** Raw bytes to the host over TCP, as any local process or page can send them; resolves with the answer's status line. */
function raw(host: WebHost, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('error', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(bytes);
    socket.setTimeout(2000, () => socket.destroy());
  });
}

async function stillAnswers(host: WebHost): Promise<void> {
  expect((await get(host, '/')).status).toBe(403);
}

describe('web host', () => {
  it('binds 127.0.0.1 and prints a URL carrying a random token', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('serves the page once for the launch token, exchanging it for a session cookie, with a CSP', async () => {
    const host = await start();
    const res = await get(host, `/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>ADM</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^adm_session_${host.port}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain(host.token); // the cookie is a secret that was never printed
    const session = cookie.split(';')[0]!;
    expect((await get(host, '/index.html', { Cookie: session })).status).toBe(200);
    // The launch token is spent: read from a command line later, it opens nothing.
    expect((await get(host, `/?token=${host.token}`)).status).toBe(403);
    expect((await get(host, '/index.html', { Cookie: `adm_session_${host.port}=${host.token}` })).status).toBe(403);
    // A reload of the page (spent token, valid cookie) still works.
    expect((await get(host, `/?token=${host.token}`, { Cookie: session })).status).toBe(200);
  });

  it('refuses HTTP without the token, with a wrong token, a foreign Host or a foreign Origin', async () => {
    const host = await start();
    expect((await get(host, '/')).status).toBe(403);
    expect((await get(host, '/?token=wrong')).status).toBe(403);
    expect((await get(host, '/index.html', { Cookie: `adm_session_${host.port}=nope` })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(host, `/?token=${host.token}`, { Origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('answers every refused page load with the same small page saying what to do, and nothing about why', async () => {
    const host = await start();
    const cookie = await sessionCookie(host);
    const refusals = [
      await get(host, '/'),
      await get(host, `/?token=${host.token}`), // the printed address opened a second time
      await get(host, '/?token=wrong'),
      await get(host, '/index.html', { Cookie: `adm_session_${host.port}=nope` }),
      await get(host, '/', { Cookie: cookie, Host: `evil.example:${host.port}` }),
      await get(host, '/', { Cookie: cookie, Origin: 'http://evil.example' }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.body).toBe(REFUSED_PAGE);
    }
    const text = REFUSED_PAGE.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Akses ditolak');
    expect(text).toContain('Alamat itu tidak dapat dibuka untuk kedua kalinya.');
    expect(text).toContain('Gunakan jendela kios yang sudah terbuka.');
    expect(text).toContain('Atau jalankan ulang kios, lalu buka alamat baru yang ditulisnya.');
    expect(REFUSED_PAGE).not.toMatch(/token|cookie|origin|host|<script/i);
  });

  it('refuses WebSocket upgrades without the cookie, with the launch token, from another Origin, without an Origin or with a foreign Host', async () => {
    const host = await start();
    const own = `http://127.0.0.1:${host.port}`;
    expect(await outcome(openSocket(host, { origin: own, token: host.token }))).toBe(403);
    const cookie = await sessionCookie(host);
    expect(await outcome(openSocket(host, { origin: own }))).toBe(403);
    expect(await outcome(openSocket(host, { origin: own, cookie: `adm_session_${host.port}=wrong` }))).toBe(403);
    expect(await outcome(openSocket(host, { origin: 'http://evil.example', cookie }))).toBe(403);
    expect(await outcome(openSocket(host, { cookie }))).toBe(403);
    expect(await outcome(openSocket(host, { origin: own, cookie, hostHeader: `rebind.example:${host.port}` }))).toBe(403);
    expect(await outcome(openSocket(host, { origin: own, cookie }))).toBe('open');
  });

  it('carries contract calls and events over the WebSocket', async () => {
    const host = await start();
    const ws = openSocket(host, { origin: `http://127.0.0.1:${host.port}`, cookie: await sessionCookie(host) });
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
      result: { ok: false, error: { code: 'server-not-configured' } },
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

  it('serves another core on the same port and cookie: open sockets close, the page reconnects to it and gets its events', async () => {
    const namedCore = async (name: string): Promise<KioskCore> => {
      const dataDir = tempDir();
      const config = defaultConfig();
      config.kiosk.name = name;
      await saveConfig(dataDir, config);
      return createKioskCore({ dataDir });
    };
    const previous = await namedCore('ADM-LAMA');
    const next = await namedCore('ADM-BARU');
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
    const host = await startWebHost({ core: previous, port: 0, rendererDir });
    running.push({ host, core: next });
    const own = `http://127.0.0.1:${host.port}`;
    const cookie = await sessionCookie(host);
    const before = openSocket(host, { origin: own, cookie });
    expect(await outcome(before)).toBe('open');
    const beforeClosed = new Promise<void>((resolve) => before.once('close', () => resolve()));

    host.replaceCore(next);
    await beforeClosed;
    await previous.close(); // as the restart does: the old core goes once the host serves the next one

    const page = openSocket(host, { origin: own, cookie });
    expect(await outcome(page)).toBe('open');
    const messages: Array<{ kind: string; id?: number; name?: string; result?: { value?: { kioskName?: string } }; payload?: { kioskName?: string } }> = [];
    page.on('message', (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[number]));
    page.send(JSON.stringify({ id: 1, call: 'kiosk.getInfo', input: {} }));
    await expect.poll(() => messages.find((m) => m.id === 1)?.result?.value?.kioskName).toBe('ADM-BARU');

    const config = defaultConfig();
    config.kiosk.name = 'ADM-BARU-2';
    await saveConfig(next.dataDir, config);
    await expect.poll(() => messages.find((m) => m.kind === 'event' && m.name === 'kiosk.infoChanged')?.payload?.kioskName, { timeout: 3000 }).toBe('ADM-BARU-2');
    expect((await get(host, `/?token=${host.token}`)).status).toBe(403); // the launch token stays spent
  });

  it('after replaceCore, the previous core\'s events no longer reach the page', async () => {
    const previous = createKioskCore({ dataDir: tempDir() });
    const next = createKioskCore({ dataDir: tempDir() });
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
    const host = await startWebHost({ core: previous, port: 0, rendererDir });
    running.push({ host, core: next });
    host.replaceCore(next);
    const page = openSocket(host, { origin: `http://127.0.0.1:${host.port}`, cookie: await sessionCookie(host) });
    expect(await outcome(page)).toBe('open');
    const infoChanges: string[] = [];
    page.on('message', (data) => {
      const message = JSON.parse(String(data)) as { name?: string; payload?: { kioskName: string } };
      if (message.name === 'kiosk.infoChanged') infoChanges.push(message.payload!.kioskName);
    });

    // Each core pushes kiosk.infoChanged when its configuration changes: first the previous one's, then the next one's.
    const previousChanged = new Promise<void>((resolve) => previous.onEvent((name) => name === 'kiosk.infoChanged' && resolve()));
    const config = defaultConfig();
    config.kiosk.name = 'ADM-LAMA';
    await saveConfig(previous.dataDir, config);
    await previousChanged;
    config.kiosk.name = 'ADM-BARU';
    await saveConfig(next.dataDir, config);
    // Had the previous core's event been forwarded, it would have come first on the same socket.
    await expect.poll(() => infoChanges[0], { timeout: 3000 }).toBe('ADM-BARU');
    await previous.close();
  });

  it('answers admin calls only with the admin session the admin PIN gave; the session never opens resident calls to more', async () => {
    const host = await start();
    const ws = openSocket(host, { origin: `http://127.0.0.1:${host.port}`, cookie: await sessionCookie(host) });
    expect(await outcome(ws)).toBe('open');
    const answers = new Map<number, unknown>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { kind: string; id: number; result: unknown };
      if (message.kind === 'result') answers.set(message.id, message.result);
    });
    const ask = async (id: number, call: string, input: unknown, session?: string) => {
      ws.send(JSON.stringify({ id, call, input, ...(session === undefined ? {} : { session }) }));
      await expect.poll(() => answers.has(id)).toBe(true);
      return answers.get(id) as { ok: boolean; value?: { session: string }; error?: { code: string } };
    };

    expect(await ask(1, 'admin.status', {})).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await ask(2, 'admin.status', {}, 'a-guessed-token')).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    const opened = await ask(3, 'admin.setFirstPin', { pin: '482916' });
    expect(opened.ok).toBe(true);
    expect(await ask(4, 'admin.status', {}, opened.value!.session)).toMatchObject({ ok: true });
    // A session field on a resident call changes nothing, and a message with unknown fields is dropped.
    expect(await ask(5, 'kiosk.getInfo', {}, opened.value!.session)).toMatchObject({ ok: true, value: { adminOpen: true } });
    ws.send(JSON.stringify({ id: 6, call: 'admin.status', input: {}, session: opened.value!.session, admin: true }));
    expect(await ask(7, 'admin.lock', {}, opened.value!.session)).toEqual({ ok: true, value: null });
    expect(answers.has(6)).toBe(false);
    expect(await ask(8, 'admin.status', {}, opened.value!.session)).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    ws.close();
  });

  // Each of these killed the host with one pre-auth request (also sent by an <img> on any local page).
  it.each([
    ['GET //%zz HTTP/1.1'],
    ['GET //[ HTTP/1.1'],
    ['GET //:99999/ HTTP/1.1'],
    ['GET http://[ HTTP/1.1'],
    ['GET %zz HTTP/1.1'],
    ['GET /%E0%A4%A HTTP/1.1'],
    ['GET /?token=%zz HTTP/1.1'],
  ])('answers a request target that cannot be parsed with 400 and keeps running: %s', async (line) => {
    const host = await start();
    expect(await raw(host, `${line}\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 (400|403|404)/);
    await stillAnswers(host);
  });

  it('survives a malformed session cookie', async () => {
    const host = await start();
    const status = await raw(host, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: adm_session_${host.port}=%E0%A4%A\r\nConnection: close\r\n\r\n`);
    expect(status).toBe('HTTP/1.1 403 Forbidden');
    await stillAnswers(host);
  });

  it('closes only the socket that sends a malformed WebSocket frame', async () => {
    const host = await start();
    const cookie = await sessionCookie(host);
    const own = `http://127.0.0.1:${host.port}`;
    const good = openSocket(host, { origin: own, cookie });
    expect(await outcome(good)).toBe('open');
    const bad = openSocket(host, { origin: own, cookie });
    expect(await outcome(bad)).toBe('open');
    const closed = new Promise((resolve) => bad.once('close', resolve));
    // An unmasked frame with a reserved opcode: a protocol error on the server side.
    (bad as unknown as { _socket: Socket })._socket.write(Buffer.from([0x83, 0x02, 0x7b, 0x7d]));
    await closed;
    const answered = new Promise((resolve) => good.once('message', (data) => resolve(JSON.parse(String(data)))));
    good.send(JSON.stringify({ id: 1, call: 'kiosk.getInfo', input: {} }));
    expect(await answered).toMatchObject({ kind: 'result', id: 1, result: { ok: true } });
    good.close();
  });

  it('never serves a file through a symlink that leads out of the renderer folder', async () => {
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.txt'), 'not for the kiosk page');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(rendererDir, 'leak.txt'));
    mkdirSync(path.join(rendererDir, 'assets'));
    symlinkSync(outside, path.join(rendererDir, 'assets', 'out'));
    const core = createKioskCore({ dataDir: tempDir() });
    const host = await startWebHost({ core, port: 0, rendererDir });
    running.push({ host, core });
    const cookie = await sessionCookie(host);
    for (const target of ['/leak.txt', '/assets/out/secret.txt']) {
      const res = await get(host, target, { Cookie: cookie });
      expect(res.status, target).toBe(404);
      expect(res.body).not.toContain('not for the kiosk page');
    }
    expect((await get(host, '/index.html', { Cookie: cookie })).status).toBe(200);
  });

  it('closes a connection whose headers never finish', async () => {
    const core = createKioskCore({ dataDir: tempDir() });
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const host = await startWebHost({ core, port: 0, rendererDir, limits: { headersTimeoutMs: 300, requestTimeoutMs: 300 } });
    running.push({ host, core });
    const slow = connect(host.port, '127.0.0.1');
    slow.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`); // never finishes its headers
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      slow.on('data', (chunk) => (text += String(chunk)));
      slow.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    await stillAnswers(host);
  });
});
