/**
 * "Mulai ulang" in the web host (admin's restart and the daily restart go
 * through the same `ShellControl.restart`): real cores on a real data
 * directory, real web hosts on a real port, and a page's WebSocket.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
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
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.close();
});

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, open adm.sqlite-wal'), { code: 'ENOSPC' });

/**
 * A web host runner on a fresh data directory. `failStart(n)` / `failServe(n)`
 * make the n-th start (1 is the first) throw as a full disk does.
 */
async function rig(options: { failStart?: (n: number) => boolean; failServe?: (n: number) => boolean } = {}) {
  const dataDir = tempDir();
  await saveConfig(dataDir, defaultConfig());
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ADM</title>');
  const printed: string[] = [];
  const starts: HostCore[] = [];
  let shell: ShellControl | null = null;
  let serves = 0;
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
    async serve(core, port, launchTokenSpent) {
      serves += 1;
      if (options.failServe?.(serves)) throw diskFull();
      return startWebHost({ core, port, rendererDir, token: 'launch-token', sessionSecret: 'a-session-secret-of-the-page', launchTokenSpent });
    },
    port: 0,
    print: (line) => printed.push(line),
  });
  runners.push(runner);
  const restart = async (): Promise<void> => {
    shell!.restart();
    await runner.restarting();
  };
  return { dataDir, runner, printed, starts, restart, quit: () => shell!.exit() };
}

/** The page's session cookie, as the first page load gets it. */
function pageCookie(host: WebHost): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } },
      (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']).split(';')[0]!);
      },
    );
    req.on('error', reject);
    req.end();
  });
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

  it('a new start that cannot serve goes, and the previous start serves again on the same port', async () => {
    const { runner, printed, starts, restart } = await rig({ failServe: (n) => n === 2 });
    const first = runner.current();
    const cookie = await pageCookie(first.host);

    await restart();
    expect(runner.current().hostCore).toBe(first.hostCore);
    expect(runner.current().host.port).toBe(first.host.port);
    expect(starts[1]!.core.db.open).toBe(false);
    expect(await callOverSocket(first.host.port, cookie, 'kiosk.getInfo')).toMatchObject({ ok: true });
    expect(printed.filter((line) => line.startsWith(RESTART_FAILED_LINE))).toHaveLength(1);
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
