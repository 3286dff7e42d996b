import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDocumentPrinter, type FakeDocumentPrinter } from '../../../src/devices/document-printer/fake-document-printer';
import type { KioskConfig } from '../../../src/main/config/schema';
import type { EventPayload } from '../../../src/shared/contract';
import type { IssuedLetters, LetterFile } from '../../../src/shared/signed-letters';
import { ISSUED_LETTER_IDS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { openAdminSession } from '../../helpers/admin-session';
import { coreWithSim } from '../../helpers/core-with-sim';
import { startGatedProxy } from '../../helpers/gated-proxy';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

const BUDI = RESIDENTS[0]!;
const id = (n: number) => String(n);
const SIGNED = id(ISSUED_LETTER_IDS.budiSigned);

/** The rig, with the letter downloads held back by a proxy until the test releases them. */
async function rigWithHeldDownloads() {
  const proxy = await startGatedProxy(/\/surat\/\d+\/unduh$/);
  const kiosk = await rig((config) => (config.server.url = proxy.url), { beforeSignIn: (sim) => proxy.setTarget(sim) });
  const closeKiosk = close;
  close = async () => {
    await closeKiosk();
    await proxy.close();
  };
  return { ...kiosk, proxy };
}

async function rig(adjust: (config: KioskConfig) => void = () => {}, hooks: { beforeSignIn?: (simUrl: string) => void } = {}) {
  const printer: FakeDocumentPrinter = createFakeDocumentPrinter();
  printer.setQueue('Surat');
  printer.setDefault('Surat');
  const kiosk = await coreWithSim(
    tempDir(),
    (config) => {
      config.letterPrinter.enabled = true;
      adjust(config);
    },
    { documentPrinter: printer },
  );
  close = kiosk.close;
  hooks.beforeSignIn?.(kiosk.sim.url);
  const statuses: Array<EventPayload<'letters.printStatus'>> = [];
  kiosk.core.onEvent((name, payload) => {
    if (name === 'letters.printStatus') statuses.push(payload as EventPayload<'letters.printStatus'>);
  });
  const signIn = async (resident = BUDI) => expect(await kiosk.core.invoke('session.identify', { nik: resident.nik, pin: resident.pin })).toMatchObject({ ok: true });
  const list = async () => {
    const listed = await kiosk.core.invoke('letters.issued', {});
    if (!listed.ok) throw new Error(JSON.stringify(listed.error));
    return listed.value as IssuedLetters;
  };
  const finalOf = (printId: string) => statuses.find((s) => s.printId === printId && (s.state.phase === 'completed' || s.state.phase === 'failed'));
  const audits = () =>
    kiosk.core.db.prepare("SELECT actor, action, detail FROM audit_log WHERE action LIKE 'letter%' ORDER BY id").all() as Array<{ actor: string; action: string; detail: string }>;
  return { ...kiosk, printer, statuses, signIn, list, finalOf, audits };
}

describe('signed letters', () => {
  it("lists the resident's issued letters newest first, with the server's tte read exactly; only signed ones are printable", async () => {
    const kiosk = await rig();
    await kiosk.signIn();
    const { letters, printingOffered } = await kiosk.list();
    expect(printingOffered).toBe(true);
    expect(letters.map((l) => l.id)).toEqual(['404', '403', '402', '401', '400']);
    const byId = new Map(letters.map((l) => [l.id, l]));
    expect(byId.get('401')).toMatchObject({ signature: 'signed', printable: true, printsLeftToday: 1, number: '470/041/SKD/XI/2026' });
    expect(byId.get('402')).toMatchObject({ signature: 'waiting', printable: false });
    expect(byId.get('403')).toMatchObject({ signature: 'counter', printable: false });
    // Siti's letter is not in Budi's list.
    expect(byId.has(id(ISSUED_LETTER_IDS.sitiSigned))).toBe(false);
  });

  it('offers no printing where the kiosk has no letter printer set up, and needs the server for the list', async () => {
    const kiosk = await rig((config) => (config.letterPrinter.enabled = false));
    await kiosk.signIn();
    const { letters, printingOffered } = await kiosk.list();
    expect(printingOffered).toBe(false);
    expect(letters.every((l) => !l.printable)).toBe(true);
    expect(await kiosk.core.invoke('letters.print', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'letter-printing-off' } });
    expect(kiosk.printer.jobs).toHaveLength(0);

    await kiosk.core.invoke('session.end', { reason: 'done' });
    await kiosk.sim.setDown(true);
    await kiosk.signIn(); // an offline session
    expect(await kiosk.core.invoke('letters.issued', {})).toMatchObject({ ok: false, error: { code: 'needs-connection' } });
  });

  it("refuses a letter that is not in the resident's own list without asking the server, though the server would hand it over", async () => {
    const kiosk = await rig();
    await kiosk.signIn();
    const siti = id(ISSUED_LETTER_IDS.sitiSigned);
    // Before any list: nothing is known to be Budi's.
    expect(await kiosk.core.invoke('letters.file', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
    await kiosk.list();
    expect(await kiosk.core.invoke('letters.file', { id: siti })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
    expect(await kiosk.core.invoke('letters.print', { id: siti })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
    expect(kiosk.sim.apiCalls().filter((call) => call.path.endsWith('/unduh'))).toEqual([]);
    expect(kiosk.printer.jobs).toHaveLength(0);

    // The server itself checks no owner: Budi's token gets Siti's letter.
    const login = (await (await fetch(`${kiosk.sim.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ credential: BUDI.nik, password: BUDI.pin }),
    })).json()) as { data?: { attributes?: { access_token?: { token?: string } } } };
    const token = login.data?.attributes?.access_token?.token;
    expect(token).toBeTruthy();
    const direct = await fetch(`${kiosk.sim.url}/api/v1/layanan-mandiri/surat/${siti}/unduh`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    expect(direct.status).toBe(200);
    expect(Buffer.from(await direct.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // A new resident's session starts knowing nothing of the one before.
    await kiosk.core.invoke('session.end', { reason: 'done' });
    await kiosk.signIn(RESIDENTS[1]);
    expect(await kiosk.core.invoke('letters.file', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
  });

  it('gives a checked file for the preview; a missing file (200, empty body) and unsigned letters give none', async () => {
    const kiosk = await rig();
    await kiosk.signIn();
    await kiosk.list();
    const file = await kiosk.core.invoke('letters.file', { id: SIGNED });
    expect(file.ok).toBe(true);
    const value = (file as { value: LetterFile }).value;
    expect(value.pages).toBe(2);
    expect(Buffer.from(value.pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await kiosk.core.invoke('letters.file', { id: id(ISSUED_LETTER_IDS.budiSignedMissing) })).toMatchObject({ ok: false, error: { code: 'letter-file-missing' } });
    expect(await kiosk.core.invoke('letters.print', { id: id(ISSUED_LETTER_IDS.budiSignedMissing) })).toMatchObject({ ok: false, error: { code: 'letter-file-missing' } });
    expect(await kiosk.core.invoke('letters.file', { id: '402' })).toMatchObject({ ok: false, error: { code: 'letter-not-signed' } });
    expect(await kiosk.core.invoke('letters.print', { id: '403' })).toMatchObject({ ok: false, error: { code: 'letter-not-signed' } });
    expect(kiosk.printer.jobs).toHaveLength(0);
  });

  it('prints a signed letter once a day: says completed only when CUPS did, purges the job, audits it; a technician allows one more', async () => {
    const kiosk = await rig();
    await kiosk.signIn();
    await kiosk.list();
    const file = (await kiosk.core.invoke('letters.file', { id: SIGNED })) as { ok: true; value: LetterFile };
    kiosk.printer.scriptNextJob(['pending', 'processing', 'completed']);
    const printed = await kiosk.core.invoke('letters.print', { id: SIGNED });
    expect(printed.ok).toBe(true);
    const { printId } = (printed as { value: { printId: string } }).value;
    await expect.poll(() => kiosk.finalOf(printId)?.state, { timeout: 10_000 }).toEqual({ phase: 'completed' });
    // Nothing said "completed" before CUPS did, and the job went out as the letter previewed, fitted to A4.
    const phases = kiosk.statuses.filter((s) => s.printId === printId).map((s) => s.state.phase);
    expect(phases.at(-1)).toBe('completed');
    expect(phases.filter((p) => p === 'completed')).toHaveLength(1);
    const [job] = kiosk.printer.jobs;
    expect(job!.options).toMatchObject({ queue: 'Surat', media: 'A4' });
    expect(job!.options.title).not.toContain(BUDI.nik);
    expect(kiosk.printer.purged).toEqual([{ queue: 'Surat', jobId: 1 }]);
    expect(Buffer.from(file.value.pdf, 'base64').length).toBeGreaterThan(1024);

    const audits = kiosk.audits();
    expect(audits.at(-1)).toMatchObject({ actor: 'resident', action: 'letter.print' });
    const detail = JSON.parse(audits.at(-1)!.detail) as Record<string, unknown>;
    expect(detail).toMatchObject({ letterId: SIGNED, jobId: 1, outcome: 'completed' });
    expect(JSON.stringify(audits)).not.toContain(BUDI.nik);

    // A second print the same day is refused; the list says so before the resident tries.
    expect((await kiosk.list()).letters.find((l) => l.id === SIGNED)!.printsLeftToday).toBe(0);
    expect(await kiosk.core.invoke('letters.print', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'letter-print-limit', params: { count: 1 } } });
    expect(kiosk.printer.jobs).toHaveLength(1);

    const { admin } = await openAdminSession(kiosk.core);
    // Only a letter printed here today can be allowed another print.
    expect(await admin('admin.letterPrintAllow', { letterId: '402' })).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    const view = await admin('admin.letterPrinter');
    expect(view).toMatchObject({ ok: true, value: { enabled: true, queueInUse: 'Surat', cupsReachable: true, today: [{ letterId: SIGNED, prints: 1, allowedExtra: 0 }] } });
    expect(await admin('admin.letterPrintAllow', { letterId: SIGNED })).toMatchObject({ ok: true, value: { today: [{ letterId: SIGNED, prints: 1, allowedExtra: 1 }] } });
    await admin('admin.lock');
    // Opening admin ended Budi's session: he signs in again and opens his list.
    await kiosk.signIn();
    await kiosk.list();
    kiosk.printer.scriptNextJob(['completed']);
    const again = await kiosk.core.invoke('letters.print', { id: SIGNED });
    expect(again.ok).toBe(true);
    await expect.poll(() => kiosk.finalOf((again as { value: { printId: string } }).value.printId)?.state, { timeout: 10_000 }).toEqual({ phase: 'completed' });
    expect(await kiosk.core.invoke('letters.print', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'letter-print-limit' } });
    expect(kiosk.audits().map((a) => a.action)).toContain('letter.allowAnother');
  });

  it('refuses a stopped printer before any job, and a failed job leaves the day\'s print for another try', async () => {
    const kiosk = await rig();
    await kiosk.signIn();
    await kiosk.list();
    kiosk.printer.setQueue('Surat', { status: 'stopped', reasons: ['paused'] });
    expect(await kiosk.core.invoke('letters.print', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'letter-printer-problem', params: { status: 'stopped' } } });
    kiosk.printer.setQueue('Surat', { status: 'ready', reasons: [], accepting: false });
    expect(await kiosk.core.invoke('letters.print', { id: SIGNED })).toMatchObject({ ok: false, error: { code: 'letter-printer-problem', params: { status: 'stopped' } } });
    expect(kiosk.printer.jobs).toHaveLength(0);

    kiosk.printer.setQueue('Surat', { status: 'ready', accepting: true });
    kiosk.printer.scriptNextJob(['processing', 'aborted']);
    const printed = (await kiosk.core.invoke('letters.print', { id: SIGNED })) as { ok: true; value: { printId: string } };
    await expect.poll(() => kiosk.finalOf(printed.value.printId)?.state, { timeout: 10_000 }).toEqual({ phase: 'failed', reason: 'aborted' });
    expect((await kiosk.list()).letters.find((l) => l.id === SIGNED)!.printsLeftToday).toBe(1);
    expect(kiosk.printer.purged).toHaveLength(1);
    expect(kiosk.audits().map((a) => JSON.parse(a.detail).outcome as string)).toEqual(['refused', 'refused', 'aborted']);
  });

  it('lets only one of two taps at once print when one print is left', async () => {
    const kiosk = await rig();
    await kiosk.signIn();
    await kiosk.list();
    kiosk.printer.scriptNextJob(['processing', 'processing', 'completed']);
    const both = await Promise.all([kiosk.core.invoke('letters.print', { id: SIGNED }), kiosk.core.invoke('letters.print', { id: SIGNED })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { code: 'letter-print-limit' } });
    expect(kiosk.printer.jobs).toHaveLength(1);
  });

  it('neither prints nor hands over a letter whose file came after the resident\'s session ended', async () => {
    const kiosk = await rigWithHeldDownloads();
    await kiosk.signIn();
    await kiosk.list();
    const printing = kiosk.core.invoke('letters.print', { id: SIGNED });
    // The server has checked the token and sent the file; it is on its way when the resident leaves.
    await expect.poll(() => kiosk.proxy.heldCount()).toBe(1);
    await kiosk.core.invoke('session.end', { reason: 'idle' });
    kiosk.proxy.release();
    expect(await printing).toMatchObject({ ok: false, error: { code: 'session-required' } });
    expect(kiosk.printer.jobs).toHaveLength(0);

    await kiosk.signIn();
    expect((await kiosk.list()).letters.find((l) => l.id === SIGNED)!.printsLeftToday).toBe(1);
    const opening = kiosk.core.invoke('letters.file', { id: SIGNED });
    await expect.poll(() => kiosk.proxy.heldCount()).toBe(2);
    await kiosk.core.invoke('session.end', { reason: 'idle' });
    kiosk.proxy.release();
    expect(await opening).toMatchObject({ ok: false, error: { code: 'session-required' } });
  });

  it('downloads a letter once however many calls ask for it at the same time', async () => {
    const kiosk = await rigWithHeldDownloads();
    await kiosk.signIn();
    await kiosk.list();
    kiosk.printer.scriptNextJob(['completed']);
    const calls = [
      ...Array.from({ length: 5 }, () => kiosk.core.invoke('letters.file', { id: SIGNED })),
      kiosk.core.invoke('letters.print', { id: SIGNED }),
    ];
    await expect.poll(() => kiosk.proxy.heldCount()).toBe(1);
    kiosk.proxy.release();
    const answers = await Promise.all(calls);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(kiosk.sim.apiCalls().filter((call) => call.path.endsWith('/unduh')).map((call) => call.path)).toEqual([`/api/v1/layanan-mandiri/surat/${SIGNED}/unduh`]);
    expect(kiosk.printer.jobs).toHaveLength(1);
  });
});
