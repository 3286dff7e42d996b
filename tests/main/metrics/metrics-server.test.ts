import { request as httpRequest } from 'node:http';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetricsServer, type MetricsServer, type MetricsServerOptions } from '../../../src/main/metrics/metrics-server';
import { coreWithSim } from '../../helpers/core-with-sim';
import { freePort } from '../../helpers/free-port';
import { useTempDirs } from '../../helpers/temp-dir';
import { openAdminSession } from '../../helpers/admin-session';
import type { AdminStatus } from '../../../src/shared/admin-contract';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BODY = '# HELP adm_info x\n# TYPE adm_info gauge\nadm_info 1\n';

/** Another program holding a port on 127.0.0.1. */
async function holdPort(port = 0): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, server };
}

function metricsServer(port: number, extra: Partial<MetricsServerOptions> = {}) {
  let current = port;
  const listeners = new Set<() => void>();
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const server: MetricsServer = createMetricsServer({
    port: () => current,
    onConfigChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    scrape: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: BODY }),
    log,
    ...extra,
  });
  cleanups.push(() => server.stop());
  return {
    server,
    log,
    /** The technician changes metrics.port. */
    async setPort(next: number) {
      current = next;
      for (const listener of listeners) listener();
      await server.settled();
    },
  };
}

function get(
  port: number,
  options: { path?: string; method?: string; host?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = { host: options.host ?? '127.0.0.1', port, path: options.path ?? '/metrics', method: options.method ?? 'GET', headers: options.headers, agent: false };
    const req = httpRequest(target, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether something accepts a TCP connection there. */
function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Raw bytes on a connection; resolves with what came back once the server closed it. */
function raw(port: number, bytes: string | Buffer, endAfterWrite = false): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => {});
  });
}

