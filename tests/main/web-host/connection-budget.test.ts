/**
 * Any local process can open connections to the web host. Whatever it holds
 * or churns, the kiosk's own page (it carries the session cookie) must still
 * load and make WebSocket calls; what has not shown the cookie is capped and
 * short-lived on its own.
 */
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { DEFAULT_CONNECTION_LIMITS } from '../../../src/main/web-host/connection-budget';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../src/main/web-host/server';
import { useTempDirs } from '../../helpers/temp-dir';
import { exchangeLaunchToken } from '../../helpers/web-host-cookie';

const tempDir = useTempDirs();
const running: Array<{ host: WebHost; core: KioskCore }> = [];
const held: Socket[] = [];
afterEach(async () => {
  for (const socket of held.splice(0)) socket.destroy();
  for (const { host, core } of running.splice(0)) {
    await host.close();
    await core.close();
  }
});

async function start(limits?: WebHostOptions['limits']): Promise<WebHost> {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
  const core = createKioskCore({ dataDir: tempDir(), watchConfig: false });
  const host = await startWebHost({ core, port: 0, rendererDir, limits });
  running.push({ host, core });
  return host;
}

/** A page load on a new connection (no keep-alive agent: each probe must get in afresh). */
function load(host: WebHost, pathAndQuery: string, cookie?: string): Promise<{ status: number; setCookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathAndQuery,
        agent: false,
        headers: { Host: `127.0.0.1:${host.port}`, Connection: 'close', ...(cookie ? { Cookie: cookie } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie']?.[0] }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function sessionCookie(host: WebHost): Promise<string> {
  const res = await exchangeLaunchToken(host);
  expect(res.status).toBe(200);
  return res.cookie;
}

/** What the kiosk's page does: load, open its WebSocket, make a call. */
async function pageWorks(host: WebHost, cookie: string): Promise<void> {
  expect((await load(host, '/index.html', cookie)).status).toBe(200);
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}`, headers: { Cookie: cookie } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)));
    });
    const answer = new Promise<unknown>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('close', () => reject(new Error('WebSocket closed before the answer')));
    });
    ws.send(JSON.stringify({ id: 1, call: 'kiosk.getInfo', input: {} }));
    expect(await answer).toMatchObject({ kind: 'result', id: 1, result: { ok: true } });
  } finally {
    ws.terminate();
  }
}

/** A raw TCP connection that says nothing more than `opening` and waits. */
function stalled(host: WebHost, opening: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1', () => {
      if (opening) socket.write(opening);
      resolve(socket);
    });
    socket.on('error', () => undefined);
    held.push(socket);
  });
}

/** Resolves once `count` of these sockets have been closed by the host. */
function closedCount(sockets: Socket[], count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const one = () => {
      seen += 1;
      if (seen === count) resolve();
    };
    for (const socket of sockets) {
      if (socket.destroyed) one();
      else socket.once('close', one);
    }
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

const PROBES = 4;
const FLOOD = 400;

describe('web host connection budget', () => {
  it.each([
    ['raw TCP sockets that send nothing', ''],
    ['sockets that send half a request header and stall', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '],
  ])('serves the kiosk page while %s are held (400)', async (_kind, opening) => {
    const host = await start();
    const cookie = await sessionCookie(host);
    const flood = await Promise.all(Array.from({ length: FLOOD }, () => stalled(host, opening)));
    // The host keeps as many as its cap for connections without the cookie, and closed the rest.
    await closedCount(flood, FLOOD - DEFAULT_CONNECTION_LIMITS.maxUnprovenSockets);
    for (let probe = 0; probe < PROBES; probe++) await pageWorks(host, cookie);
  });

  it('serves the kiosk page while 400 sockets reconnect as fast as they are closed', async () => {
    const host = await start();
    const cookie = await sessionCookie(host);
    let churning = true;
    let reconnects = 0;
    const MAX_RECONNECTS = 50_000; // bounded, whatever happens
    let churnRunning: () => void = () => {};
    const running = new Promise<void>((resolve) => (churnRunning = resolve));
    const churn = (): void => {
      const socket = connect(host.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.once('close', () => {
        if (!churning || reconnects >= MAX_RECONNECTS) return;
        reconnects += 1;
        if (reconnects === 100) churnRunning();
        churn();
      });
      held.push(socket);
    };
    for (let i = 0; i < FLOOD; i++) churn();
    try {
      await running; // the host is closing sockets and they keep coming back
      for (let probe = 0; probe < PROBES; probe++) await pageWorks(host, cookie);
    } finally {
      churning = false;
    }
  });

  it('closes the oldest sockets that never showed the cookie once there are too many, and those that outstay their time', async () => {
    const host = await start({ maxUnprovenSockets: 4, unprovenLifeMs: 60_000 });
    const cookie = await sessionCookie(host);
    // One after the other, so that the host accepts them in this order.
    const first: Socket[] = [];
    for (let i = 0; i < 4; i++) first.push(await stalled(host, ''));
    const later: Socket[] = [];
    for (let i = 0; i < 3; i++) later.push(await stalled(host, ''));
    // The three oldest make room for the three newest.
    await Promise.all(first.slice(0, 3).map(closed));
    expect(first.slice(0, 3).every((socket) => socket.destroyed)).toBe(true);
    expect([first[3], ...later].some((socket) => socket!.destroyed)).toBe(false);
    await pageWorks(host, cookie);

    const shortLived = await start({ unprovenLifeMs: 200 });
    await closed(await stalled(shortLived, ''));
  });

  it('caps the connections that showed the cookie on their own, closing the oldest (a page reconnects)', async () => {
    const host = await start({ maxProvenSockets: 2, maxUnprovenSockets: 2 });
    const cookie = await sessionCookie(host);
    const open = async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}`, headers: { Cookie: cookie } });
      await new Promise((resolve) => ws.once('open', resolve));
      return ws;
    };
    const oldest = await open();
    const gone = new Promise((resolve) => oldest.once('close', resolve));
    const others = [await open(), await open()];
    await gone;
    // Connections without the cookie take no room from these: the unproven cap (2) makes its own room.
    const unproven: Socket[] = [];
    for (let i = 0; i < 3; i++) unproven.push(await stalled(host, ''));
    await closed(unproven[0]!);
    const answers = await Promise.all(
      others.map(
        (ws) =>
          new Promise((resolve) => {
            ws.once('message', (data) => resolve(JSON.parse(String(data))));
            ws.send(JSON.stringify({ id: 1, call: 'kiosk.getInfo', input: {} }));
          }),
      ),
    );
    expect(answers).toEqual([expect.objectContaining({ id: 1, result: expect.objectContaining({ ok: true }) }), expect.objectContaining({ id: 1 })]);
    for (const ws of others) ws.terminate();
  });
});
