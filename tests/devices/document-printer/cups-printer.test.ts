import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createCupsPrinter } from '../../../src/devices/document-printer/cups-printer';
import { watchPrintJob } from '../../../src/devices/document-printer/job-watch';
import { makeTestPage } from '../../../src/devices/document-printer/test-page';
import { DocumentPrinterError, type DocumentPrinter } from '../../../src/devices/document-printer/types';
import type { LetterPrintState } from '../../../src/shared/signed-letters';
import { spooledDocuments, startCupsd, type PrivateCupsd } from '../../helpers/cupsd';
import { readPdf } from '../../helpers/pdf-text';

/** F4 (215 x 330 mm), the paper Indonesian offices print letters on. */
const F4: [number, number] = [609.45, 935.43];

async function f4Letter(words: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const word of words) {
    const page = doc.addPage(F4);
    page.drawText(word, { x: 72, y: F4[1] - 120, size: 24, font });
    // Near the bottom edge: cut off if the page were not scaled to fit A4.
    page.drawText(`${word} kaki`, { x: 72, y: 40, size: 14, font });
  }
  return doc.save();
}

async function rejection(promise: Promise<unknown>): Promise<DocumentPrinterError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentPrinterError);
  return error as DocumentPrinterError;
}

describe('the A4 printer through a real cupsd', () => {
  let cupsd: PrivateCupsd;
  let printer: DocumentPrinter;

  beforeAll(async () => {
    cupsd = await startCupsd();
    printer = createCupsPrinter({ server: cupsd.server });
  }, 60_000);
  afterAll(async () => {
    await cupsd?.stop();
  });

  it('lists the queue, and CUPS default once one is set', async () => {
    const before = await printer.queues();
    expect(before.queues.map((q) => q.queue)).toEqual([cupsd.queue]);
    expect(before.defaultQueue).toBeNull();
    await cupsd.setDefault();
    const after = await printer.queues();
    expect(after.defaultQueue).toBe(cupsd.queue);
    expect(after.queues[0]).toMatchObject({ queue: cupsd.queue, status: 'ready', accepting: true });
  });

  it('reads the queue as ready', async () => {
    expect(await printer.printerState(cupsd.queue)).toEqual({ queue: cupsd.queue, status: 'ready', reasons: [], accepting: true, message: null });
  });

  it('prints a two-page F4 letter on A4 with the text intact, followed to completed', async () => {
    const { jobId } = await printer.submit(await f4Letter(['Keterangan', 'Domisili']), { queue: cupsd.queue, title: 'Surat uji', media: 'A4' });
    const states: LetterPrintState[] = [];
    const final = await watchPrintJob(printer, cupsd.queue, jobId, { pollMs: 100, timeoutMs: 30_000, onState: (s) => states.push(s) });
    expect(final).toEqual({ phase: 'completed' });
    expect(states.at(-1)).toEqual({ phase: 'completed' });
    const printed = await readPdf(await cupsd.waitForOutputPdf(jobId));
    expect(printed.pages).toBe(2);
    expect(printed.sizes).toEqual([
      [595, 842],
      [595, 842],
    ]);
    expect(printed.texts[0]).toContain('Keterangan');
    expect(printed.texts[0]).toContain('Keterangan kaki');
    expect(printed.texts[1]).toContain('Domisili');
  });

  it('reads a disabled queue as stopped (paused), and its job waits for the printer', async () => {
    await cupsd.disable();
    try {
      const state = await printer.printerState(cupsd.queue);
      expect(state).toMatchObject({ status: 'stopped', accepting: true });
      expect(state.reasons).toContain('paused');
      const { jobId } = await printer.submit(await f4Letter(['Tertahan']), { queue: cupsd.queue, title: 'Tertahan', media: 'A4' });
      expect(await printer.job(cupsd.queue, jobId)).toEqual({ state: 'pending', reasons: [] });
      const final = await watchPrintJob(printer, cupsd.queue, jobId, { pollMs: 50, timeoutMs: 300 });
      expect(final).toEqual({ phase: 'failed', reason: 'printer-stopped' });

      // Purging removes the document CUPS holds for the job, and the job itself.
      expect(spooledDocuments(cupsd, jobId)).toHaveLength(1);
      await printer.cancelAndPurge(cupsd.queue, jobId);
      expect(spooledDocuments(cupsd, jobId)).toEqual([]);
      expect(await printer.job(cupsd.queue, jobId)).toEqual({ state: 'not-found', reasons: [] });
    } finally {
      await cupsd.enable();
    }
  });

  it('purges a completed job too: CUPS keeps its document otherwise', async () => {
    const pdf = await makeTestPage({ kioskName: 'Kios Uji', queue: cupsd.queue, media: 'A4', at: new Date() });
    const { jobId } = await printer.submit(pdf, { queue: cupsd.queue, title: 'Halaman uji', media: 'A4' });
    const printed = await readPdf(await cupsd.waitForOutputPdf(jobId));
    expect(printed.pages).toBe(1);
    expect(printed.texts[0]).toContain('Halaman uji printer surat ADM');
    expect(spooledDocuments(cupsd, jobId)).toHaveLength(1);
    await printer.cancelAndPurge(cupsd.queue, jobId);
    expect(spooledDocuments(cupsd, jobId)).toEqual([]);
    // Purging what CUPS no longer has is not an error.
    await printer.cancelAndPurge(cupsd.queue, jobId);
  });

  it('refuses a job for a queue that rejects jobs, with no job made', async () => {
    await cupsd.reject();
    try {
      expect(await printer.printerState(cupsd.queue)).toMatchObject({ status: 'stopped', accepting: false });
      const error = await rejection(printer.submit(await f4Letter(['Ditolak']), { queue: cupsd.queue, title: 'Ditolak', media: 'A4' }));
      expect(error.code).toBe('not-accepting');
    } finally {
      await cupsd.accept();
    }
  });

  it('says no-queue for a queue CUPS does not have', async () => {
    expect((await rejection(printer.printerState('Tidak_ada'))).code).toBe('no-queue');
    expect((await rejection(printer.submit(await f4Letter(['X']), { queue: 'Tidak_ada', title: 'X', media: 'A4' }))).code).toBe('no-queue');
    expect((await rejection(printer.printerState('../admin'))).code).toBe('no-queue');
  });

  it('says unreachable once cupsd has stopped', async () => {
    await cupsd.stop();
    expect((await rejection(printer.printerState(cupsd.queue))).code).toBe('unreachable');
    expect((await rejection(printer.queues())).code).toBe('unreachable');
    expect((await rejection(printer.submit(await f4Letter(['X']), { queue: cupsd.queue, title: 'X', media: 'A4' }))).code).toBe('unreachable');
    expect((await rejection(printer.job(cupsd.queue, 1))).code).toBe('unreachable');
  });
});

