/**
 * `adm printer a4 status | test`: the technician's view of the A4 printer for
 * signed letters, a CUPS queue (docs/installing.md "The A4 printer"). The
 * CUPS server is the one the CUPS tools would use (CUPS_SERVER, else the
 * local cupsd); the queue is `--queue`, else the one letters go to
 * (`letterPrinter.queue`, else CUPS's default queue). The test page is a
 * print job like a resident's letter (`letters/letter-print-jobs.ts`): a
 * printer that is not ready is refused, the job is followed, then purged
 * from CUPS and audited.
 */
import type { Logger } from 'pino';
import { createCupsPrinter } from '../devices/document-printer/cups-printer';
import { defaultCupsServer } from '../devices/document-printer/ipp-client';
import { makeTestPage } from '../devices/document-printer/test-page';
import { DocumentPrinterError, type DocumentPrinter, type DocumentPrinterState } from '../devices/document-printer/types';
import type { LetterPrintState } from '../shared/signed-letters';
import type { KioskConfig } from './config/schema';
import { createLetterPrintJobs, type LetterPrintJobs } from './letters/letter-print-jobs';

type Out = (text: string) => void;

export interface A4CommandInput {
  action: string | undefined;
  queueOption: string | undefined;
  json: boolean;
  config: KioskConfig;
  env: NodeJS.ProcessEnv;
  audit: (actor: string, action: string, detail?: unknown) => void;
  log: Logger;
  out: Out;
}

export const A4_USAGE = 'adm printer a4 status [--queue NAME] [--json] | a4 test [--queue NAME]';

export async function a4PrinterCommand(input: A4CommandInput): Promise<number> {
  const { action, out } = input;
  if (action !== 'status' && action !== 'test') {
    out(`Usage: ${A4_USAGE}\n`);
    return 2;
  }
  const server = defaultCupsServer(input.env);
  const printer = createCupsPrinter({ server, log: input.log });
  const jobs = createLetterPrintJobs({ printer, settings: () => input.config.letterPrinter, audit: input.audit, log: input.log });
  const chosen = await chooseQueue(jobs, input, server);
  if ('problem' in chosen) {
    if (input.json && action === 'status') out(`${JSON.stringify({ server, queue: null, status: chosen.status, problem: chosen.problem }, null, 2)}\n`);
    else out(`${chosen.problem}\n`);
    return 1;
  }
  if (action === 'test') return testPage(printer, jobs, chosen, input, server);
  const { queue, source } = chosen;
  const state = await readState(printer, queue, server);
  if ('problem' in state) {
    if (input.json) out(`${JSON.stringify({ server, queue, status: 'unknown', problem: state.problem }, null, 2)}\n`);
    else out(`Queue: ${queue} (${source})\nStatus: unknown\n${state.problem}\n`);
    return 1;
  }
  if (input.json) out(`${JSON.stringify({ server, ...state, queueFrom: source }, null, 2)}\n`);
  else out(describeState(state, source, server));
  return state.status === 'ready' ? 0 : 1;
}

/** The test page as a print job on the chosen queue; the exit code says whether CUPS completed it. */
async function testPage(printer: DocumentPrinter, jobs: LetterPrintJobs, chosen: QueueAndSource, input: A4CommandInput, server: string): Promise<number> {
  const { out, config } = input;
  const { queue, source } = chosen;
  const { media, jobTimeoutSeconds } = config.letterPrinter;
  const pdf = await makeTestPage({ kioskName: config.kiosk.name, queue, media, at: new Date() });
  const started = await jobs.start({
    pdf,
    title: 'Halaman uji ADM',
    actor: 'technician',
    action: 'printer.a4.test',
    auditDetail: {},
    queue,
    onState: (state) => out(`  ${describePrintState(state)}\n`),
  });
  if (!started.ok) {
    // The refusal was decided on CUPS's answer of a moment ago; the technician sees the queue as it is now.
    const state = await readState(printer, queue, server);
    if ('problem' in state) out(`Queue: ${queue} (${source})\nStatus: unknown\n${state.problem}\n`);
    else out(describeState(state, source, server));
    if (started.outcome === 'refused') out(`Refused: the queue is ${started.status}; no test page was sent. ${ADVICE[started.status]}\n`);
    else out(`Not sent: CUPS did not take the test page (${started.status}); its answer is in the kiosk's log (logs/ in the data directory). ${ADVICE[started.status]}\n`);
    return 1;
  }
  const { jobId } = started;
  out(`Test page sent to ${queue} (${source}) as job ${jobId} on ${media}; following it (up to ${jobTimeoutSeconds} s).\n`);
  const final = await started.done;
  out(`Result: ${describePrintState(final)}\n`);
  if (final.phase !== 'completed') {
    out(`The job was cancelled and removed from CUPS, so it cannot print later (should lpstat -o ${queue} still list it: cancel ${queue}-${jobId}).\n`);
  }
  return final.phase === 'completed' ? 0 : 1;
}

