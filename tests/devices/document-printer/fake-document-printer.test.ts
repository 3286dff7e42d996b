import { describe, expect, it } from 'vitest';
import { createFakeDocumentPrinter } from '../../../src/devices/document-printer/fake-document-printer';
import { DocumentPrinterError } from '../../../src/devices/document-printer/types';

const letter = { queue: 'Surat', title: 'Surat', media: 'A4' };

describe('the fake A4 printer', () => {
  it('keeps what was submitted and moves jobs by script or by hand', async () => {
    const printer = createFakeDocumentPrinter();
    printer.setQueue('Surat');
    printer.setDefault('Surat');
    expect(await printer.queues()).toEqual({ queues: [{ queue: 'Surat', status: 'ready', reasons: [], accepting: true, message: null }], defaultQueue: 'Surat' });
    printer.scriptNextJob(['processing', 'completed']);
    const { jobId } = await printer.submit(new Uint8Array([37, 80, 68, 70]), letter);
    expect(printer.jobs[0]).toMatchObject({ jobId, options: letter });
    expect([...printer.jobs[0]!.pdf]).toEqual([37, 80, 68, 70]);
    expect((await printer.job('Surat', jobId)).state).toBe('processing');
    expect((await printer.job('Surat', jobId)).state).toBe('completed');
    expect((await printer.job('Surat', jobId)).state).toBe('completed');
    printer.setJob(jobId, 'aborted', ['job-canceled-at-device']);
    expect(await printer.job('Surat', jobId)).toEqual({ state: 'aborted', reasons: ['job-canceled-at-device'] });
    await printer.cancelAndPurge('Surat', jobId);
    expect(printer.purged).toEqual([{ queue: 'Surat', jobId }]);
    expect(printer.jobs[0]!.pdf).toHaveLength(0);
    expect((await printer.job('Surat', jobId)).state).toBe('not-found');
  });

  it('fails as CUPS would: no queue, not accepting, unreachable', async () => {
    const printer = createFakeDocumentPrinter();
    await expect(printer.printerState('Surat')).rejects.toMatchObject({ code: 'no-queue' });
    printer.setQueue('Surat', { accepting: false, status: 'stopped' });
    await expect(printer.submit(new Uint8Array(1), letter)).rejects.toMatchObject({ code: 'not-accepting' });
    printer.setUnreachable(true);
    await expect(printer.queues()).rejects.toBeInstanceOf(DocumentPrinterError);
    await expect(printer.job('Surat', 1)).rejects.toMatchObject({ code: 'unreachable' });
  });
});
