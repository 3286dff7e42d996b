import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadImage, imageTypeOf, pictureRefusal } from '../../../src/main/village/image-download';

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

/**
 * The village server (one origin) and another service on the same PC (another
 * port of 127.0.0.1: another origin), both real HTTP servers. Every fetch
 * goes through a guard that lets nothing leave 127.0.0.1, so a row naming a
 * network address is never sent anywhere even where the rule were broken.
 */
describe('downloadImage: pictures come only from the village server\'s origin', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  /** A server on its own port; `hits` lists every path asked of it. */
  async function listen(handle: (path: string, res: ServerResponse, origin: string) => void): Promise<{ origin: string; port: number; hits: string[] }> {
    const hits: string[] = [];
    let origin = '';
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      handle(req.url ?? '', res, origin);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    return { origin, port, hits };
  }

  const redirect = (res: ServerResponse, location: string | null, status = 302) =>
    res.writeHead(status, location === null ? {} : { Location: location }).end();

  async function rig() {
    const internal = await listen((_path, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG));
    const village = await listen((path, res, origin) => {
      const routes: Record<string, () => void> = {
        '/foto.png': () => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG),
        '/moved.png': () => redirect(res, '/foto.png', 301),
        '/moved-absolute.png': () => redirect(res, `${origin}/foto.png`, 308),
        '/hop1.png': () => redirect(res, '/hop2.png'),
        '/hop2.png': () => redirect(res, 'hop3.png', 307),
        '/hop3.png': () => redirect(res, '/foto.png', 303),
        '/to-internal.png': () => redirect(res, `${internal.origin}/secret.png`),
        '/to-localhost.png': () => redirect(res, `http://localhost:${internal.port}/secret.png`, 301),
        '/to-ipv6.png': () => redirect(res, `http://[::1]:${internal.port}/secret.png`, 307),
        '/to-any-address.png': () => redirect(res, `http://0.0.0.0:${internal.port}/secret.png`),
        '/chain.png': () => redirect(res, '/chain-2.png'),
        '/chain-2.png': () => redirect(res, `${internal.origin}/secret.png`, 308),
        '/to-file.png': () => redirect(res, 'file:///etc/passwd'),
        '/to-data.png': () => redirect(res, `data:image/png;base64,${PNG.toString('base64')}`),
        '/to-userinfo.png': () => redirect(res, `${origin}@127.0.0.1:${internal.port}/secret.png`),
        '/to-scheme-relative.png': () => redirect(res, `//127.0.0.1:${internal.port}/secret.png`),
        '/loop.png': () => redirect(res, '/loop.png'),
        '/no-location.png': () => redirect(res, null),
      };
      (routes[path] ?? (() => res.writeHead(404).end()))();
    });
    const attempted: string[] = [];
    const download = (address: string) =>
      downloadImage(address, { baseUrl: village.origin, timeoutMs: 2000, maxBytes: 64 * 1024, fetch: noFetchBeyondLoopback(attempted) });
    return { village, internal, attempted, download };
  }

  type Rig = Awaited<ReturnType<typeof rig>>;
  it.each<[string, (r: Rig) => string, RegExp]>([
    ['another port of 127.0.0.1', (r) => `${r.internal.origin}/secret.png`, /origin: http:\/\/127\.0\.0\.1:\d+$/],
    ['localhost at another port', (r) => `http://localhost:${r.internal.port}/secret.png`, /origin/],
    ['the village server by another name (localhost)', (r) => `http://localhost:${r.village.port}/foto.png`, /origin/],
    ['[::1]', (r) => `http://[::1]:${r.internal.port}/secret.png`, /origin/],
    ['0.0.0.0', (r) => `http://0.0.0.0:${r.internal.port}/secret.png`, /origin/],
    ['127.1 (short form)', (r) => `http://127.1:${r.internal.port}/secret.png`, /origin/],
    ['2130706433 (127.0.0.1 as a number)', (r) => `http://2130706433:${r.internal.port}/secret.png`, /origin/],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', /origin: http:\/\/169\.254\.169\.254$/],
    ['a private network address', () => 'http://192.168.1.1/admin.png', /origin/],
    ['a scheme-relative address', (r) => `//127.0.0.1:${r.internal.port}/secret.png`, /origin/],
    ['https at the server\'s own host and port', (r) => `https://127.0.0.1:${r.village.port}/foto.png`, /origin/],
    ['the server\'s address as a user name', (r) => `${r.village.origin}@127.0.0.1:${r.internal.port}/secret.png`, /user name or password/],
    ['a user name on port 80', () => 'http://server@127.0.0.1/secret.png', /user name or password/],
    ['a user and password at the server itself', (r) => `http://user:pass@127.0.0.1:${r.village.port}/foto.png`, /user name or password/],
    ['file:', () => 'file:///etc/passwd', /not an http\(s\) address: file:/],
    ['data:', () => `data:image/png;base64,${PNG.toString('base64')}`, /not an http\(s\) address: data:/],
    ['a redirect to another port of 127.0.0.1', () => '/to-internal.png', /^redirected: not from the village server's origin/],
    ['a redirect to localhost', () => '/to-localhost.png', /^redirected: .*origin/],
    ['a redirect to [::1]', () => '/to-ipv6.png', /^redirected: .*origin/],
    ['a redirect to 0.0.0.0', () => '/to-any-address.png', /^redirected: .*origin/],
    ['a redirect chain that leaves the server on its second hop', () => '/chain.png', /^redirected: .*origin/],
    ['a redirect to file:', () => '/to-file.png', /^redirected: not an http\(s\) address: file:/],
    ['a redirect to data:', () => '/to-data.png', /^redirected: not an http\(s\) address: data:/],
    ['a redirect with the server as a user name', () => '/to-userinfo.png', /^redirected: .*user name or password/],
    ['a scheme-relative redirect', () => '/to-scheme-relative.png', /^redirected: .*origin/],
    ['a redirect loop', () => '/loop.png', /^more than 3 redirects$/],
    ['a redirect without a Location', () => '/no-location.png', /without a Location/],
  ])('refuses %s, asking nothing of any other origin', async (_name, address, reason) => {
    const r = await rig();
    expect(await r.download(address(r))).toMatchObject({ ok: false, error: { kind: 'permanent', message: expect.stringMatching(reason) } });
    expect(r.internal.hits).toEqual([]);
    expect(r.attempted.filter((url) => new URL(url).origin !== r.village.origin)).toEqual([]);
  });

  it.each<[string, (r: Rig) => string]>([
    ['a relative address', () => 'foto.png'],
    ['an absolute address at the server', (r) => `${r.village.origin}/foto.png`],
    ['a redirect within the server', () => '/moved.png'],
    ['an absolute redirect within the server', () => '/moved-absolute.png'],
    ['three redirects within the server', () => '/hop1.png'],
  ])('fetches %s', async (_name, address) => {
    const r = await rig();
    expect(await r.download(address(r))).toEqual({ ok: true, value: { bytes: PNG, type: 'image/png' } });
    expect(r.internal.hits).toEqual([]);
  });

  it('says why an address would be refused before anything is fetched', () => {
    expect(pictureRefusal('/desa/logo.png', 'https://desa.example.id/')).toBeNull();
    expect(pictureRefusal('https://desa.example.id:443/desa/logo.png', 'https://desa.example.id')).toBeNull();
    expect(pictureRefusal('http://desa.example.id/desa/logo.png', 'https://desa.example.id')).toMatch(/origin: http:\/\/desa\.example\.id$/);
    expect(pictureRefusal('https://cdn.example.id/logo.png', 'https://desa.example.id')).toMatch(/origin/);
  });
});

/** The rows name network addresses: whatever the code under test does, nothing beyond 127.0.0.1 is contacted. */
function noFetchBeyondLoopback(attempted: string[]): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    attempted.push(url.href);
    if (url.hostname !== '127.0.0.1') return Promise.reject(new TypeError(`this test sends nothing beyond 127.0.0.1 (${url.host})`));
    return fetch(input, init);
  };
}
