import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDocumentPrinter } from '../../../src/devices/document-printer/fake-document-printer';
import { pdfText } from '../../../src/main/letters/pdf-text';
import { openAdminSession } from '../../helpers/admin-session';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function rig() {
  const printer = createFakeDocumentPrinter();
  printer.setQueue('Surat');
  printer.setQueue('Kantor', { status: 'media-empty', reasons: ['media-empty-error'] });
  printer.setDefault('Kantor');
  const kiosk = await coreWithSim(tempDir(), (config) => (config.letterPrinter.enabled = true), { documentPrinter: printer });
  close = kiosk.close;
  const { admin } = await openAdminSession(kiosk.core);
  return { ...kiosk, printer, admin };
}

describe("the admin's A4 / Surat section", () => {
  it("shows CUPS's queues and the one in use, and saves the technician's choice in config.json", async () => {
    const { admin, core, printer } = await rig();
    expect(await admin('admin.letterPrinter')).toMatchObject({
      ok: true,
      value: { enabled: true, configuredQueue: null, queueInUse: 'Kantor', defaultQueue: 'Kantor', cupsReachable: true, media: 'A4', printsPerLetterPerDay: 1, today: [] },
    });
    const chosen = await admin('admin.letterPrinterQueue', { queue: 'Surat' });
    expect(chosen).toMatchObject({ ok: true, value: { configuredQueue: 'Surat', queueInUse: 'Surat' } });
    expect(core.config().letterPrinter.queue).toBe('Surat');
    expect(await admin('admin.letterPrinterQueue', { queue: '../etc' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    printer.setUnreachable(true);
    expect(await admin('admin.letterPrinter')).toMatchObject({ ok: true, value: { cupsReachable: false, queues: [], queueInUse: 'Surat' } });
  });

  it('prints the kiosk-made test page on the queue in use, and refuses a printer out of paper without a job', async () => {
    const { admin, printer, core } = await rig();
    expect(await admin('admin.letterPrinterTest')).toMatchObject({ ok: true, value: { state: { phase: 'failed', reason: 'media-empty' }, jobId: null } });
    expect(printer.jobs).toHaveLength(0);
    await admin('admin.letterPrinterQueue', { queue: 'Surat' });
    printer.scriptNextJob(['processing', 'completed']);
    // What CUPS got (the fake forgets a purged job's bytes, as CUPS does).
    const sent: Uint8Array[] = [];
    const submit = printer.submit.bind(printer);
    printer.submit = async (pdf, options) => (sent.push(pdf.slice()), submit(pdf, options));
    const printed = await admin('admin.letterPrinterTest');
    expect(printed).toMatchObject({ ok: true, value: { state: { phase: 'completed' }, jobId: 1 } });
    const job = printer.jobs[0]!;
    expect(job.options.queue).toBe('Surat');
    expect(job.pdf).toHaveLength(0); // purged
    const text = await pdfText(sent[0]!);
    expect(text.pages).toBe(1);
    expect(text.text[0]).toContain('Surat');
    const audits = core.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'letter-printer.test'").all() as Array<{ detail: string }>;
    expect(audits.map((a) => JSON.parse(a.detail).outcome)).toEqual(['refused', 'completed']);
  });
});
