/**
 * The web host: the kiosk core in a plain Node process, serving the built
 * renderer over HTTP and the contract over a WebSocket, on 127.0.0.1 only.
 *
 * It faces every local page and process, so it survives whatever bytes
 * arrive: every request passes `checkRequest` (which never throws) first; a
 * failure inside one request or one socket answers or closes that one only;
 * headers and requests have time limits, and connections that have not shown
 * the session cookie a cap and a short life of their own, so that no local
 * process can crowd out the kiosk's page (`connection-budget.ts`). Static files
 * are served only from inside the renderer folder, never through a symlink
 * that leads out of it.
 *
 * The listening socket lives as long as the process: a restart swaps the core
 * behind it (`replaceCore`) and never lets the port go, so no local process
 * waiting for it can take the kiosk's address, and its page's cookie, during
 * the gap.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { isAdminCallName } from '../../shared/admin-contract-names';
import { wsRequest, type WsMessage } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../csp';
import type { KioskCore } from '../core';
import { createConnectionBudget, DEFAULT_CONNECTION_LIMITS } from './connection-budget';
import { checkRequest, REFUSED_PAGE, REFUSED_PAGE_POLICY, tokenCookieName, type GuardSecrets } from './request-guard';

export const WS_PATH = '/ws';
const MAX_MESSAGE_BYTES = 256 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface WebHostOptions {
  core: KioskCore;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed in tests; otherwise random per launch. */
  token?: string;
  /** Signs the page's session cookie; fixed in tests, otherwise random per launch. */
  sessionSecret?: string;
  /** Tests make these small to see them act. */
  limits?: Partial<typeof DEFAULT_LIMITS>;
}

const DEFAULT_LIMITS = { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, ...DEFAULT_CONNECTION_LIMITS };

export interface WebHost {
  url: string;
  port: number;
  /** The launch token in `url`: exchanged once for the session cookie. */
  token: string;
  /**
   * Serves `next` from now on, on the same port, launch token state and cookie secret: the open WebSockets are
   * closed (pages reconnect by themselves, to `next`; an admin session opened over one ends with the old core)
   * and events come from `next`. The caller closes the old core.
   */
  replaceCore(next: KioskCore): void;
  close(): Promise<void>;
}

