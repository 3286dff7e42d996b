/**
 * The A4 printer through CUPS (devices.md "A4 printer (CUPS)"): jobs go in
 * with `lp` (an argument array, never a shell; the PDF on standard input, so
 * no file the `lp` user might not read), and every state comes back through
 * IPP, never by parsing `lpstat` text. Each call has a deadline.
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import type { Logger } from 'pino';
import { meaningfulReasons, jobStateName, printerStatusFromIpp, PRINTER_STATE } from './ipp-state';
import {
  defaultCupsServer,
  encodeIppRequest,
  IPP_OPERATION,
  IPP_STATUS,
  ippCall,
  isSuccess,
  parseCupsServer,
  uriHost,
  type IppAnswer,
  type IppGroup,
  type IppRequestAttribute,
} from './ipp-client';
import { DocumentPrinterError, type DocumentPrinter, type DocumentPrinterState, type PrintJobInfo, type SubmitOptions } from './types';
import { CUPS_MEDIA_NAME, CUPS_QUEUE_NAME } from '../../shared/cups-names';

export interface CupsPrinterOptions {
  /** "host:port", "host" or a socket path; default CUPS_SERVER, else the local socket, else localhost:631. */
  server?: string;
  log?: Logger;
  /** The `lp` program (tests may point elsewhere). */
  lpCommand?: string;
  /** Per IPP call. */
  ippTimeoutMs?: number;
  /** For `lp` (a large letter takes a moment to spool). */
  submitTimeoutMs?: number;
}

const QUEUE_NAME = CUPS_QUEUE_NAME;
const MEDIA_NAME = CUPS_MEDIA_NAME;

const PRINTER_ATTRIBUTES = ['printer-name', 'printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs', 'printer-state-message'];
const PRINTER_STATE_NAMES = { idle: PRINTER_STATE.idle, processing: PRINTER_STATE.processing, stopped: PRINTER_STATE.stopped };
const JOB_STATE_NAMES = {
  pending: 3,
  'pending-held': 4,
  processing: 5,
  'processing-stopped': 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
};

