import { afterEach, describe, expect, it } from 'vitest';
import type { AdminReaders } from '../../../src/shared/admin-contract';
import { createFakeInputSources } from '../../../src/devices/input/input-sources';
import { parseUid } from '../../../src/devices/input/scan-event';
import { RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
const budi = RESIDENTS[0]!;
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function adminKiosk() {
  const sources = createFakeInputSources();
  const rig = await coreWithSim(tempDir(), (config) => {
    config.input.pcsc = true;
  }, { inputSources: sources.start });
  close = rig.close;
  rig.core.startBackground();
  const { admin } = await openAdminSession(rig.core);
  const readers = async () => ((await admin('admin.readers', { devices: false })) as { ok: true; value: AdminReaders }).value;
  let clock = 5000;
  /** A keyboard-wedge reader in the admin window's test area. */
  const typeIn = async (text: string, gapMs = 10) => {
    for (const key of [...text, 'Enter']) {
      clock += gapMs;
      expect(await admin('admin.readerKey', { key, atMs: clock })).toEqual({ ok: true, value: null });
    }
    clock += 1000;
  };
  return { ...rig, sources, admin, readers, typeIn };
}

describe('admin readers screen', () => {
  it('logs what each reader did, newest first, never whose: a card by its last 4 hex digits, a code by its length', async () => {
    const { core, sources, readers, typeIn } = await adminKiosk();
    await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await core.invoke('session.end', { reason: 'done' });

    sources.emit({ kind: 'card', uid: parseUid(budi.tagIdCard!)! }, 'pcsc');
    await typeIn('AABBCCDD');
    await typeIn('1234'); // shorter than input.minLength (8)
    sources.emit({ kind: 'code', text: 'HELLO-WORLD-123' }, 'serial');

    const { events } = await readers();
    expect(events.map(({ source, kind, detail }) => ({ source, kind, detail }))).toEqual([
      { source: 'serial', kind: 'code', detail: '15 karakter, bukan struk kios ini' },
      { source: 'keyboard', kind: 'rejected', detail: '4 karakter: lebih pendek dari 8, diabaikan' },
      { source: 'keyboard', kind: 'card', detail: 'UID …CCDD · NIK belum dikenal' },
      { source: 'pcsc', kind: 'card', detail: `UID …${parseUid(budi.tagIdCard!)!.slice(-4)} · NIK dikenal` },
    ]);
    expect(JSON.stringify(events)).not.toContain(budi.nik);
    expect(JSON.stringify(events)).not.toContain('AABBCCDD');
  });

  it('shows each device reader\'s last state, and drops those no longer configured', async () => {
    const { core, sources, readers, admin } = await adminKiosk();
    sources.status({ source: 'pcsc', status: { state: 'ready', readers: ['Virtual PCD 00 00'], cards: [] } });
    expect((await readers()).sources).toEqual([{ source: 'pcsc', state: 'ready', detail: 'Virtual PCD 00 00' }]);
    sources.status({ source: 'pcsc', status: { state: 'no-daemon' } });
    expect((await readers()).sources).toEqual([{ source: 'pcsc', state: 'no-daemon', detail: null }]);
    expect(await admin('admin.saveSettings', { values: { 'input.pcsc': false } })).toMatchObject({ ok: true });
    expect(core.config().input.pcsc).toBe(false);
    expect((await readers()).sources).toEqual([]);
  });

  it('a threshold changed on the screen applies to the next scan at once', async () => {
    const { readers, typeIn, admin } = await adminKiosk();
    await typeIn('12345'); // 5 < 8: not a scan
    expect(await admin('admin.saveSettings', { values: { 'input.minLength': 4 } })).toMatchObject({ ok: true });
    await typeIn('12345');
    const kinds = (await readers()).events.map((event) => event.kind);
    expect(kinds).toEqual(['code', 'rejected']); // read as a scan now (not one of this kiosk's receipts)
  });

  it('while admin is open a tapped card or scanned receipt reaches no resident screen, but is logged and can be registered', async () => {
    const { core, sources, readers, admin, typeIn } = await adminKiosk();
    const pushed: string[] = [];
    core.onEvent((name) => pushed.push(name));
    sources.emit({ kind: 'card', uid: parseUid(budi.tagIdCard!)! }, 'pcsc');
    await typeIn('AABBCCDD');
    expect(pushed.filter((name) => name.startsWith('input.'))).toEqual([]);
    expect((await readers()).events.map((event) => event.kind)).toEqual(['card', 'card']);
    const status = (await admin('admin.status')) as { ok: true; value: { reader: { lastEvent: unknown } } };
    expect(status.value.reader.lastEvent).toEqual({ kind: 'card', at: expect.any(String) });
    expect(await admin('admin.registerCard', { label: 'Teknisi Andi' })).toMatchObject({ ok: true, value: { cards: [{ label: 'Teknisi Andi' }] } });

    await admin('admin.lock');
    for (const [i, key] of [...'11223344', 'Enter'].entries()) await core.invoke('input.key', { key, atMs: 90_000 + i * 10 });
    expect(pushed).toContain('input.card');
  });

  it('is refused without an admin session; the test keys are checked like the kiosk window\'s', async () => {
    const { core, admin } = await adminKiosk();
    expect(await core.invokeAdmin('admin.readers', { devices: false }, asPage())).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await core.invokeAdmin('admin.readerKey', { key: 'A', atMs: 1 }, asPage())).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await admin('admin.readerKey', { key: 'x'.repeat(33), atMs: 1 })).toEqual({ ok: false, error: { code: 'invalid-input' } });
  });
});
