/**
 * An in-memory A4 printer for tests of the core: queues whose state the test
 * sets, the jobs handed in (bytes and options), job states the test moves by
 * hand or by a script (one state per `job()` call, the last one repeating),
 * purges recorded, and a switch that makes CUPS unreachable.
 */
import type { DocumentPrinterStatus } from '../../shared/device-status';
import { DocumentPrinterError, type DocumentPrinter, type DocumentPrinterState, type PrintJobInfo, type PrintJobState, type SubmitOptions } from './types';

export interface FakeJob {
  jobId: number;
  pdf: Uint8Array;
  options: SubmitOptions;
  info: PrintJobInfo;
  /** States still to come, one per `job()` call. */
  script: PrintJobState[];
}

export interface FakeDocumentPrinter extends DocumentPrinter {
  /** Adds a queue or changes it (a ready, accepting queue unless told otherwise). */
  setQueue(queue: string, state?: Partial<Omit<DocumentPrinterState, 'queue'>>): void;
  removeQueue(queue: string): void;
  setDefault(queue: string | null): void;
  /** Every call fails with DocumentPrinterError('unreachable') while true. */
  setUnreachable(unreachable: boolean): void;
  /** Moves a job to a state now. */
  setJob(jobId: number, state: PrintJobState, reasons?: string[]): void;
  /** The states the next submitted job passes through, one per `job()` call. */
  scriptNextJob(states: PrintJobState[]): void;
  readonly jobs: readonly FakeJob[];
  readonly purged: readonly { queue: string; jobId: number }[];
}

export function createFakeDocumentPrinter(): FakeDocumentPrinter {
  const queues = new Map<string, DocumentPrinterState>();
  const jobs: FakeJob[] = [];
  const purged: { queue: string; jobId: number }[] = [];
  let defaultQueue: string | null = null;
  let unreachable = false;
  let nextScript: PrintJobState[] = [];

  const reachable = () => {
    if (unreachable) throw new DocumentPrinterError('unreachable', 'fake CUPS is away');
  };
  const queueState = (queue: string): DocumentPrinterState => {
    const state = queues.get(queue);
    if (!state) throw new DocumentPrinterError('no-queue', `no queue ${queue}`);
    return { ...state, reasons: [...state.reasons] };
  };
  const findJob = (jobId: number) => jobs.find((j) => j.jobId === jobId);

  return {
    get jobs() {
      return jobs;
    },
    get purged() {
      return purged;
    },
    setQueue(queue, state = {}) {
      const before = queues.get(queue);
      const status: DocumentPrinterStatus = state.status ?? before?.status ?? 'ready';
      queues.set(queue, {
        queue,
        status,
        reasons: state.reasons ?? before?.reasons ?? [],
        accepting: state.accepting ?? before?.accepting ?? true,
        message: state.message ?? before?.message ?? null,
      });
    },
    removeQueue(queue) {
      queues.delete(queue);
    },
    setDefault(queue) {
      defaultQueue = queue;
    },
    setUnreachable(value) {
      unreachable = value;
    },
    setJob(jobId, state, reasons = []) {
      const job = findJob(jobId);
      if (!job) throw new Error(`no fake job ${jobId}`);
      job.info = { state, reasons };
      job.script = [];
    },
    scriptNextJob(states) {
      nextScript = [...states];
    },

    async queues() {
      reachable();
      return { queues: [...queues.keys()].map(queueState), defaultQueue: defaultQueue !== null && queues.has(defaultQueue) ? defaultQueue : null };
    },
    async printerState(queue) {
      reachable();
      return queueState(queue);
    },
    async submit(pdf, options) {
      reachable();
      const state = queueState(options.queue);
      if (!state.accepting) throw new DocumentPrinterError('not-accepting', `${options.queue} is not accepting jobs`);
      const jobId = jobs.length + 1;
      jobs.push({ jobId, pdf: pdf.slice(), options: { ...options }, info: { state: 'pending', reasons: [] }, script: nextScript });
      nextScript = [];
      return { jobId };
    },
    async job(queue, jobId) {
      reachable();
      const job = findJob(jobId);
      if (!job || job.options.queue !== queue) return { state: 'not-found', reasons: [] };
      const next = job.script.shift();
      if (next) job.info = { state: next, reasons: [] };
      return { ...job.info, reasons: [...job.info.reasons] };
    },
    async cancelAndPurge(queue, jobId) {
      reachable();
      purged.push({ queue, jobId });
      const index = jobs.findIndex((j) => j.jobId === jobId && j.options.queue === queue);
      // CUPS forgets a purged job: later queries find nothing.
      if (index >= 0) jobs[index] = { ...jobs[index]!, pdf: new Uint8Array(), info: { state: 'not-found', reasons: [] }, script: [] };
    },
  };
}
