/**
 * "Mulai ulang" in the web host (admin's restart and the daily restart go
 * through the same `ShellControl.restart`): real cores on a real data
 * directory, real web hosts on a real port, and a page's WebSocket.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { saveConfig } from '../../../src/main/config/store';
import { defaultConfig } from '../../../src/main/config/schema';
import type { ShellControl } from '../../../src/main/feature';
import { startHostCore, type HostCore } from '../../../src/main/host-core';
import { startWebHostRunner, type WebHostRunner } from '../../../src/main/web-host/host-runner';
import { RESTART_FAILED_LINE, RESTARTED_LINE } from '../../../src/main/web-host/ready-line';
import { startWebHost, type WebHost } from '../../../src/main/web-host/server';
import { openFilesUnder } from '../../helpers/open-files';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const runners: WebHostRunner[] = [];
const stopAfterwards: Array<() => void> = [];
afterEach(async () => {
  for (const stop of stopAfterwards.splice(0)) stop();
  for (const runner of runners.splice(0)) await runner.close();
});

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, open adm.sqlite-wal'), { code: 'ENOSPC' });

/**
 * A web host runner on a fresh data directory. `failStart(n)` makes the n-th
 * start (1 is the first) throw as a full disk does.
 */
async function rig(options: { failStart?: (n: number) => boolean; port?: number } = {}) {
  const dataDir = tempDir();
  await saveConfig(dataDir, defaultConfig());
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
  const printed: string[] = [];
  const starts: HostCore[] = [];
  let shell: ShellControl | null = null;
  const runner = await startWebHostRunner({
    async startCore(given) {
      shell = given;
      if (options.failStart?.(starts.length + 1)) {
        starts.push(null as unknown as HostCore);
        throw diskFull();
      }
      const started = await startHostCore({ demo: false, shell: given, env: { ADM_DATA_DIR: dataDir }, startBackground: false });
      starts.push(started);
      return started;
    },
    serve: (core, port) => startWebHost({ core, port, rendererDir, token: 'launch-token', sessionSecret: 'a-session-secret-of-the-page' }),
    port: options.port ?? 0,
    print: (line) => printed.push(line),
  });
  runners.push(runner);
  const restart = async (): Promise<void> => {
    shell!.restart();
    await runner.restarting();
  };
  return { dataDir, runner, printed, starts, restart, quit: () => shell!.exit() };
}

/** A page load of `/?token=...`: its status, and the session cookie it set (if any). */
function loadPage(host: WebHost): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']).split(';')[0]! });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The page's session cookie, as the first page load gets it. */
const pageCookie = async (host: WebHost): Promise<string> => (await loadPage(host)).cookie;

/** The kiosk page's WebSocket, held open. */
async function openPage(port: number, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: `http://127.0.0.1:${port}`, headers: { Cookie: cookie } });
  stopAfterwards.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/**
 * Another local process, unprivileged, that loops on listen() for the kiosk's
 * port as fast as it can: had the port been free for a moment, it would have
 * bound it (and got the page's next load, with its cookie). Asked, it says
 * whether it ever bound and how often it was refused.
 */
async function startSquatter(port: number): Promise<{ report(): Promise<{ bound: boolean; refused: number }> }> {
  const script = `
    const net = require('node:net');
    let bound = false, refused = 0;
    (function attempt() {
      const server = net.createServer((socket) => socket.destroy());
      server.once('error', () => { refused += 1; if (refused === 1) process.stdout.write('refused\\n'); setImmediate(attempt); });
      server.listen(Number(process.argv[1]), '127.0.0.1', () => { bound = true; });
    })();
    process.stdin.on('data', () => process.stdout.write(JSON.stringify({ bound, refused }) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', script, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  stopAfterwards.push(() => child.kill());
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += String(chunk);
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (waiting) waiting(line);
      else lines.push(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : (waiting = (line) => ((waiting = null), resolve(line)))));
  expect(await nextLine()).toBe('refused'); // it is trying
  return {
    async report() {
      child.stdin.write('?\n');
      return JSON.parse(await nextLine()) as { bound: boolean; refused: number };
    },
  };
}

/** One contract call over a new WebSocket on the port, as the kiosk page makes it after reconnecting. */
async function callOverSocket(port: number, cookie: string, call: string): Promise<{ ok: boolean; value?: unknown }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: `http://127.0.0.1:${port}`, headers: { Cookie: cookie } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)));
    });
    const answer = new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: { ok: boolean; value?: unknown } };
        if (message.kind === 'result' && message.id === 1) resolve(message.result!);
      });
    });
    ws.send(JSON.stringify({ id: 1, call, input: {} }));
    return await answer;
  } finally {
    ws.terminate();
  }
}