describe('metrics server', () => {
  it('answers GET and HEAD of /metrics, 404 elsewhere, 405 to other methods', async () => {
    const port = await freePort();
    const { server } = metricsServer(port);
    server.start();
    await server.settled();
    expect(server.listeningPort()).toBe(port);

    const got = await get(port);
    expect(got).toMatchObject({ status: 200, body: BODY, headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
    expect(await get(port, { path: '/metrics?name[]=adm_info' })).toMatchObject({ status: 200, body: BODY });
    const head = await get(port, { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '', headers: { 'content-length': String(Buffer.byteLength(BODY)) } });
    expect(await get(port, { path: '/' })).toMatchObject({ status: 404 });
    expect(await get(port, { path: '/metrics/../admin' })).toMatchObject({ status: 404 });
    expect(await get(port, { path: '/metricsx' })).toMatchObject({ status: 404 });
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect(await get(port, { method })).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
    }
  });

  it('answers only requests that name it by its loopback address: a web page on this PC cannot read it under a name of its own', async () => {
    const port = await freePort();
    const { server } = metricsServer(port);
    server.start();
    await server.settled();
    // What Prometheus sends for the target 127.0.0.1:<port>, and the other names of this server on this PC.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, '127.0.0.1', 'localhost']) {
      expect(await get(port, { headers: { host } })).toMatchObject({ status: 200, body: BODY });
    }
    // A browser fetching http://rebound.example:<port>/metrics after rebound.example was made to resolve to 127.0.0.1.
    for (const host of [`rebound.example:${port}`, 'rebound.example', `127.0.0.1.rebound.example:${port}`, `127.0.0.1:${port + 1}`, `[::1]:${port}`]) {
      const refused = await get(port, { headers: { host } });
      expect(refused.status, host).toBe(421);
      expect(refused.body).not.toContain('adm_info');
    }
  });

  it('listens on 127.0.0.1 only: not on the IPv6 loopback, not on the network', async () => {
    const port = await freePort();
    const { server } = metricsServer(port);
    server.start();
    await server.settled();
    expect(await accepts(port)).toBe(true);
    expect(await accepts(port, '::1')).toBe(false);
    const outward = Object.values(networkInterfaces()).flat().filter((address) => address && !address.internal).map((address) => address!.address);
    for (const address of outward) expect(await accepts(port, address), address).toBe(false);
  });

  it('opens nothing when metrics.port is 0, and follows the port as it changes', async () => {
    const first = await freePort();
    const { server, setPort } = metricsServer(0);
    server.start();
    await server.settled();
    expect(server.listeningPort()).toBeNull();
    expect(await accepts(first)).toBe(false);

    await setPort(first);
    expect((await get(first)).status).toBe(200);

    const second = await freePort();
    await setPort(second);
    expect(server.listeningPort()).toBe(second);
    expect((await get(second)).status).toBe(200);
    expect(await accepts(first)).toBe(false);

    await setPort(0);
    expect(server.listeningPort()).toBeNull();
    expect(await accepts(second)).toBe(false);
  });

  it('says once, loudly, that its port is taken, and serves by itself once the port is free', async () => {
    const held = await holdPort();
    const { server, log } = metricsServer(held.port, { busyRetryMs: 20 });
    server.start();
    await server.settled();
    expect(server.busyPort()).toBe(held.port);
    expect(server.listeningPort()).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![1]).toMatch(new RegExp(`^PERLU PETUGAS: port ${held.port} on 127\\.0\\.0\\.1 is not free \\(EADDRINUSE\\)`));

    await new Promise<void>((resolve) => held.server.close(() => resolve()));
    await vi.waitFor(() => expect(server.listeningPort()).toBe(held.port), { timeout: 5_000, interval: 20 });
    expect(server.busyPort()).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(1); // the retries while it was taken said nothing more
    expect((await get(held.port)).status).toBe(200);
  });

  it('survives garbage, half requests and slow clients, and still answers', async () => {
    const port = await freePort();
    const { server } = metricsServer(port, { timeouts: { headersMs: 200, requestMs: 400, idleMs: 400 } });
    server.start();
    await server.settled();

    expect(await raw(port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x00, 0x00]))).toMatch(/^(HTTP\/1\.1 400|$)/); // a TLS hello
    expect(await raw(port, `GET /metrics HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect(await raw(port, 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n', true)).toMatch(/^(HTTP\/1\.1 400|$)/); // half a request, then gone
    // A client that sends half its headers and waits is closed by the server (no answer but the time-out's).
    const slow = raw(port, 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Meanwhile others are answered.
    expect((await get(port)).status).toBe(200);
    expect(await slow).toMatch(/^(HTTP\/1\.1 408|$)/);

    const many = await Promise.all(Array.from({ length: 30 }, () => raw(port, 'NOT HTTP AT ALL\r\n\r\n')));
    expect(many.every((answer) => answer === '' || answer.startsWith('HTTP/1.1 400'))).toBe(true);
    await vi.waitFor(async () => expect((await get(port)).status).toBe(200), { timeout: 2_000, interval: 20 });
  });

  it('answers 500 when a scrape fails, and goes on', async () => {
    const port = await freePort();
    let fail = true;
    const { server, log } = metricsServer(port, {
      scrape: async () => {
        if (fail) throw new Error('registry broke');
        return { contentType: 'text/plain', body: BODY };
      },
    });
    server.start();
    await server.settled();
    expect((await get(port)).status).toBe(500);
    expect(log.error).toHaveBeenCalledTimes(1);
    fail = false;
    expect((await get(port)).status).toBe(200);
  });

  it('closes its port and every open connection when stopped', async () => {
    const port = await freePort();
    const { server } = metricsServer(port);
    server.start();
    await server.settled();
    // A keep-alive connection that has had its answer and stays open.
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    const answered = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(String(chunk))));
    const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    await server.stop();
    await closedByServer;
    expect(await accepts(port)).toBe(false);
    expect(server.listeningPort()).toBeNull();
  });
});

describe('metrics in the kiosk core', () => {
  it('are served from the background start only, follow metrics.port, show a taken port on the Status screen, and stop with the core', async () => {
    const first = await freePort();
    const rig = await coreWithSim(tempDir(), (config) => void (config.metrics.port = first));
    let closed = false;
    cleanups.push(() => (closed ? undefined : rig.close()));
    // A core without the background start (`adm`) never opens the port.
    const { admin } = await openAdminSession(rig.core);
    expect(await accepts(first)).toBe(false);
    rig.core.startBackground();
    await vi.waitFor(async () => expect((await get(first)).body).toContain('adm_info{'), { timeout: 5_000, interval: 20 });

    const status = async () => ((await admin('admin.status')) as { ok: true; value: AdminStatus }).value;
    const held = await holdPort();
    expect(await admin('admin.saveSettings', { values: { 'metrics.port': held.port } })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await status()).notices).toContainEqual({ code: 'metrics-port-busy', port: held.port }), { timeout: 5_000 });
    expect(await accepts(first)).toBe(false);

    const second = await freePort();
    expect(await admin('admin.saveSettings', { values: { 'metrics.port': second } })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await get(second)).status).toBe(200), { timeout: 5_000, interval: 20 });
    expect((await status()).notices).not.toContainEqual(expect.objectContaining({ code: 'metrics-port-busy' }));
    expect((await get(second)).body).toMatch(/^adm_needs_technician\{reason="metrics-port-busy"\} 0$/m);

    await rig.close();
    closed = true;
    expect(await accepts(second)).toBe(false);
  });
});
