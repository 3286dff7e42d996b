import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadImage, imageTypeOf } from '../../../src/main/village/image-download';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const GIF = Buffer.from('GIF89a....', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe('imageTypeOf', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes, and nothing else', () => {
    expect([PNG, JPEG, GIF, WEBP].map(imageTypeOf)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
    expect(imageTypeOf(SVG)).toBeNull();
    expect(imageTypeOf(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(imageTypeOf(Buffer.alloc(0))).toBeNull();
  });
});

describe('downloadImage over HTTP', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  /** A server answering each path with [status, body, chunked?]. */
  async function serve(routes: Record<string, [number, Buffer, { chunked?: boolean; contentType?: string }?]>): Promise<string> {
    server = createServer((req, res) => {
      const route = routes[req.url ?? ''];
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const [status, body, options = {}] = route;
      res.writeHead(status, {
        'Content-Type': options.contentType ?? 'image/png',
        ...(options.chunked ? {} : { 'Content-Length': body.length }),
      });
      if (options.chunked) {
        // No length up front: the limit must hold while reading.
        for (let i = 0; i < body.length; i += 1000) res.write(body.subarray(i, i + 1000));
        res.end();
      } else res.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  const options = (baseUrl: string, maxBytes = 64 * 1024) => ({ baseUrl, timeoutMs: 2000, maxBytes });

  it('fetches a picture by its absolute or relative address', async () => {
    const base = await serve({ '/foto.png': [200, PNG] });
    expect(await downloadImage(`${base}/foto.png`, options(base))).toEqual({ ok: true, value: { bytes: PNG, type: 'image/png' } });
    expect(await downloadImage('foto.png', options(base))).toEqual({ ok: true, value: { bytes: PNG, type: 'image/png' } });
  });

  it('refuses what is not a picture, whatever the server calls it', async () => {
    const base = await serve({ '/logo.svg': [200, SVG, { contentType: 'image/svg+xml' }], '/page': [200, Buffer.from('<html>'), { contentType: 'image/png' }] });
    expect(await downloadImage('/logo.svg', options(base))).toMatchObject({ ok: false, error: { kind: 'permanent', message: 'not a PNG, JPEG, GIF or WebP picture' } });
    expect(await downloadImage('/page', options(base))).toMatchObject({ ok: false, error: { kind: 'permanent' } });
  });

  it('stops at the size limit, with or without a Content-Length', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(100 * 1024)]);
    const base = await serve({ '/declared.png': [200, big], '/chunked.png': [200, big, { chunked: true }] });
    for (const address of ['/declared.png', '/chunked.png']) {
      expect(await downloadImage(address, options(base, 64 * 1024))).toMatchObject({ ok: false, error: { kind: 'permanent', message: 'larger than 64 KiB' } });
    }
    expect(await downloadImage('/chunked.png', options(base, 200 * 1024))).toMatchObject({ ok: true, value: { type: 'image/png' } });
  });

  it('tells a server problem (retry later) from a missing picture', async () => {
    const base = await serve({ '/busy.png': [503, Buffer.from('busy')] });
    expect(await downloadImage('/busy.png', options(base))).toMatchObject({ ok: false, error: { kind: 'transient', status: 503 } });
    expect(await downloadImage('/gone.png', options(base))).toMatchObject({ ok: false, error: { kind: 'permanent', status: 404 } });
  });

  it('only fetches http(s) addresses', async () => {
    for (const address of ['file:///etc/passwd', 'data:image/png;base64,iVBORw0K', 'javascript:alert(1)']) {
      expect(await downloadImage(address, options('http://127.0.0.1:9'))).toMatchObject({ ok: false, error: { kind: 'permanent' } });
    }
  });

  it('reports an unreachable server as transient', async () => {
    const base = await serve({});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
    expect(await downloadImage('/foto.png', options(base))).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'network' } });
  });
});
