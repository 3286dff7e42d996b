import { afterEach, describe, expect, it } from 'vitest';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const budi = RESIDENTS[0]!;
const penduduk = LETTERS.find((l) => l.kode === 'S-02')!;
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function signedIn(adjust?: Parameters<typeof coreWithSim>[1]) {
  const rig = await coreWithSim(tempDir(), adjust);
  close = rig.close;
  expect((await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).ok).toBe(true);
  return rig;
}

const validRequest = { letterId: penduduk.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null };

describe('letters and requests', () => {
  it('lists letters with the resident\'s own documents, and caches them without', async () => {
    const rig = await signedIn();
    const listed = await rig.core.invoke('letters.list', {});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const value = listed.value as { letters: Array<{ code: string; requirements: Array<{ id: number; documents: unknown[] }> }>; fromCache: boolean };
    expect(value.fromCache).toBe(false);
    expect(value.letters).toHaveLength(15);
    const usaha = value.letters.find((l) => l.code === '500')!;
    expect(usaha.requirements.find((r) => r.id === 2)?.documents).toEqual([{ label: 'KK Budi Santoso', value: '500' }]);
    const cached = rig.core.db.prepare("SELECT value_json FROM reference_cache WHERE key = 'letters'").pluck().get() as string;
    expect(cached).not.toContain('KK Budi Santoso');
  });

  it('serves the letter list from the cache while the server is down', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.sim.setDown(true);
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin }); // offline session
    const listed = await rig.core.invoke('letters.list', {});
    expect(listed).toMatchObject({ ok: true, value: { fromCache: true } });
  });

  it('says plainly when no letter list was ever fetched', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    await rig.sim.setDown(true);
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(await rig.core.invoke('letters.list', {})).toMatchObject({ ok: false, error: { code: 'letters-unavailable' } });
  });

  it('stores a request before answering, then the worker sends it with the session token', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    const submitted = await rig.core.invoke('requests.submit', validRequest);
    expect(submitted).toMatchObject({ ok: true, value: { letterName: 'Keterangan Penduduk', verified: true } });
    if (!submitted.ok) return;
    const reference = (submitted.value as { reference: string }).reference;
    expect(reference).toMatch(/^ADM01-\d{6}-[2-9A-HJ-NP-Z]{5}$/);
    expect(rig.core.outbox.byReference(reference)).toMatchObject({ syncState: 'pending', verified: true });
    expect(rig.core.outbox.secret(rig.core.outbox.byReference(reference)!.id)?.secret.kind).toBe('token');
    await rig.core.sync.runOnce();
    expect(rig.core.outbox.byReference(reference)?.syncState).toBe('synced');
    expect(rig.sim.requests()).toHaveLength(1);
  });

  it('refuses missing answers with per-field messages, and stores nothing', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    const result = await rig.core.invoke('requests.submit', { ...validRequest, answers: { keperluan: '   ' } });
    expect(result).toEqual({
      ok: false,
      error: { code: 'validation', fields: { keperluan: 'required' } },
    });
    expect(rig.core.outbox.counts().pending).toBe(0); // nothing half-stored
  });

  it('accepts only the resident\'s own documents or "bring the original"', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    const foreign = await rig.core.invoke('requests.submit', { ...validRequest, requirements: { 2: '999' } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'requirement-invalid' } });
    const own = await rig.core.invoke('requests.submit', { ...validRequest, requirements: { 2: '500' } });
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    const stored = rig.core.outbox.byReference((own.value as { reference: string }).reference)!;
    expect(stored.requirements).toEqual({ 2: '500', 3: '-1' });
  });

  it('takes a request offline with the PIN sealed, and sends it when the server is back', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.sim.setDown(true);
    const session = await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(session).toMatchObject({ ok: true, value: { online: false } });
    await rig.core.invoke('letters.list', {});
    const submitted = await rig.core.invoke('requests.submit', validRequest);
    expect(submitted).toMatchObject({ ok: true, value: { verified: false } });
    if (!submitted.ok) return;
    const stored = rig.core.outbox.byReference((submitted.value as { reference: string }).reference)!;
    expect(rig.core.outbox.secret(stored.id)?.secret).toEqual({ kind: 'pin', pin: budi.pin });
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.sim.setDown(false);
    await rig.core.sync.runOnce();
    expect(rig.core.outbox.get(stored.id)?.syncState).toBe('synced');
    expect(rig.core.outbox.secret(stored.id)).toBeNull();
  });

  it('lists the server\'s requests merged with those still on the kiosk, and cancels', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    const first = await rig.core.invoke('requests.submit', validRequest);
    await rig.core.sync.runOnce();
    await rig.sim.setDown(true);
    await rig.core.invoke('requests.submit', validRequest); // cannot be sent now
    await rig.sim.setDown(false);
    const mine = await rig.core.invoke('requests.mine', {});
    expect(mine.ok).toBe(true);
    if (!mine.ok || !first.ok) return;
    const items = (mine.value as { items: Array<Record<string, unknown>>; fromServer: boolean }).items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ localState: 'waiting', statusCode: null, cancellable: false });
    expect(items[1]).toMatchObject({ serverId: 1, statusCode: 1, cancellable: true, reference: (first.value as { reference: string }).reference });
    expect(await rig.core.invoke('requests.cancel', { serverId: 1 })).toEqual({ ok: true, value: null });
    expect(await rig.core.invoke('requests.cancel', { serverId: 1 })).toMatchObject({ ok: false, error: { code: 'not-cancellable' } });
  });

  it('lists a request made offline at the time the resident made it, not when the server received it', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.sim.setDown(true);
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    const submitted = await rig.core.invoke('requests.submit', validRequest);
    if (!submitted.ok) throw new Error('submit');
    const { reference, createdAt } = submitted.value as { reference: string; createdAt: string };
    await rig.core.invoke('session.end', { reason: 'done' });
    // Sent once the connection is back, to a server whose clock says seven minutes later.
    rig.sim.setFaults({ clockOffsetSeconds: 7 * 60 });
    await rig.sim.setDown(false);
    await rig.core.sync.runOnce();
    expect(rig.core.outbox.byReference(reference)?.syncState).toBe('synced');
    const received = rig.sim.requests()[0]!;
    expect(received.tanggalKirim.getTime() - Date.parse(createdAt)).toBeGreaterThanOrEqual(7 * 60 * 1000 - 1000);

    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    const mine = await rig.core.invoke('requests.mine', {});
    if (!mine.ok) throw new Error('mine');
    expect((mine.value as { items: Array<Record<string, unknown>> }).items).toEqual([
      expect.objectContaining({ reference, serverId: received.id, submittedAt: createdAt, localState: null }),
    ]);
  });

  it('shows a request whose send is in doubt once, as the server\'s, before the worker adopts it', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    rig.sim.setFaults({ failAfterInsertRate: 1 });
    const submitted = await rig.core.invoke('requests.submit', validRequest);
    await rig.core.sync.runOnce(); // 500 after insert: on the server, still pending here
    rig.sim.setFaults({ failAfterInsertRate: 0 });
    if (!submitted.ok) throw new Error('submit');
    const reference = (submitted.value as { reference: string }).reference;
    expect(rig.core.outbox.byReference(reference)?.syncState).toBe('pending');
    const mine = await rig.core.invoke('requests.mine', {});
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    const items = (mine.value as { items: Array<Record<string, unknown>> }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ serverId: 1, statusCode: 1, reference, localState: null });
  });

  it('says "penyimpanan penuh" when the disk is full, confirms nothing, and works again once there is room', async () => {
    const rig = await signedIn();
    await rig.core.invoke('letters.list', {});
    const pages = rig.core.db.pragma('page_count', { simple: true }) as number;
    rig.core.db.pragma(`max_page_count = ${pages}`); // as good as a full disk for SQLite
    // Fill every free byte, big rows first, then small ones, in the tables a submit writes.
    const filler = rig.core.db.prepare(`INSERT INTO letter_request (reference, created_at, kiosk_name, letter_id, letter_slug, letter_name,
      requirements_json, verified, next_attempt_at, sync_state, note) VALUES (?, '', '', 0, '', '', '{}', 0, '', 'synced', ?)`);
    let n = 0;
    for (const size of [2000, 200, 20, 0]) {
      try {
        for (;;) filler.run(`FILL-${n++}`, 'x'.repeat(size));
      } catch (error) {
        expect(String(error)).toMatch(/full/);
      }
    }
    const full = await rig.core.invoke('requests.submit', validRequest);
    expect(full).toEqual({
      ok: false,
      error: { code: 'storage-full' },
    });
    expect(rig.core.outbox.counts().pending).toBe(0); // nothing half-stored
    expect(rig.core.db.prepare('SELECT count(*) FROM print_job').pluck().get()).toBe(0);
    rig.core.db.pragma('max_page_count = 1073741823');
    rig.core.db.prepare("DELETE FROM letter_request WHERE reference LIKE 'FILL-%'").run();
    expect((await rig.core.invoke('requests.submit', validRequest)).ok).toBe(true);
  });

  it('never lets a wrong PIN typed offline ride on the resident\'s earlier online sign-in', async () => {
    const rig = await signedIn(); // Budi signs in online
    await rig.core.invoke('letters.list', {});
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.sim.setDown(true);
    // Someone else types Budi's NIK with a wrong PIN and makes a request.
    expect(await rig.core.invoke('session.identify', { nik: budi.nik, pin: '000000' })).toMatchObject({ ok: true, value: { online: false } });
    const submitted = await rig.core.invoke('requests.submit', validRequest);
    if (!submitted.ok) throw new Error('submit');
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.sim.setDown(false);
    await rig.core.sync.runOnce();
    const reference = (submitted.value as { reference: string }).reference;
    expect(rig.core.outbox.byReference(reference)).toMatchObject({ syncState: 'rejected' });
    expect(rig.sim.requests()).toHaveLength(0);
  });
});