function logRecords(dataDir: string): Array<{ msg: string; err?: { message: string } }> {
  return readFileSync(path.join(dataDir, 'logs', 'adm.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
}

describe('the web host restart', () => {
  it('starts anew on the same port: the page reconnects with its cookie to the new start, the previous one is closed', async () => {
    const { runner, printed, starts, restart } = await rig();
    const first = runner.current();
    const cookie = await pageCookie(first.host);
    expect(await callOverSocket(first.host.port, cookie, 'kiosk.getInfo')).toMatchObject({ ok: true });

    await restart();
    const second = runner.current();
    expect(second.hostCore).toBe(starts[1]);
    expect(second.host.port).toBe(first.host.port);
    expect(first.hostCore.core.db.open).toBe(false);
    expect(await callOverSocket(second.host.port, cookie, 'kiosk.getInfo')).toMatchObject({ ok: true });
    expect(printed).toContain(`${RESTARTED_LINE} ${second.host.url}`);
  });

  it('a restart whose new start throws (a full disk) keeps the previous start answering on its socket, and says why in the log, the audit and the output', async () => {
    const { dataDir, runner, printed, restart } = await rig({ failStart: (n) => n === 2 });
    const first = runner.current();
    const cookie = await pageCookie(first.host);

    await restart();
    expect(runner.current()).toBe(first);
    expect(first.hostCore.core.db.open).toBe(true);
    expect(await callOverSocket(first.host.port, cookie, 'kiosk.getInfo')).toMatchObject({ ok: true });
    expect(printed).toContain(`${RESTART_FAILED_LINE} ENOSPC: no space left on device, open adm.sqlite-wal`);
    expect(first.hostCore.core.db.prepare("SELECT detail FROM audit_log WHERE action = 'app.restartFailed'").pluck().all()).toEqual([
      JSON.stringify({ reason: 'ENOSPC: no space left on device, open adm.sqlite-wal' }),
    ]);

    // Space came back: the next restart (the next day's, or a technician's) goes through.
    await restart();
    expect(runner.current()).not.toBe(first);
    expect(await callOverSocket(runner.current().host.port, cookie, 'kiosk.getInfo')).toMatchObject({ ok: true });
    await runner.close();
    expect(logRecords(dataDir)).toContainEqual(
      expect.objectContaining({ msg: 'restart failed, still running the previous start', err: expect.objectContaining({ message: 'ENOSPC: no space left on device, open adm.sqlite-wal' }) }),
    );
  });

  it('never lets the port go: a local process looping on listen() through several restarts never binds it; the page reconnects to each new start', async () => {
    const { runner, starts, restart } = await rig();
    const { host } = runner.current();
    const cookie = await pageCookie(host);
    const squatter = await startSquatter(host.port);
    const refusedBefore = (await squatter.report()).refused;

    for (let n = 1; n <= 3; n += 1) {
      const previous = runner.current().hostCore;
      const page = await openPage(host.port, cookie);
      const pageClosed = new Promise<void>((resolve) => page.once('close', () => resolve()));
      await restart();
      expect(runner.current().hostCore).toBe(starts[n]);
      expect(runner.current().host).toBe(host);
      expect(previous.core.db.open).toBe(false);
      // The socket of the previous start is closed; the page reconnects with its cookie, to the new start.
      await pageClosed;
      expect(await callOverSocket(host.port, cookie, 'kiosk.getInfo')).toMatchObject({ ok: true });
    }

    const squatterSays = await squatter.report();
    expect(squatterSays.bound).toBe(false);
    expect(squatterSays.refused).toBeGreaterThan(refusedBefore); // it kept trying all through the restarts
    // The launch token, exchanged before the restarts, opens nothing after them.
    expect((await loadPage(host)).status).toBe(403);
  });

  it('events reach the page from the start that serves now', async () => {
    const { dataDir, runner, restart } = await rig();
    const cookie = await pageCookie(runner.current().host);
    await restart();
    const page = await openPage(runner.current().host.port, cookie);
    const infoChanged = new Promise<{ kioskName: string }>((resolve) =>
      page.on('message', (data) => {
        const message = JSON.parse(String(data)) as { kind: string; name?: string; payload?: { kioskName: string } };
        if (message.kind === 'event' && message.name === 'kiosk.infoChanged') resolve(message.payload!);
      }),
    );
    const config = defaultConfig();
    config.kiosk.name = 'ADM-02';
    await saveConfig(dataDir, config);
    expect(await infoChanged).toMatchObject({ kioskName: 'ADM-02' });
  });

  it('a first start whose port is taken closes its core and fails', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    stopAfterwards.push(() => taken.close());
    const port = (taken.address() as { port: number }).port;
    const dataDir = tempDir();
    let started: HostCore | null = null;
    await expect(
      startWebHostRunner({
        startCore: async (shell) => (started = await startHostCore({ demo: false, shell, env: { ADM_DATA_DIR: dataDir }, startBackground: false })),
        serve: (core, listenOn) => startWebHost({ core, port: listenOn, rendererDir: tempDir() }),
        port,
        print: () => {},
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(started!.core.db.open).toBe(false);
  });

  it('restarts that fail after the new database is open (media/ a plain file) leave nothing of their start open: one connection, one log stream, one watcher', async () => {
    const { dataDir, runner, printed, restart } = await rig();
    const first = runner.current();
    rmSync(path.join(dataDir, 'media'), { recursive: true, force: true });
    writeFileSync(path.join(dataDir, 'media'), 'not a folder');

    for (let attempt = 1; attempt <= 3; attempt += 1) await restart();
    expect(runner.current()).toBe(first);
    expect(printed.filter((line) => line.startsWith(RESTART_FAILED_LINE))).toHaveLength(3);
    // Each failed start wrote its first log record (its log stream had the file open), and closed again.
    await expect.poll(() => logRecords(dataDir).filter((record) => record.msg === 'kiosk core starting')).toHaveLength(4);
    // SQLite keeps the main file's descriptor of a closed connection while another connection of the process
    // holds a lock on it (and reuses it at the next open), and shares -shm between them; a connection's -wal
    // descriptor is its own and closes with it.
    const perConnection = () => openFilesUnder(dataDir).filter((file) => file !== 'adm.sqlite' && file !== 'adm.sqlite-shm');
    await expect.poll(perConnection).toEqual(['adm.sqlite-wal', 'logs/adm.log']);

    // A technician's edit of config.json is taken, and audited, once: by the start that serves.
    const changed = new Promise<void>((resolve) => first.hostCore.core.onEvent((name) => name === 'kiosk.infoChanged' && resolve()));
    const config = defaultConfig();
    config.kiosk.name = 'ADM-02';
    await saveConfig(dataDir, config);
    await changed;
    // Any other watcher's timer was set by the same file event, for the same delay: it runs in this same turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(first.hostCore.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'config.changed'").pluck().get()).toBe(1);
  });

  it('a technician quitting closes the start, and then the wait ends', async () => {
    const { runner, quit } = await rig();
    const { hostCore } = runner.current();
    quit();
    await runner.stopped;
    expect(hostCore.core.db.open).toBe(false);
  });
});
