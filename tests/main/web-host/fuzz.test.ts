/**
 * The web host faces every local page and process: 10,000 random request
 * lines, header sets and WebSocket frames (from a seeded generator, printed
 * so a failure can be replayed), then the host must still answer a normal
 * request and a normal WebSocket call.
 */
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { startWebHost, type WebHost } from '../../../src/main/web-host/server';
import { useTempDirs } from '../../helpers/temp-dir';
import { exchangeLaunchToken } from '../../helpers/web-host-cookie';

const REQUEST_LINES = 5000;
const HEADER_SETS = 3000;
const WS_FRAMES = 2000;
const PARALLEL = 40;

const tempDir = useTempDirs();
let core: KioskCore;
let host: WebHost;
let cookie: string;
let upgrades = 0;

/** mulberry32: small, seeded, good enough to spread bytes. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const text = (n: number) => {
    const alphabet = ' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~\t%zz%E0%A4[]:/\u00ff\u0000\r\n';
    return Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  };
  return { int, pick, bytes, text };
}

const seed = Number(process.env.ADM_FUZZ_SEED ?? Date.now() % 2 ** 31);
const random = generator(seed);

function send(bytes: Buffer | string): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect(host.port, '127.0.0.1');
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', () => undefined);
    socket.setTimeout(300, done);
    socket.write(bytes, () => socket.end());
  });
}

function randomRequestLine(): string {
  const method = random.pick(['GET', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'G\u00e9T', '', random.text(6)]);
  const target = random.pick(['/', '//', '/ws', '/?token=', 'http://[', '//%zz', '*', '/assets/', '']) + random.text(random.int(40));
  const version = random.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/9.9', '', random.text(5)]);
  return `${method} ${target} ${version}\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`;
}

function randomHeaders(): string {
  const names = ['Host', 'Origin', 'Cookie', 'Content-Length', 'Transfer-Encoding', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', random.text(8)];
  const lines = Array.from({ length: 1 + random.int(8) }, () => `${random.pick(names)}: ${random.text(random.int(60))}`);
  return `GET ${random.pick(['/', '/ws', '/index.html'])} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${random.text(random.int(30))}`;
}

/** A real, authorised WebSocket handshake, then random bytes as frames. */
function randomFrames(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let upgraded = false;
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(500, done);
    socket.on('data', (chunk) => {
      if (upgraded) return;
      upgraded = String(chunk).startsWith('HTTP/1.1 101');
      if (!upgraded) return done();
      upgrades += 1;
      const frame = random.int(4) === 0 ? random.bytes(1 + random.int(40)) : maskedFrame();
      socket.write(frame, () => socket.end());
    });
    socket.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

/** A frame with a random first byte (opcode, reserved bits) and a random masked payload. */
function maskedFrame(): Buffer {
  const payload = random.int(3) === 0 ? Buffer.from(random.text(random.int(80))) : random.bytes(random.int(80));
  const mask = random.bytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([random.int(256), 0x80 | payload.length]), mask, masked]);
}

async function inBatches(count: number, run: () => Promise<void>): Promise<void> {
  for (let done = 0; done < count; done += PARALLEL) {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, count - done) }, run));
  }
}

function status(pathAndQuery: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
  core = createKioskCore({ dataDir: tempDir() });
  host = await startWebHost({ core, port: 0, rendererDir });
  cookie = (await exchangeLaunchToken(host)).cookie;
});
afterAll(async () => {
  await host.close();
  await core.close();
});

describe('web host fuzz', () => {
  it(`survives ${REQUEST_LINES + HEADER_SETS + WS_FRAMES} random requests and frames`, { timeout: 300_000 }, async () => {
    console.log(`web host fuzz seed ${seed} (replay with ADM_FUZZ_SEED=${seed})`);
    await inBatches(REQUEST_LINES, () => send(randomRequestLine()));
    await inBatches(HEADER_SETS, () => send(randomHeaders()));
    await inBatches(WS_FRAMES, randomFrames);
    expect(upgrades).toBe(WS_FRAMES); // every frame really reached an open WebSocket

    expect(await status('/index.html', { Cookie: cookie })).toBe(200);
    expect(await status('/')).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}`, headers: { Cookie: cookie } });
    const answer = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, call: 'kiosk.getInfo', input: {} })));
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('error', reject);
    });
    expect(answer).toMatchObject({ kind: 'result', id: 1, result: { ok: true } });
    ws.close();
  });
});
