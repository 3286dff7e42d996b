/**
 * `adm printer a4 status | test`: the technician's view of the A4 printer for
 * signed letters, a CUPS queue (docs/installing.md "The A4 printer"). The
 * CUPS server is the one the CUPS tools would use (CUPS_SERVER, else the
 * local cupsd); the queue is `--queue`, else `letterPrinter.queue`, else
 * CUPS's default queue.
 */
import { createCupsPrinter } from '../devices/document-printer/cups-printer';
import { defaultCupsServer } from '../devices/document-printer/ipp-client';
import { watchPrintJob } from '../devices/document-printer/job-watch';
import { makeTestPage } from '../devices/document-printer/test-page';
import { DocumentPrinterError, type DocumentPrinter, type DocumentPrinterState } from '../devices/document-printer/types';
import type { LetterPrintState } from '../shared/signed-letters';
import type { KioskConfig } from './config/schema';

type Out = (text: string) => void;

export interface A4CommandInput {
  action: string | undefined;
  queueOption: string | undefined;
  json: boolean;
  config: KioskConfig;
  env: NodeJS.ProcessEnv;
  audit: (actor: string, action: string, detail?: unknown) => void;
  out: Out;
  /** Tests give a shorter poll. */
  pollMs?: number;
}

export const A4_USAGE = 'adm printer a4 status [--queue NAME] [--json] | a4 test [--queue NAME]';

export async function a4PrinterCommand(input: A4CommandInput): Promise<number> {
  const { action, out } = input;
  if (action !== 'status' && action !== 'test') {
    out(`Usage: ${A4_USAGE}\n`);
    return 2;
  }
  const server = defaultCupsServer(input.env);
  const printer = createCupsPrinter({ server });
  const chosen = await chooseQueue(printer, input);
  if ('problem' in chosen) {
    if (input.json && action === 'status') out(`${JSON.stringify({ server, queue: null, status: chosen.status, problem: chosen.problem }, null, 2)}\n`);
    else out(`${chosen.problem}\n`);
    return 1;
  }
  const { queue, source } = chosen;
  let state: DocumentPrinterState;
  try {
    state = await printer.printerState(queue);
  } catch (error) {
    const problem = describeError(error, queue, server);
    if (input.json && action === 'status') out(`${JSON.stringify({ server, queue, status: 'unknown', problem }, null, 2)}\n`);
    else out(`Queue: ${queue} (${source})\nStatus: unknown\n${problem}\n`);
    return 1;
  }
  if (action === 'status') {
    if (input.json) out(`${JSON.stringify({ server, ...state, queueFrom: source }, null, 2)}\n`);
    else out(describeState(state, source, server));
    return state.status === 'ready' ? 0 : 1;
  }
  return testPage(printer, state, source, input);
}

async function testPage(printer: DocumentPrinter, state: DocumentPrinterState, source: string, input: A4CommandInput): Promise<number> {
  const { out, config } = input;
  const { queue } = state;
  if (state.status !== 'ready') {
    out(describeState(state, source, defaultCupsServer(input.env)));
    out(`Refused: the queue is ${state.status}; no test page was sent. ${ADVICE[state.status] ?? ''}\n`);
    input.audit('technician', 'printer.a4.test', { queue, outcome: 'refused', status: state.status });
    return 1;
  }
  const media = config.letterPrinter.media;
  const pdf = await makeTestPage({ kioskName: config.kiosk.name, queue, media, at: new Date() });
  let jobId: number;
  try {
    ({ jobId } = await printer.submit(pdf, { queue, title: 'Halaman uji ADM', media }));
  } catch (error) {
    out(`Not sent: ${describeError(error, queue, defaultCupsServer(input.env))}\n`);
    input.audit('technician', 'printer.a4.test', { queue, outcome: 'not-sent', error: error instanceof DocumentPrinterError ? error.code : 'error' });
    return 1;
  }
  out(`Test page sent to ${queue} (${source}) as job ${jobId} on ${media}; following it (up to ${config.letterPrinter.jobTimeoutSeconds} s).\n`);
  const final = await watchPrintJob(printer, queue, jobId, {
    timeoutMs: config.letterPrinter.jobTimeoutSeconds * 1000,
    ...(input.pollMs === undefined ? {} : { pollMs: input.pollMs }),
    onState: (s) => out(`  ${describePrintState(s)}\n`),
  });
  input.audit('technician', 'printer.a4.test', { queue, jobId, outcome: final.phase === 'failed' ? `failed:${final.reason}` : final.phase });
  out(`Result: ${describePrintState(final)}\n`);
  if (final.phase !== 'completed') out(`The job may still be in CUPS: lpstat -o ${queue}; cancel it with cancel ${queue}-${jobId}.\n`);
  return final.phase === 'completed' ? 0 : 1;
}

type ChosenQueue = { queue: string; source: string } | { problem: string; status: 'unknown' };

async function chooseQueue(printer: DocumentPrinter, input: A4CommandInput): Promise<ChosenQueue> {
  if (input.queueOption) return { queue: input.queueOption, source: '--queue' };
  if (input.config.letterPrinter.queue) return { queue: input.config.letterPrinter.queue, source: 'letterPrinter.queue' };
  try {
    const { defaultQueue, queues } = await printer.queues();
    if (defaultQueue) return { queue: defaultQueue, source: "CUPS's default queue" };
    const names = queues.map((q) => q.queue);
    return {
      problem: `No queue given: letterPrinter.queue is not set and CUPS has no default queue. ${names.length ? `CUPS has: ${names.join(', ')}; use --queue NAME, set letterPrinter.queue, or lpadmin -d NAME.` : 'CUPS has no queue at all: set one up first (docs/installing.md).'}`,
      status: 'unknown',
    };
  } catch (error) {
    return { problem: describeError(error, null, defaultCupsServer(input.env)), status: 'unknown' };
  }
}

const ADVICE: Partial<Record<DocumentPrinterState['status'], string>> = {
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
      return `CUPS cannot be reached at ${server} (${error.detail}). Is cupsd running (systemctl status cups)?`;
    case 'no-queue':
      return `CUPS has no queue ${queue ?? ''}. lpstat -p lists the queues there are.`;
    case 'not-accepting':
      return `The queue ${queue ?? ''} is not accepting jobs: cupsaccept ${queue ?? 'QUEUE'}.`;
    case 'submit-failed':
      return `CUPS refused the job: ${error.detail}`;
  }
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