/** IPP answer bytes: version 2.0, a status, and attribute groups of [tag, name, value bytes]. */
function ippAnswer(status: number, groups: [number, [number, string, Buffer][]][]): Buffer {
  const parts: Buffer[] = [Buffer.from([2, 0, status >> 8, status & 0xff, 0, 0, 0, 1])];
  for (const [delimiter, attributes] of groups) {
    parts.push(Buffer.from([delimiter]));
    for (const [tag, name, value] of attributes) {
      const head = Buffer.alloc(3);
      head.writeUInt8(tag, 0);
      head.writeUInt16BE(Buffer.byteLength(name), 1);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(value.length, 0);
      parts.push(head, Buffer.from(name), length, value);
    }
  }
  parts.push(Buffer.from([3]));
  return Buffer.concat(parts);
}

const int = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
};
const OPERATION = 0x01;
const PRINTER = 0x04;
const JOB = 0x02;
const charsetGroup: [number, [number, string, Buffer][]] = [OPERATION, [[0x47, 'attributes-charset', Buffer.from('utf-8')]]];

describe('the A4 printer facing a server that is not a sound cupsd', () => {
  let server: Server;
  let answer: (body: Buffer) => { status?: number; body: Buffer | string } = () => ({ body: '' });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const reply = answer(Buffer.concat(chunks));
        response.writeHead(reply.status ?? 200, { 'Content-Type': 'application/ipp' });
        response.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const printer = () => createCupsPrinter({ server: `127.0.0.1:${(server.address() as AddressInfo).port}`, ippTimeoutMs: 500 });

  it.each([
    ['garbage', Buffer.from('HTTP/1.1 hello, this is no IPP at all')],
    ['nothing', Buffer.alloc(0)],
    ['a cut-off answer', ippAnswer(0, [charsetGroup, [PRINTER, [[0x23, 'printer-state', int(3)]]]]).subarray(0, 20)],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
  ])('turns %s into a DocumentPrinterError, never a crash', async (_what, body) => {
    answer = () => ({ body });
    for (const call of [printer().printerState('Surat'), printer().job('Surat', 3), printer().queues()]) {
      expect((await rejection(call)).code).toBe('unreachable');
    }
  });

  it('reads a queue whose attributes have the wrong types as unknown', async () => {
    answer = () => ({
      body: ippAnswer(0, [
        charsetGroup,
        [
          PRINTER,
          [
            [0x41, 'printer-state', Buffer.from('idle-ish')],
            [0x21, 'printer-state-reasons', int(7)],
            [0x41, 'printer-is-accepting-jobs', Buffer.from('yes')],
          ],
        ],
      ]),
    });
    expect(await printer().printerState('Surat')).toEqual({ queue: 'Surat', status: 'unknown', reasons: [], accepting: false, message: null });
    // An extension tag the parser does not know, with a value it cannot read.
    answer = () => ({ body: Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, PRINTER, 0x7f, 0xff, 0xff, 0xff, 0xff, 0, 1, 0x41, 0, 0, 3]) });
    expect((await printer().printerState('Surat')).status).toBe('unknown');
    expect(await printer().queues()).toEqual({ queues: [], defaultQueue: null });
  });

  it('reads an unknown printer-state number as unknown, and a missing attribute group too', async () => {
    answer = () => ({ body: ippAnswer(0, [charsetGroup, [PRINTER, [[0x23, 'printer-state', int(42)], [0x22, 'printer-is-accepting-jobs', Buffer.from([1])]]]]) });
    expect((await printer().printerState('Surat')).status).toBe('unknown');
    answer = () => ({ body: ippAnswer(0, [charsetGroup]) });
    expect((await printer().printerState('Surat')).status).toBe('unknown');
  });

  it('reads a real-looking answer', async () => {
    answer = () => ({
      body: ippAnswer(0, [
        charsetGroup,
        [
          PRINTER,
          [
            [0x23, 'printer-state', int(5)],
            [0x44, 'printer-state-reasons', Buffer.from('media-empty-error')],
            [0x44, '', Buffer.from('paused')],
            [0x22, 'printer-is-accepting-jobs', Buffer.from([1])],
            [0x41, 'printer-state-message', Buffer.from('Kertas habis')],
          ],
        ],
      ]),
    });
    expect(await printer().printerState('Surat')).toEqual({ queue: 'Surat', status: 'media-empty', reasons: ['media-empty-error', 'paused'], accepting: true, message: 'Kertas habis' });
  });

  it('says unreachable for a job-state outside the standard', async () => {
    answer = () => ({ body: ippAnswer(0, [charsetGroup, [JOB, [[0x23, 'job-state', int(77)]]]]) });
    expect((await rejection(printer().job('Surat', 3))).code).toBe('unreachable');
  });

  it('says unreachable for an HTTP error, an answer too large, and no answer in time', async () => {
    answer = () => ({ status: 500, body: 'broken' });
    expect((await rejection(printer().printerState('Surat'))).code).toBe('unreachable');
    answer = () => ({ body: Buffer.alloc(2 * 1024 * 1024, 0x41) });
    expect((await rejection(printer().printerState('Surat'))).detail).toMatch(/larger than/);
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = createCupsPrinter({ server: `127.0.0.1:${(silent.address() as AddressInfo).port}`, ippTimeoutMs: 200 });
      expect((await rejection(slow.printerState('Surat'))).detail).toMatch(/no answer within 200 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('sends purge-job with the cancel, as CUPS needs it to remove a finished job', async () => {
    const seen: Buffer[] = [];
    answer = (body) => {
      seen.push(body);
      return { body: ippAnswer(0, [charsetGroup]) };
    };
    await printer().cancelAndPurge('Surat', 12);
    const request = seen[0]!;
    expect(request.readUInt16BE(2)).toBe(0x0008);
    expect(request.includes(Buffer.from([0x22, 0x00, 0x09, ...Buffer.from('purge-job'), 0x00, 0x01, 0x01]))).toBe(true);
    expect(request.includes(Buffer.from('/jobs/12'))).toBe(true);
  });
});
