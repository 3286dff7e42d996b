import { afterEach, describe, expect, it } from 'vitest';
import { describeBytes, readCappedBody } from '../../../src/main/village/read-capped-body';
import { startOversizedBodyServer, type OversizedBody, type OversizedBodyServer } from '../../helpers/oversized-body-server';

const MiB = 1024 * 1024;
let server: OversizedBodyServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('readCappedBody over a real socket', () => {
  it.each<[string, OversizedBody]>([
    ['no Content-Length (chunked), 64 MiB', { totalBytes: 64 * MiB, contentLength: 'none' }],
    ['a true Content-Length of 64 MiB', { totalBytes: 64 * MiB, contentLength: 'true' }],
    ['a Content-Length claiming 1 TiB', { totalBytes: 64 * MiB, contentLength: 1024 * 1024 * MiB }],
  ])('stops at the cap with %s, and the sender sees the connection close before it finished', async (_name, body) => {
    server = await startOversizedBodyServer(body);
    const result = await readCappedBody(await fetch(server.url), 1 * MiB);
    expect(result).toMatchObject({ ok: false, tooLarge: { capBytes: MiB, message: 'larger than 1 MiB' } });
    const outcome = await server.outcomes[0]!;
    expect(outcome.finished).toBe(false);
    expect(outcome.written).toBeLessThan(body.totalBytes);
  });

  it('reads a body within the cap whole, with or without a length', async () => {
    for (const contentLength of ['none', 'true'] as const) {
      server = await startOversizedBodyServer({ totalBytes: 300 * 1024, contentLength, prefix: '{' });
      const result = await readCappedBody(await fetch(server.url), 1 * MiB);
      expect(result.ok && result.bytes.length).toBe(300 * 1024);
      expect(await server.outcomes[0]!).toEqual({ written: 300 * 1024, finished: true });
      await server.close();
      server = null;
    }
  });

  it('names caps in whole units', () => {
    expect([8 * MiB, 64 * 1024, 1000].map(describeBytes)).toEqual(['8 MiB', '64 KiB', '1000 bytes']);
  });
});
