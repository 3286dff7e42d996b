/**
 * The web host: the kiosk core in a plain Node process, serving the built
 * renderer over HTTP and the contract over a WebSocket, on 127.0.0.1 only.
 * Every request passes `checkRequest` (token, Host, Origin) first.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { wsRequest, type WsMessage } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../csp';
import type { KioskCore } from '../core';
import { checkRequest, tokenCookieName } from './request-guard';

export const WS_PATH = '/ws';
const MAX_MESSAGE_BYTES = 256 * 1024;

export interface WebHostOptions {
  core: KioskCore;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed only in tests; otherwise random per launch. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.core.logger.forSubsystem('web-host');
  const serveStatic = sirv(options.rendererDir, { dev: false, etag: false, setHeaders: noStore });
  let port = options.port;

  const server = createServer((request, response) => {
    const verdict = checkRequest(request, { token, port, requireOrigin: false });
    if (!verdict.allowed) return refuse(response, verdict.reason, request, log);
    setSecurityHeaders(response);
    if (verdict.tokenFrom === 'query') {
      response.setHeader(
        'Set-Cookie',
        `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`,
      );
    }
    serveStatic(request, response, () => {
      response.statusCode = 404;
      response.end('Tidak ditemukan');
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const verdict = checkRequest(request, { token, port, requireOrigin: true });
    if (path !== WS_PATH || !verdict.allowed) {
      log.warn({ reason: verdict.allowed ? 'wrong path' : verdict.reason }, 'WebSocket refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.core, log));
  });

  const stopEvents = options.core.onEvent((name, payload) => {
    const message = JSON.stringify({ kind: 'event', name, payload } satisfies WsMessage);
    for (const client of sockets.clients) client.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  log.info({ port }, 'web host listening on 127.0.0.1');

  return {
    url,
    port,
    token,
    async close() {
      stopEvents();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, core: KioskCore, log: ReturnType<KioskCore['logger']['forSubsystem']>): void {
  ws.on('message', async (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      raw = undefined;
    }
    const request = wsRequest.safeParse(raw);
    if (!request.success) {
      log.warn('malformed WebSocket message dropped');
      return;
    }
    const result = await core.invoke(request.data.call, request.data.input);
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ kind: 'result', id: request.data.id, result } satisfies WsMessage));
    }
  });
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

function refuse(
  response: ServerResponse,
  reason: string,
  request: IncomingMessage,
  log: ReturnType<KioskCore['logger']['forSubsystem']>,
): void {
  log.warn({ reason, path: new URL(request.url ?? '/', 'http://x').pathname }, 'HTTP request refused');
  response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end('Akses ditolak.');
}
