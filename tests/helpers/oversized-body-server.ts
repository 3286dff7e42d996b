/**
 * A server on 127.0.0.1 that answers every request with a large body,
 * written over a raw socket so the head can say anything (no length, the true
 * length, or a lie), and sent as fast as the reader takes it. It says whether
 * it finished writing or saw the socket close first: a reader that stops at
 * its cap closes the connection, and the server never gets to the end.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface OversizedBody {
  /** Bytes in the body actually sent. */
  totalBytes: number;
  /** The Content-Length header: 'none' (chunked), 'true', or a number the server claims. */
  contentLength: 'none' | 'true' | number;
  /** The body opens with this (e.g. the start of a JSON:API answer), then filler. */
  prefix?: string;
  status?: number;
}

export interface AnswerOutcome {
  /** Body bytes handed to the socket before it ended. */
  written: number;
  /** True when the whole body was written: the reader read it all. */
  finished: boolean;
}

export interface OversizedBodyServer {
  url: string;
  /** One outcome per request, resolved when that answer ended either way. */
  outcomes: Array<Promise<AnswerOutcome>>;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

export async function startOversizedBodyServer(body: OversizedBody): Promise<OversizedBodyServer> {
  const outcomes: Array<Promise<AnswerOutcome>> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // The request head is not read: every request gets the same answer.
    socket.once('data', () => outcomes.push(answer(socket, body)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    outcomes,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(socket: Socket, body: OversizedBody): Promise<AnswerOutcome> {
  const chunked = body.contentLength === 'none';
  const length = body.contentLength === 'true' ? body.totalBytes : body.contentLength;
  socket.write(
    `HTTP/1.1 ${body.status ?? 200} OK\r\nContent-Type: application/json\r\n` +
      (chunked ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) +
      'Connection: keep-alive\r\n\r\n',
  );
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let written = 0;
  const prefix = Buffer.from(body.prefix ?? '');
  while (written < body.totalBytes) {
    if (socket.destroyed) return { written, finished: false };
    const size = Math.min(CHUNK, body.totalBytes - written);
    const chunk = written === 0 && prefix.length > 0 ? Buffer.concat([prefix, Buffer.alloc(size - prefix.length, 0x61)]) : Buffer.alloc(size, 0x61);
    const frame = chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
    const more = socket.write(frame);
    written += size;
    // Wait for the reader: either it takes more, or it went away.
    if (!more) await Promise.race([once(socket, 'drain').catch(() => undefined), closed]);
  }
  if (socket.destroyed) return { written, finished: false };
  if (chunked) socket.write('0\r\n\r\n');
  return { written, finished: true };
}