type QueueAndSource = { queue: string; source: string };
type ChosenQueue = QueueAndSource | { problem: string; status: 'unknown' };

async function chooseQueue(jobs: LetterPrintJobs, input: A4CommandInput, server: string): Promise<ChosenQueue> {
  if (input.queueOption) return { queue: input.queueOption, source: '--queue' };
  const choice = await jobs.queueChoice();
  if (choice.queueInUse !== null) {
    return { queue: choice.queueInUse, source: choice.queueInUse === input.config.letterPrinter.queue ? 'letterPrinter.queue' : "CUPS's default queue" };
  }
  if (!choice.reachable) return { problem: unreachable(server, null), status: 'unknown' };
  const names = choice.queues.map((q) => q.queue);
  return {
    problem: `No queue given: letterPrinter.queue is not set and CUPS has no default queue. ${names.length ? `CUPS has: ${names.join(', ')}; use --queue NAME, set letterPrinter.queue, or lpadmin -d NAME.` : 'CUPS has no queue at all: set one up first (docs/installing.md).'}`,
    status: 'unknown',
  };
}

async function readState(printer: DocumentPrinter, queue: string, server: string): Promise<DocumentPrinterState | { problem: string }> {
  try {
    return await printer.printerState(queue);
  } catch (error) {
    return { problem: describeError(error, queue, server) };
  }
}

const ADVICE: Record<Exclude<DocumentPrinterState['status'], 'ready'>, string> = {
  stopped: 'Start it with cupsenable QUEUE and cupsaccept QUEUE once the printer is fixed.',
  'media-empty': 'Put paper in the printer.',
  offline: 'Check that the printer is switched on and connected.',
  error: "See the reasons above and the printer's own display.",
  unknown: 'CUPS did not say; check the printer and `lpstat -p`.',
};

function describeState(state: DocumentPrinterState, source: string, server: string): string {
  return [
    `Queue: ${state.queue} (${source}) on CUPS ${server}`,
    `Status: ${state.status}`,
    `Reasons: ${state.reasons.length ? state.reasons.join(', ') : 'none'}`,
    `Accepting jobs: ${state.accepting ? 'yes' : 'no'}`,
    ...(state.message ? [`Message: ${state.message}`] : []),
    '',
  ].join('\n');
}

function describeError(error: unknown, queue: string | null, server: string): string {
  if (!(error instanceof DocumentPrinterError)) return `Error: ${error instanceof Error ? error.message : String(error)}`;
  switch (error.code) {
    case 'unreachable':
      return unreachable(server, error.detail);
    case 'no-queue':
      return `CUPS has no queue ${queue ?? ''}. lpstat -p lists the queues there are.`;
    case 'not-accepting':
      return `The queue ${queue ?? ''} is not accepting jobs: cupsaccept ${queue ?? 'QUEUE'}.`;
    case 'submit-failed':
      return `CUPS refused the job: ${error.detail}`;
  }
}

function unreachable(server: string, detail: string | null): string {
  return `CUPS cannot be reached at ${server}${detail ? ` (${detail})` : ''}. Is cupsd running (systemctl status cups)?`;
}

function describePrintState(state: LetterPrintState): string {
  switch (state.phase) {
    case 'printing':
      return 'printing (CUPS: pending or processing)';
    case 'waiting-printer':
      return `waiting for the printer: ${state.status}`;
    case 'completed':
      return 'completed: CUPS handed the page to the printer (selesai dikirim ke printer)';
    case 'failed':
      return `failed: ${state.reason}`;
  }
}
