/**
 * `/metrics` for the Prometheus agent on this PC: plain node:http, bound to
 * 127.0.0.1 only (the kiosk's metrics never leave the PC but through the
 * agent), answering GET and HEAD of `/metrics` and nothing else (404 for
 * another path, 405 for another method).
 *
 * It follows `metrics.port` while the kiosk runs: 0 closes it, a new port
 * moves it. A port another program holds is said once, loudly, in the log and
 * to the technician (`busyPort()`, a Status notice), and tried again every
 * minute, so the metrics come back by themselves once the port is free.
 *
 * Only the agent should ever talk to it, but nothing it is sent can take the
 * kiosk down: time limits on headers, on the whole request and on idle
 * connections, few connections at once, and malformed requests answered 400
 * by Node's parser and closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

export const METRICS_HOST = '127.0.0.1';
export const METRICS_PATH = '/metrics';
/** A port that was taken is tried again this often. */
export const BUSY_RETRY_MS = 60_000;
/** How long a client may take: to send its headers, its whole request, and between requests on one connection. */
export const METRICS_TIMEOUTS = { headersMs: 5_000, requestMs: 10_000, idleMs: 15_000 };
const MAX_CONNECTIONS = 16;
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

export interface MetricsServerOptions {
  /** The configured port; 0: no metrics. */
  port(): number;
  /** Called when the configuration changes (`config.onChange`); returns the unsubscribe. */
  onConfigChange(listener: () => void): () => void;
  scrape(): Promise<{ contentType: string; body: string }>;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How long a taken port waits before it is tried again (tests shorten it). */
  busyRetryMs?: number;
  /** Tests shorten them. */
  timeouts?: typeof METRICS_TIMEOUTS;
}

export interface MetricsServer {
  /** Listen on the configured port and follow its changes. */
  start(): void;
  /** Stop listening, close every connection, stop following the configuration. */
  stop(): Promise<void>;
  /** The port it listens on now, or null. */
  listeningPort(): number | null;
  /** The configured port when another program holds it, else null. */
  busyPort(): number | null;
  /** Resolves once the last port change has been acted on (listening, closed, or found busy). */
  settled(): Promise<void>;
}

export function createMetricsServer(options: MetricsServerOptions): MetricsServer {
  const { log } = options;
  let server: Server | null = null;
  let listening: number | null = null;
  let busy: number | null = null;
  let warnedBusy: number | null = null;
  let retry: NodeJS.Timeout | null = null;
  let stopConfig: (() => void) | null = null;
  let running = false;
  // Port changes are acted on one at a time, in order: the old socket is closed before the new one opens.
  let chain: Promise<void> = Promise.resolve();
  const sockets = new Set<Socket>();

  const enqueue = (step: () => Promise<void>) => (chain = chain.then(step, step));

  async function follow(): Promise<void> {
    const wanted = running ? options.port() : 0;
    if (wanted === listening && busy === null) return;
    if (retry) clearTimeout(retry);
    retry = null;
    await close();
    busy = null;
    if (wanted === 0) return;
    try {
      await listen(wanted);
      warnedBusy = null;
      log.info({ url: `http://${METRICS_HOST}:${listening}${METRICS_PATH}` }, 'fleet metrics served');
    } catch (error) {
      busy = wanted;
      if (warnedBusy !== wanted) {
        warnedBusy = wanted;
        const code = (error as NodeJS.ErrnoException).code;
        log.warn(
          { port: wanted, code },
          `PERLU PETUGAS: port ${wanted} on ${METRICS_HOST} is not free (${code ?? String(error)}): the fleet metrics are not served; change metrics.port or stop the program holding it`,
        );
      }
      const retryMs = options.busyRetryMs ?? BUSY_RETRY_MS;
      retry = setTimeout(() => void enqueue(follow), retryMs);
      retry.unref();
    }
  }

  function listen(port: number): Promise<void> {
    const { headersMs, requestMs, idleMs } = options.timeouts ?? METRICS_TIMEOUTS;
    const next = createServer(
      // Node looks for requests over their time only this often: as often as the shortest limit.
      { requestTimeout: requestMs, headersTimeout: headersMs, connectionsCheckingInterval: Math.min(headersMs, 1_000) },
      (request, response) => void answer(request, response),
    );
    next.keepAliveTimeout = idleMs;
    next.maxConnections = MAX_CONNECTIONS;
    next.setTimeout(idleMs, (socket) => socket.destroy());
    next.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    // A request Node cannot parse, too big or too slow: a plain answer when the socket can still take it, then
    // closed; never a throw.
    next.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable) return void socket.destroy();
      const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    });
    return new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen({ port, host: METRICS_HOST, exclusive: true }, () => {
        next.off('error', reject);
        next.on('error', (error) => log.error({ err: error }, 'fleet metrics server error'));
        server = next;
        listening = port;
        resolve();
      });
    });
  }

  async function close(): Promise<void> {
    const closing = server;
    server = null;
    listening = null;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A web page open on this PC can make a browser send requests here under a name of its own that resolves
    // to 127.0.0.1 (DNS rebinding) and read the answer as its own origin. The agent asks for the address it
    // was given; any other name is refused before anything is read.
    if (!loopbackHost(request.headers.host, listening)) return plain(response, 421, 'misdirected request\n');
    const path = (request.url ?? '').split('?')[0];
    if (path !== METRICS_PATH) return plain(response, 404, 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return plain(response, 405, 'method not allowed\n');
    }
    try {
      const { contentType, body } = await options.scrape();
      response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      log.error({ err: error }, 'fleet metrics scrape failed');
      plain(response, 500, 'scrape failed\n');
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopConfig = options.onConfigChange(() => void enqueue(follow));
      void enqueue(follow);
    },
    async stop() {
      running = false;
      stopConfig?.();
      stopConfig = null;
      await enqueue(follow);
    },
    listeningPort: () => listening,
    busyPort: () => busy,
    settled: () => chain,
  };
}

/** The Host header names this server by its loopback address or `localhost` (with its port, or none); absent is fine. */
function loopbackHost(host: string | undefined, port: number | null): boolean {
  if (host === undefined) return true;
  const name = host.toLowerCase();
  return [METRICS_HOST, 'localhost'].some((allowed) => name === allowed || name === `${allowed}:${port}`);
}

function plain(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
