/**
 * An HTTP proxy on 127.0.0.1 in front of another server that holds back the
 * answers to some paths: the upstream answer is read whole (so the server has
 * checked the token and sent its file), then kept until the test releases it.
 * Tests use it to end a session while a download is on its way, at a moment
 * of their choosing.
 */
import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatedProxy {
  readonly url: string;
  /** The upstream server's origin; requests wait until it is set. */
  setTarget(origin: string): void;
  /** Answers read from upstream and held back so far (released ones included). */
  heldCount(): number;
  /** Sends the answers held so far (later ones are held again). */
  release(): void;
  close(): Promise<void>;
}

export async function startGatedProxy(gated: RegExp): Promise<GatedProxy> {
  let target: (origin: string) => void = () => {};
  const targetKnown = new Promise<string>((resolve) => (target = resolve));
  let closed = false;
  let held = 0;
  const waiting: Array<() => void> = [];

  const server = createServer((req, res) => {
    void (async () => {
      const origin = new URL(await targetKnown);
      const body: Buffer[] = [];
      for await (const chunk of req) body.push(chunk as Buffer);
      const upstream = request({ host: origin.hostname, port: origin.port, path: req.url, method: req.method, headers: req.headers });
      upstream.on('error', () => res.destroy());
      upstream.on('response', (answer) => {
        void (async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of answer) chunks.push(chunk as Buffer);
          if (gated.test(req.url ?? '') && !closed) {
            held += 1;
            await new Promise<void>((resolve) => waiting.push(resolve));
          }
          const headers: IncomingHttpHeaders = { ...answer.headers };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(Buffer.concat(chunks));
        })();
      });
      upstream.end(Buffer.concat(body));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const release = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (origin) => target(origin),
    heldCount: () => held,
    release,
    async close() {
      closed = true;
      release();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
