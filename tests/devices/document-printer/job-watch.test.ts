import { describe, expect, it } from 'vitest';
import { createFakeDocumentPrinter, type FakeDocumentPrinter } from '../../../src/devices/document-printer/fake-document-printer';
import { printStateOf, watchPrintJob, type WatchOptions } from '../../../src/devices/document-printer/job-watch';
import type { DocumentPrinter, PrintJobState } from '../../../src/devices/document-printer/types';
import { DocumentPrinterError } from '../../../src/devices/document-printer/types';
import type { LetterPrintState } from '../../../src/shared/signed-letters';
import type { DocumentPrinterStatus } from '../../../src/shared/device-status';

const QUEUE = 'Surat';

/** A fake clock: sleeping moves time on, and a hook runs before each sleep (to change the printer between polls). */
function clock(betweenPolls: (poll: number) => void = () => {}) {
  let t = 0;
  let polls = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      polls += 1;
      betweenPolls(polls);
      t += ms;
    },
    polls: () => polls,
  };
}

async function submitted(printer: FakeDocumentPrinter, script: PrintJobState[] = []): Promise<number> {
  printer.scriptNextJob(script);
  return (await printer.submit(new Uint8Array([1, 2, 3]), { queue: QUEUE, title: 'Surat', media: 'A4' })).jobId;
}

function setup() {
  const printer = createFakeDocumentPrinter();
  printer.setQueue(QUEUE);
  return printer;
}

async function watch(printer: DocumentPrinter, jobId: number, options: Partial<WatchOptions> & { sleep: WatchOptions['sleep']; now: WatchOptions['now'] }) {
  const states: LetterPrintState[] = [];
  const final = await watchPrintJob(printer, QUEUE, jobId, { pollMs: 500, timeoutMs: 120_000, onState: (s) => states.push(s), ...options });
  return { final, states };
}

describe('printStateOf', () => {
  const ready = { queue: QUEUE, status: 'ready' as DocumentPrinterStatus, reasons: [], accepting: true, message: null };
  const withStatus = (status: DocumentPrinterStatus) => ({ ...ready, status });
  // [job state, printer status, what the resident is told]
  const TABLE: [PrintJobState, DocumentPrinterStatus, LetterPrintState][] = [
    ['completed', 'ready', { phase: 'completed' }],
    ['completed', 'media-empty', { phase: 'completed' }],
    ['pending', 'ready', { phase: 'printing' }],
    ['processing', 'ready', { phase: 'printing' }],
    ['held', 'ready', { phase: 'printing' }],
    ['pending', 'unknown', { phase: 'printing' }],
    ['pending', 'stopped', { phase: 'waiting-printer', status: 'stopped' }],
    ['processing', 'media-empty', { phase: 'waiting-printer', status: 'media-empty' }],
    ['processing', 'offline', { phase: 'waiting-printer', status: 'offline' }],
    ['held', 'error', { phase: 'waiting-printer', status: 'error' }],
    ['aborted', 'ready', { phase: 'failed', reason: 'aborted' }],
    ['aborted', 'media-empty', { phase: 'failed', reason: 'aborted' }],
    ['canceled', 'ready', { phase: 'failed', reason: 'canceled' }],
    ['stopped', 'stopped', { phase: 'failed', reason: 'printer-stopped' }],
    ['stopped', 'media-empty', { phase: 'failed', reason: 'media-empty' }],
    ['stopped', 'offline', { phase: 'failed', reason: 'printer-offline' }],
    ['stopped', 'error', { phase: 'failed', reason: 'printer-error' }],
    ['stopped', 'ready', { phase: 'failed', reason: 'aborted' }],
    ['stopped', 'unknown', { phase: 'failed', reason: 'aborted' }],
    ['not-found', 'ready', { phase: 'failed', reason: 'unknown' }],
  ];
  it.each(TABLE)('job %s on a %s printer is %o', (job, status, expected) => {
    expect(printStateOf({ state: job, reasons: [] }, withStatus(status))).toEqual(expected);
  });
});