type Log = ReturnType<KioskCore['logger']['forSubsystem']>;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const secrets: GuardSecrets = {
    launchToken: token,
    sessionSecret: options.sessionSecret ?? randomBytes(32).toString('base64url'),
  };
  let core = options.core;
  let log = core.logger.forSubsystem('web-host');
  const rendererRoot = realpathSync(options.rendererDir);
  const serveStatic = sirv(rendererRoot, { dev: false, etag: false, setHeaders: noStore });
  let port = options.port;

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // Timeouts are checked this often (Node's default is every 30 s).
  const checkEveryMs = Math.min(1000, limits.headersTimeoutMs);
  const server = createServer({ connectionsCheckingInterval: checkEveryMs }, (request, response) => {
    try {
      handleHttp(request, response);
    } catch (error) {
      log.error({ err: error }, 'HTTP request failed');
      if (!response.headersSent) plain(response, 500, 'Terjadi kesalahan.');
      else response.destroy();
    }
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // No `maxConnections`: it refuses the newcomer, which may be the kiosk's page.
  const connections = createConnectionBudget(limits, () => log);
  server.on('connection', (socket: Socket) => connections.admit(socket));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Bytes that are not HTTP, or headers that never finish: answer if the socket still listens, and forget it.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
    log.debug({ code: error.code }, 'malformed or unfinished HTTP request');
  });

  function handleHttp(request: IncomingMessage, response: ServerResponse): void {
    const verdict = checkRequest(request, secrets, { port, requireOrigin: false, acceptLaunchToken: true });
    if (!verdict.allowed) return refuse(response, verdict.status, verdict.reason, log);
    connections.prove(request.socket);
    setSecurityHeaders(response);
    if (verdict.via === 'launch-token') {
      secrets.launchToken = null; // single use: from now on only the cookie opens the kiosk
      response.setHeader('Set-Cookie', `${tokenCookieName(port)}=${secrets.sessionSecret}; Path=/; HttpOnly; SameSite=Strict`);
      log.info('launch token exchanged for the session cookie');
    }
    if (!staysInside(rendererRoot, verdict.url.pathname)) return plain(response, 404, 'Tidak ditemukan');
    serveStatic(request, response, () => plain(response, 404, 'Tidak ditemukan'));
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // Names each socket as the holder of any admin session opened over it.
  let socketCount = 0;
  sockets.on('error', (error) => log.warn({ err: error }, 'WebSocket server error'));
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const verdict = checkRequest(request, secrets, { port, requireOrigin: true, acceptLaunchToken: false });
      if (!verdict.allowed || verdict.url.pathname !== WS_PATH) {
        log.warn({ reason: verdict.allowed ? 'wrong path' : verdict.reason }, 'WebSocket refused');
        socket.end(`HTTP/1.1 ${verdict.allowed ? 403 : verdict.status} Forbidden\r\nConnection: close\r\n\r\n`);
        return;
      }
      connections.prove(request.socket);
      sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, `ws:${++socketCount}`, core, () => log));
    } catch (error) {
      log.error({ err: error }, 'WebSocket upgrade failed');
      socket.destroy();
    }
  });

  const forwardEvents = (source: KioskCore) =>
    source.onEvent((name, payload) => {
      const message = JSON.stringify({ kind: 'event', name, payload } satisfies WsMessage);
      for (const client of sockets.clients) client.send(message);
    });
  let stopEvents = forwardEvents(core);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => log.error({ err: error }, 'web host server error'));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  log.info({ port }, 'web host listening on 127.0.0.1');

  return {
    url,
    port,
    token,
    replaceCore(next) {
      stopEvents();
      core = next;
      log = next.logger.forSubsystem('web-host');
      stopEvents = forwardEvents(next);
      // Each open socket is bound to the core it was opened with: closed, its page reconnects to the new one.
      for (const client of sockets.clients) client.terminate();
      log.info({ port }, 'web host serves the new start on the same port');
    },
    async close() {
      stopEvents();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      connections.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The file a path names, once symlinks are resolved, must still be inside the
 * renderer folder (sirv itself follows them). Paths that do not exist are
 * left to sirv, which answers 404.
 */
function staysInside(root: string, pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const candidate = path.join(root, path.normalize(decoded), decoded.endsWith('/') ? 'index.html' : '');
  if (!existsSync(candidate)) return true;
  try {
    const real = realpathSync(candidate);
    return real === root || real.startsWith(`${root}${path.sep}`);
  } catch {
    return false;
  }
}

/** One page's socket; `holder` names it to the core, so an admin session opened here works only here and ends with it. */
function serveSocket(ws: WebSocket, holder: string, core: KioskCore, log: () => Log): void {
  ws.on('close', () => core.adminHolderGone(holder));
  // A malformed frame (bad opcode, bad UTF-8, too large) closes this socket only.
  ws.on('error', (error) => {
    log().warn({ code: (error as { code?: string }).code }, 'malformed WebSocket frame; socket closed');
    ws.terminate();
  });
  ws.on('message', (data, isBinary) => {
    void answer(data, isBinary).catch((error: unknown) => log().error({ err: error }, 'WebSocket message failed'));
  });

  async function answer(data: unknown, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      raw = undefined;
    }
    const request = wsRequest.safeParse(raw);
    if (!request.success) {
      log().warn('malformed WebSocket message dropped');
      return;
    }
    const { call, input, session } = request.data;
    // The admin half answers only with an admin session (the core checks it); resident calls never look at one.
    const result = isAdminCallName(call) ? await core.invokeAdmin(call, input, { session, holder }) : await core.invoke(call, input);
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ kind: 'result', id: request.data.id, result } satisfies WsMessage));
    } else if (isAdminCallName(call)) {
      // The socket closed while admin was opening over it: the session it got ends now.
      core.adminHolderGone(holder);
    }
  }
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function noStore(response: ServerResponse): void {
  response.setHeader('Cache-Control', 'no-store');
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function refuse(response: ServerResponse, status: 400 | 403, reason: string, log: Log): void {
  log.warn({ reason }, 'HTTP request refused');
  if (status === 400) return plain(response, status, 'Permintaan tidak dapat dibaca.');
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': REFUSED_PAGE_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(REFUSED_PAGE);
}
