import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrinterDriver } from '../../../src/devices/printer/driver';
import { GENERIC_58 } from '../../../src/devices/printer/profiles';
import { encodeRequestReceipt } from '../../../src/devices/printer/templates';
import { tcpTransport } from '../../../src/devices/printer/transports/tcp';
import { STATUS, startFakeTcpPrinter, type FakeTcpPrinter, type FakePrinterScript } from '../../helpers/fake-tcp-printer';
import { interpretEscPos, qrPayloads } from './print-assertions';

const job = encodeRequestReceipt(GENERIC_58, {
  villageName: 'Desa Sukamaju',
  queueNumber: 'A-001',
  letterName: 'Keterangan Penduduk',
  residentName: 'Budi Santoso',
  maskedNik: '320101******0001',
  createdAt: new Date('2026-11-29T02:55:00Z'),
  timeZone: 'Asia/Jakarta',
  requirements: ['Fotokopi KK'],
  syncState: 'sent',
  reference: 'ADM01-261129-7KQ3M',
});

let printer: FakeTcpPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

async function driverFor(script: FakePrinterScript, timeouts = { statusMs: 300, completionMs: 600 }) {
  printer = await startFakeTcpPrinter(script);
  return createPrinterDriver(tcpTransport('127.0.0.1', printer.port), GENERIC_58, timeouts);
}

describe('printer driver over TCP against a scripted fake printer', () => {
  it('ready: prints, and the printer received exactly the job plus the completion marker', async () => {
    const driver = await driverFor({ kind: 'answers', status: STATUS.ready, completion: true });
    expect(await driver.status()).toBe('ready');
    expect(await driver.print(job)).toEqual({ kind: 'printed', status: 'ready' });
    const received = printer!.jobs.at(-1)!;
    expect(received.subarray(0, job.length).equals(Buffer.from(job))).toBe(true);
    expect([...received.subarray(job.length)]).toEqual([0x1d, 0x72, 0x01]);
    expect(qrPayloads(interpretEscPos(received))).toEqual(['ADM01-261129-7KQ3M']);
  });

  it('paper out: not printed, nothing of the job sent', async () => {
    const driver = await driverFor({ kind: 'answers', status: STATUS.paperOut, completion: true });
    expect(await driver.status()).toBe('paper-out');
    expect(await driver.print(job)).toMatchObject({ kind: 'not-printed', status: 'paper-out' });
    expect(printer!.jobs.at(-1)!.length).toBe(0);
  });

  it('cover open: not printed', async () => {
    const driver = await driverFor({ kind: 'answers', status: STATUS.coverOpen, completion: true });
    expect(await driver.status()).toBe('cover-open');
    expect(await driver.print(job)).toMatchObject({ kind: 'not-printed', status: 'cover-open' });
  });

  it('paper near end: still prints, and says so in the status', async () => {
    const driver = await driverFor({ kind: 'answers', status: STATUS.nearEnd, completion: true, completionReply: 0x03 });
    expect(await driver.status()).toBe('paper-near-end');
    expect(await driver.print(job)).toEqual({ kind: 'printed', status: 'paper-near-end' });
  });

  it.each([
    ['paper near end', 0x03, 'paper-near-end'],
    ['paper end', 0x0c, 'paper-out'],
    ['paper fine', 0x00, 'ready'],
  ] as const)('reads the GS r 1 reply: %s reaches the status', async (_name, reply, status) => {
    const driver = await driverFor({ kind: 'answers', status: STATUS.ready, completion: true, completionReply: reply });
    expect(await driver.print(job)).toEqual({ kind: 'printed', status });
  });

  it('a status reply arriving late, after the job, is never taken for the completion reply', async () => {
    const late = await driverFor({ kind: 'answers', status: STATUS.ready, completion: false, lateStatusReply: 0x12 });
    expect(await late.print(job)).toEqual({ kind: 'sent-unconfirmed' });
    await printer!.close();
    const lateThenDone = await driverFor({ kind: 'answers', status: STATUS.ready, completion: true, lateStatusReply: 0x12, completionReply: 0x03 });
    expect(await lateThenDone.print(job)).toEqual({ kind: 'printed', status: 'paper-near-end' });
  });

  it('silence: status unknown; the job is sent but never reported printed', async () => {
    const driver = await driverFor({ kind: 'silent' });
    expect(await driver.status()).toBe('unknown');
    expect(await driver.print(job)).toEqual({ kind: 'sent-unconfirmed' });
  });

  it('status answered but no completion: sent, not confirmed', async () => {
    const driver = await driverFor({ kind: 'answers', status: STATUS.ready, completion: false });
    expect(await driver.print(job)).toEqual({ kind: 'sent-unconfirmed' });
  });

  it('connection reset in the middle of a job: interrupted', async () => {
    const driver = await driverFor({ kind: 'reset-mid-job', status: STATUS.ready, afterJobBytes: 200 });
    const outcome = await driver.print(job);
    expect(outcome.kind).toBe('interrupted');
  });

  it('nobody listening: offline, not printed; a new connection for every job', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const driver = createPrinterDriver(tcpTransport('127.0.0.1', port), GENERIC_58);
    expect(await driver.status()).toBe('offline');
    expect(await driver.print(job)).toMatchObject({ kind: 'not-printed', status: 'offline' });

    const fresh = await driverFor({ kind: 'answers', status: STATUS.ready, completion: true });
    await fresh.print(job);
    await fresh.print(job);
    expect(printer!.connections).toBe(2);
  });
});

describe('stray replies inside a job', () => {
  it('are not taken for the completion reply', async () => {
    // A printer that answers a DLE EOT hidden in raster data, then never confirms the job.
    const { createServer: createTcpServer } = await import('node:net');
    const server = createTcpServer((socket) => {
      socket.on('data', (chunk) => {
        for (let i = 0; i + 2 < chunk.length; i++) {
          if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Buffer.of(0x12));
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const driver = createPrinterDriver(tcpTransport('127.0.0.1', port), GENERIC_58, { statusMs: 300, completionMs: 300 });
      const jobWithStatusBytes = Uint8Array.from([...job, 0x10, 0x04, 0x01]);
      expect(await driver.print(jobWithStatusBytes)).toEqual({ kind: 'sent-unconfirmed' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a device that answers, but not as a printer', () => {
  it.each<[string, (socket: Socket, chunk: Buffer) => void]>([
    ['zeros to everything, as /dev/zero', (socket, chunk) => socket.write(Buffer.alloc(chunk.length))],
    ["its own bytes back, as a terminal's echo", (socket, chunk) => socket.write(chunk)],
    ['text, as another service on the port', (socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n')],
  ])('%s: status unknown, and a job is never reported printed', async (_name, answer) => {
    const server = createServer((socket) => {
      socket.on('data', (chunk) => answer(socket, chunk));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const driver = createPrinterDriver(tcpTransport('127.0.0.1', port), GENERIC_58, { statusMs: 300, completionMs: 300 });
      expect(await driver.status()).toBe('unknown');
      expect(await driver.print(job)).toEqual({ kind: 'sent-unconfirmed' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