export function createCupsPrinter(options: CupsPrinterOptions = {}): DocumentPrinter {
  const server = options.server ?? defaultCupsServer();
  const lpCommand = options.lpCommand ?? 'lp';
  const ippTimeoutMs = options.ippTimeoutMs ?? 5000;
  const submitTimeoutMs = options.submitTimeoutMs ?? 60_000;
  const log = options.log;
  let requestId = 0;

  async function call(operation: number, resource: string, attributes: IppRequestAttribute[]): Promise<IppAnswer> {
    const endpoint = parseCupsServer(server);
    requestId = (requestId % 0x7fffffff) + 1;
    return ippCall(endpoint, resource, encodeIppRequest(operation, requestId, attributes), ippTimeoutMs);
  }

  function printerUri(queue: string): string {
    return `ipp://${uriHost(parseCupsServer(server))}/printers/${queue}`;
  }

  function checkQueue(queue: string): void {
    if (!QUEUE_NAME.test(queue)) throw new DocumentPrinterError('no-queue', `not a CUPS queue name: ${JSON.stringify(queue)}`);
  }

  async function printerState(queue: string): Promise<DocumentPrinterState> {
    checkQueue(queue);
    const answer = await call(IPP_OPERATION.getPrinterAttributes, `/printers/${queue}`, [
      { name: 'printer-uri', type: 'uri', values: [printerUri(queue)] },
      { name: 'requested-attributes', type: 'keyword', values: PRINTER_ATTRIBUTES },
    ]);
    if (answer.status === IPP_STATUS.notFound) throw new DocumentPrinterError('no-queue', `CUPS has no queue ${queue}`);
    if (!isSuccess(answer)) throw new DocumentPrinterError('unreachable', `CUPS answered ${hex(answer.status)} ${answer.message ?? ''}`.trim());
    const group = answer.groups('printer-attributes-tag')[0];
    return group ? stateFromGroup(group, queue) : { queue, status: 'unknown', reasons: [], accepting: false, message: null };
  }

  return {
    async queues() {
      const listed = await call(IPP_OPERATION.cupsGetPrinters, '/', [{ name: 'requested-attributes', type: 'keyword', values: PRINTER_ATTRIBUTES }]);
      // CUPS answers not-found when it has no queue at all.
      if (!isSuccess(listed) && listed.status !== IPP_STATUS.notFound) {
        throw new DocumentPrinterError('unreachable', `CUPS answered ${hex(listed.status)} ${listed.message ?? ''}`.trim());
      }
      const queues = listed
        .groups('printer-attributes-tag')
        .map((group) => ({ group, name: group.string('printer-name') }))
        .filter((q): q is { group: IppGroup; name: string } => q.name !== null && QUEUE_NAME.test(q.name))
        .map((q) => stateFromGroup(q.group, q.name));
      const byDefault = await call(IPP_OPERATION.cupsGetDefault, '/', [{ name: 'requested-attributes', type: 'keyword', values: ['printer-name'] }]);
      const defaultName = isSuccess(byDefault) ? (byDefault.groups('printer-attributes-tag')[0]?.string('printer-name') ?? null) : null;
      return { queues, defaultQueue: defaultName !== null && QUEUE_NAME.test(defaultName) ? defaultName : null };
    },

    printerState,

    async submit(pdf: Uint8Array, submit: SubmitOptions) {
      checkQueue(submit.queue);
      if (!MEDIA_NAME.test(submit.media)) throw new DocumentPrinterError('submit-failed', `not a CUPS media name: ${JSON.stringify(submit.media)}`);
      // The title is shown in CUPS's job list and may become cups-pdf's file name: plain characters only.
      const title = submit.title.replace(/[^A-Za-z0-9 _.-]/g, '_').slice(0, 100) || 'ADM';
      const args = ['-h', server, '-d', submit.queue, '-o', 'fit-to-page', '-o', `media=${submit.media}`, '-t', title];
      const result = await runWithInput(lpCommand, args, pdf, submitTimeoutMs);
      const match = /request id is \S+-(\d+)\b/.exec(result.stdout);
      if (result.code === 0 && match) {
        const jobId = Number(match[1]);
        log?.info({ queue: submit.queue, jobId, bytes: pdf.length }, 'A4 job submitted');
        return { jobId };
      }
      const said = (result.stderr || result.stdout || result.failure || `exit ${result.code}`).trim().slice(0, 500);
      log?.warn({ queue: submit.queue, said }, 'lp refused the A4 job');
      throw await submitError(said, submit.queue);
    },

    async job(queue: string, jobId: number): Promise<PrintJobInfo> {
      checkQueue(queue);
      const answer = await call(IPP_OPERATION.getJobAttributes, '/jobs/', [
        { name: 'job-uri', type: 'uri', values: [jobUri(jobId)] },
        { name: 'requested-attributes', type: 'keyword', values: ['job-state', 'job-state-reasons'] },
      ]);
      if (answer.status === IPP_STATUS.notFound) return { state: 'not-found', reasons: [] };
      if (!isSuccess(answer)) throw new DocumentPrinterError('unreachable', `CUPS answered ${hex(answer.status)} ${answer.message ?? ''}`.trim());
      const group = answer.groups('job-attributes-tag')[0];
      const number = group?.integer('job-state', JOB_STATE_NAMES) ?? null;
      const state = number === null ? null : jobStateName(number);
      if (!group || state === null) throw new DocumentPrinterError('unreachable', `CUPS sent no readable job-state for job ${jobId}`);
      return { state, reasons: meaningfulReasons(group.strings('job-state-reasons')) };
    },

    async cancelAndPurge(queue: string, jobId: number) {
      checkQueue(queue);
      // purge-job removes the job's document and history even once it is completed (a plain cancel refuses that,
      // and CUPS keeps a finished job's document for a day by default).
      const answer = await call(IPP_OPERATION.cancelJob, '/jobs/', [
        { name: 'job-uri', type: 'uri', values: [jobUri(jobId)] },
        { name: 'requesting-user-name', type: 'name', values: [currentUser()] },
        { name: 'purge-job', type: 'boolean', values: [true] },
      ]);
      if (answer.status === IPP_STATUS.notFound) return;
      if (!isSuccess(answer)) {
        throw new DocumentPrinterError('submit-failed', `CUPS did not purge job ${jobId}: ${hex(answer.status)} ${answer.message ?? ''}`.trim());
      }
      log?.info({ queue, jobId }, 'A4 job purged');
    },
  };

  function jobUri(jobId: number): string {
    if (!Number.isInteger(jobId) || jobId < 1) throw new DocumentPrinterError('submit-failed', `not a CUPS job id: ${jobId}`);
    return `ipp://${uriHost(parseCupsServer(server))}/jobs/${jobId}`;
  }

  /**
   * What went wrong with `lp`. Its words are read with the C locale; "does not
   * exist" is also what it says when cupsd cannot be reached at all, so IPP
   * decides between a missing queue and a server away.
   */
  async function submitError(said: string, queue: string): Promise<DocumentPrinterError> {
    if (/not accepting jobs/i.test(said)) return new DocumentPrinterError('not-accepting', said);
    try {
      const state = await printerState(queue);
      return state.accepting ? new DocumentPrinterError('submit-failed', said) : new DocumentPrinterError('not-accepting', said);
    } catch (error) {
      if (error instanceof DocumentPrinterError) return error;
      return new DocumentPrinterError('submit-failed', said);
    }
  }
}

function stateFromGroup(group: IppGroup, queue: string): DocumentPrinterState {
  const rawState = group.integer('printer-state', PRINTER_STATE_NAMES);
  const rawReasons = group.strings('printer-state-reasons');
  const accepting = group.boolean('printer-is-accepting-jobs');
  const status = rawState === null || accepting === null ? 'unknown' : printerStatusFromIpp({ state: rawState, reasons: rawReasons, accepting });
  const message = group.string('printer-state-message');
  return { queue, status, reasons: meaningfulReasons(rawReasons), accepting: accepting ?? false, message: message === null || message === '' ? null : message };
}

function hex(status: number): string {
  return `0x${status.toString(16).padStart(4, '0')}`;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'adm';
  }
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why the program did not run or finish (not found, timed out), or null. */
  failure: string | null;
}

/** Runs a program with `input` on its standard input, within `timeoutMs`; never rejects. */
function runWithInput(command: string, args: string[], input: Uint8Array, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    // LC_ALL=C: lp's messages are read for their meaning, whatever the kiosk's language.
    const child = execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024, env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const failure = error && (error.killed || typeof error.code !== 'number') ? error.message : null;
        resolve({ code, stdout, stderr, failure });
      },
    );
    // lp may exit before reading everything (a refused queue): a broken pipe is its answer, not ours to throw.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}
