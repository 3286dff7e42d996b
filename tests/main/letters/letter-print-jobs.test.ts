import { describe, expect, it } from 'vitest';
import { createFakeDocumentPrinter } from '../../../src/devices/document-printer/fake-document-printer';
import { DocumentPrinterError } from '../../../src/devices/document-printer/types';
import { defaultConfig } from '../../../src/main/config/schema';
import { createLetterPrintJobs } from '../../../src/main/letters/letter-print-jobs';
import { createSilentLogger } from '../../../src/main/logging/logger';
import type { LetterPrintState } from '../../../src/shared/signed-letters';

function rig(queue: string | null = null) {
  const printer = createFakeDocumentPrinter();
  const settings = { ...defaultConfig().letterPrinter, queue, jobTimeoutSeconds: 30 };
  const audits: Array<{ actor: string; action: string; detail: Record<string, unknown> }> = [];
  const jobs = createLetterPrintJobs({
    printer,
    settings: () => settings,
    audit: (actor, action, detail) => audits.push({ actor, action, detail: detail as Record<string, unknown> }),
    log: createSilentLogger().root,
  });
  const states: LetterPrintState[] = [];
  const request = { pdf: new Uint8Array([37, 80, 68, 70, 45]), title: 'ADM surat 1', actor: 'resident', action: 'letter.print', auditDetail: { letterId: '1' }, onState: (s: LetterPrintState) => states.push(s) };
  return { printer, jobs, audits, states, request, settings };
}

describe('print jobs on the A4 printer', () => {
  it("uses the configured queue, else CUPS's default, and says when there is none or CUPS does not answer", async () => {
    const { printer, jobs, request, audits } = rig();
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'unknown', outcome: 'refused' });
    printer.setQueue('A');
    printer.setQueue('B');
    printer.setDefault('B');
    expect(await jobs.queueChoice()).toMatchObject({ reachable: true, queueInUse: 'B', defaultQueue: 'B' });
    // A technician's --queue goes to that queue, whatever the default.
    printer.scriptNextJob(['completed']);
    const chosen = await jobs.start({ ...request, queue: 'A' });
    expect(chosen).toMatchObject({ ok: true, queue: 'A' });
    if (chosen.ok) await chosen.done;
    expect(printer.jobs.at(-1)!.options.queue).toBe('A');
    const configured = rig('A');
    configured.printer.setQueue('A');
    configured.printer.setDefault(null);
    expect(await configured.jobs.queueChoice()).toMatchObject({ queueInUse: 'A' });
    printer.setUnreachable(true);
    expect(await jobs.queueChoice()).toMatchObject({ reachable: false, queues: [] });
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'unknown', outcome: 'refused' });
    expect(printer.jobs).toHaveLength(1);
    expect(audits.map((a) => a.detail.outcome)).toEqual(['refused', 'completed', 'refused']);
  });

  it('sends nothing to a printer that is out of paper, offline or not accepting, and words a refused submit', async () => {
    const { printer, jobs, request } = rig('Surat');
    printer.setQueue('Surat', { status: 'media-empty', reasons: ['media-empty-error'] });
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'media-empty', outcome: 'refused' });
    printer.setQueue('Surat', { status: 'offline', reasons: ['offline-report'] });
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'offline', outcome: 'refused' });
    printer.setQueue('Surat', { status: 'ready', reasons: [], accepting: false });
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'stopped', outcome: 'refused' });
    expect(printer.jobs).toHaveLength(0);

    // The printer was ready when asked, then lp failed: stopped (not accepting), or an error.
    printer.setQueue('Surat', { accepting: true });
    const submit = printer.submit.bind(printer);
    printer.submit = async () => {
      throw new DocumentPrinterError('not-accepting', 'cupsreject');
    };
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'stopped', outcome: 'not-submitted' });
    printer.submit = async () => {
      throw new DocumentPrinterError('submit-failed', 'lp: Bad file descriptor');
    };
    expect(await jobs.start(request)).toEqual({ ok: false, status: 'error', outcome: 'not-submitted' });
    printer.submit = submit;
  });

  it('follows a job to its end, then purges it and audits the job id and outcome', async () => {
    const { printer, jobs, request, audits, states } = rig('Surat');
    printer.setQueue('Surat');
    printer.scriptNextJob(['processing', 'completed']);
    const started = await jobs.start(request);
    if (!started.ok) throw new Error('not started');
    expect(await started.done).toEqual({ phase: 'completed' });
    expect(states.at(-1)).toEqual({ phase: 'completed' });
    expect(printer.purged).toEqual([{ queue: 'Surat', jobId: started.jobId }]);
    expect(audits.at(-1)).toEqual({ actor: 'resident', action: 'letter.print', detail: { letterId: '1', queue: 'Surat', jobId: started.jobId, outcome: 'completed' } });
  });

  it('when the kiosk closes, stops following a job, cancels it (nobody will collect it) and records it as unknown', async () => {
    const { printer, jobs, request, audits } = rig('Surat');
    printer.setQueue('Surat');
    printer.scriptNextJob(['pending']);
    const started = await jobs.start(request);
    if (!started.ok) throw new Error('not started');
    await jobs.stop();
    expect(await started.done).toEqual({ phase: 'failed', reason: 'unknown' });
    expect(printer.purged).toHaveLength(1);
    expect(audits.at(-1)!.detail.outcome).toBe('unknown');
  });
});