describe('watchPrintJob', () => {
  it('follows a job to completed, telling each new state once', async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['pending', 'pending', 'processing', 'processing', 'completed']);
    const c = clock();
    const { final, states } = await watch(printer, jobId, c);
    expect(final).toEqual({ phase: 'completed' });
    expect(states).toEqual([{ phase: 'printing' }, { phase: 'completed' }]);
    expect(c.polls()).toBe(4);
  });

  it('waits while the printer is out of paper, and goes on when paper is added', async () => {
    const printer = setup();
    const jobId = await submitted(printer);
    printer.setQueue(QUEUE, { status: 'media-empty', reasons: ['media-empty-error'] });
    const c = clock((poll) => {
      if (poll === 3) printer.setQueue(QUEUE, { status: 'ready', reasons: [] });
      if (poll === 4) printer.setJob(jobId, 'processing');
      if (poll === 5) printer.setJob(jobId, 'completed');
    });
    const { final, states } = await watch(printer, jobId, c);
    expect(final).toEqual({ phase: 'completed' });
    expect(states).toEqual([{ phase: 'waiting-printer', status: 'media-empty' }, { phase: 'printing' }, { phase: 'completed' }]);
  });

  it('reads the printer, not only the job: a disabled queue leaves the job pending with no reason', async () => {
    const printer = setup();
    const jobId = await submitted(printer);
    printer.setQueue(QUEUE, { status: 'stopped', reasons: ['paused'] });
    const c = clock((poll) => {
      if (poll === 2) printer.setQueue(QUEUE, { status: 'ready', reasons: [] });
      if (poll === 3) printer.setJob(jobId, 'completed');
    });
    const { states } = await watch(printer, jobId, c);
    expect(states[0]).toEqual({ phase: 'waiting-printer', status: 'stopped' });
  });

  it.each([
    ['aborted', { phase: 'failed', reason: 'aborted' }],
    ['canceled', { phase: 'failed', reason: 'canceled' }],
  ] as const)('ends when the job is %s', async (jobState, expected) => {
    const printer = setup();
    const jobId = await submitted(printer, ['processing', jobState]);
    expect((await watch(printer, jobId, clock())).final).toEqual(expected);
  });

  it('ends as unknown when CUPS no longer knows the job', async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['processing']);
    const c = clock((poll) => {
      if (poll === 1) void printer.cancelAndPurge(QUEUE, jobId);
    });
    const { final, states } = await watch(printer, jobId, c);
    expect(final).toEqual({ phase: 'failed', reason: 'unknown' });
    expect(states).toEqual([{ phase: 'printing' }, { phase: 'failed', reason: 'unknown' }]);
  });

  it("names the printer's problem when the job stops", async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['processing', 'stopped']);
    printer.setQueue(QUEUE, { status: 'offline', reasons: ['offline-report'] });
    const { final } = await watch(printer, jobId, clock());
    expect(final).toEqual({ phase: 'failed', reason: 'printer-offline' });
  });

  it('waits out a cupsd restart of seconds, and gives up when CUPS has not answered for 15 s', async () => {
    const printer = setup();
    const jobId = await submitted(printer);
    let failing = 0;
    const flaky: DocumentPrinter = {
      ...printer,
      job: async (queue, id) => {
        if (failing > 0) {
          failing -= 1;
          throw new DocumentPrinterError('unreachable', 'away');
        }
        return printer.job(queue, id);
      },
    };
    // Ten seconds without an answer (20 polls), then CUPS is back and the job completes.
    failing = 20;
    const c = clock((poll) => {
      if (poll === 22) printer.setJob(jobId, 'completed');
    });
    expect((await watch(flaky, jobId, c)).final).toEqual({ phase: 'completed' });

    printer.setUnreachable(true);
    const c2 = clock();
    const { final, states } = await watch(printer, jobId, c2);
    expect(final).toEqual({ phase: 'failed', reason: 'unknown' });
    expect(states).toEqual([{ phase: 'failed', reason: 'unknown' }]);
    // Failing from t=0, given up at the query at t=15 s: 30 sleeps of 500 ms.
    expect(c2.polls()).toBe(30);
  });

  it('fails as unknown when the time limit ends with the job still printing', async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['processing']);
    const c = clock();
    const { final } = await watch(printer, jobId, { ...c, timeoutMs: 5_000 });
    expect(final).toEqual({ phase: 'failed', reason: 'unknown' });
    expect(c.now()).toBe(5_000);
  });

  it('names the problem the printer reported when the time limit ends', async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['pending']);
    printer.setQueue(QUEUE, { status: 'media-empty', reasons: ['media-empty-error'] });
    const { final, states } = await watch(printer, jobId, { ...clock(), timeoutMs: 3_000 });
    expect(final).toEqual({ phase: 'failed', reason: 'media-empty' });
    expect(states).toEqual([{ phase: 'waiting-printer', status: 'media-empty' }, { phase: 'failed', reason: 'media-empty' }]);
  });

  it('stops when its signal is aborted', async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['processing']);
    const controller = new AbortController();
    const c = clock((poll) => {
      if (poll === 2) controller.abort(new Error('session ended'));
    });
    await expect(watch(printer, jobId, { ...c, signal: controller.signal })).rejects.toThrow('session ended');
  });

  it('polls at its interval with real timers', async () => {
    const printer = setup();
    const jobId = await submitted(printer, ['processing', 'processing', 'completed']);
    const started = Date.now();
    const final = await watchPrintJob(printer, QUEUE, jobId, { pollMs: 20, timeoutMs: 5_000 });
    expect(final).toEqual({ phase: 'completed' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });
});
