import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeInputSources } from '../../../src/devices/input/input-sources';
import { parseUid } from '../../../src/devices/input/scan-event';
import type { KioskCore } from '../../../src/main/core';
import { saveConfig } from '../../../src/main/config/store';
import { RECEIPT_LOOKUPS_PER_MINUTE } from '../../../src/main/session/receipt-lookups';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
const budi = RESIDENTS[0]!; // the village server knows his card: tag_id_card 1234567890
const siti = RESIDENTS[1]!; // no card registered at the server
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function kiosk(options: Parameters<typeof coreWithSim>[2] = {}, adjust: Parameters<typeof coreWithSim>[1] = () => {}) {
  const dataDir = tempDir();
  const rig = await coreWithSim(dataDir, adjust, options);
  close = rig.close;
  const events: Array<{ name: string; payload: unknown }> = [];
  rig.core.onEvent((name, payload) => events.push({ name, payload }));
  let clock = 1000;
  /** What a keyboard-wedge device types: each key `gapMs` after the last, then Enter. */
  const burst = async (text: string, gapMs = 10, end = 'Enter') => {
    for (const key of [...text, end]) {
      clock += gapMs;
      expect(await rig.core.invoke('input.key', { key, atMs: clock })).toEqual({ ok: true, value: null });
    }
    clock += 1000;
  };
  return { ...rig, dataDir, events, burst };
}
type Kiosk = Awaited<ReturnType<typeof kiosk>>;

/** Budi signs in, requests a letter and leaves: the receipt a scan or a status look-up will ask about. */
async function budiRequestsALetter(core: KioskCore): Promise<{ reference: string; queueNumber: string }> {
  await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
  await core.invoke('letters.list', {});
  const letter = LETTERS.find((l) => l.kode === 'S-02')!;
  const submitted = await core.invoke('requests.submit', { letterId: letter.id, answers: { keperluan: 'Kerja' }, requirements: {}, phone: budi.noTelepon!, note: null });
  if (!submitted.ok) throw new Error('submit');
  await core.invoke('session.end', { reason: 'done' });
  return submitted.value as { reference: string; queueNumber: string };
}

describe('card readers and scanners (keyboard wedge)', () => {
  it('a tapped card fills in the NIK the server registered it for, once that resident has signed in here', async () => {
    const { core, events, burst } = await kiosk();
    await burst(budi.tagIdCard!);
    expect(events.filter((e) => e.name === 'input.card')).toEqual([{ name: 'input.card', payload: { nik: null } }]);
    await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await core.invoke('session.end', { reason: 'done' });
    events.length = 0;
    await burst(budi.tagIdCard!, 90); // a slow reader
    expect(events).toContainEqual({ name: 'input.card', payload: { nik: budi.nik } });
  });

  it('learns a card tapped just before a sign-in, stored only as a keyed hash, with the NIK sealed', async () => {
    const { core, events, burst } = await kiosk();
    await burst('AABBCCDD');
    await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin, cardTapped: true });
    await core.invoke('session.end', { reason: 'done' });
    events.length = 0;
    await burst('2864434397'); // the same card, printed as a decimal by another reader
    expect(events).toContainEqual({ name: 'input.card', payload: { nik: siti.nik } });
    const rows = core.db.prepare('SELECT uid_hash, nik, sealed_nik, source FROM card_hint').all() as Array<{ uid_hash: string; nik: string; sealed_nik: Buffer; source: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nik: '', source: 'tap' });
    for (const row of rows) {
      expect(row.sealed_nik.includes(siti.nik)).toBe(false);
      expect(row.uid_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.uid_hash).not.toContain('aabbccdd');
      expect(row.uid_hash).not.toContain(parseUid('AABBCCDD')!.toLowerCase());
    }
  });

  it('a scanned receipt of this kiosk opens its status, without personal data', async () => {
    const { core, events, burst } = await kiosk();
    const { reference, queueNumber } = await budiRequestsALetter(core);
    await burst(reference, 8);
    expect(events).toContainEqual({ name: 'input.receipt', payload: { reference } });
    const status = await core.invoke('requests.receiptStatus', { reference });
    expect(status).toMatchObject({ ok: true, value: { reference, letterName: 'Keterangan Penduduk', queueNumber, localState: 'waiting' } });
    expect(JSON.stringify(status)).not.toContain(budi.nama);
    expect(JSON.stringify(status)).not.toContain(budi.nik);
    await burst('ADM09-261201-ZZZZZ'); // not one of ours
    expect(events.filter((e) => e.name === 'input.receipt')).toHaveLength(1);
  });

  it('typing at human speed is never a scan', async () => {
    const { events, burst } = await kiosk();
    await burst('2864434397', 250);
    await burst('3201011501850001', 200);
    expect(events.filter((e) => e.name.startsWith('input.'))).toEqual([]);
  });
});

/** A card the village server knows nothing of: a stranger's, or someone's new e-KTP. */
const STRANGER_CARD = 'DEADBEEF';

/** Opens admin the way a technician does (a PIN set on the PC, then unlocked). */
async function openAdmin(k: Kiosk): Promise<string> {
  return (await openAdminSession(k.core)).session;
}

describe('a tapped card is learned only by the sign-in that directly follows it in the same visit', () => {
  // Each row is a first visit in which the stranger's card is tapped and which then ends without a sign-in that
  // could claim the card; the resident who signs in next must not be taught it.
  const visitsThatEndTheTap: Array<[string, (k: Kiosk) => Promise<void>]> = [
    ['tapped, then "Batal" before any sign-in', async ({ core, burst }) => {
      await burst(STRANGER_CARD);
      await core.invoke('session.end', { reason: 'cancel' });
    }],
    ['tapped, then the idle reset before any sign-in', async ({ core, burst }) => {
      await burst(STRANGER_CARD);
      await core.invoke('session.end', { reason: 'idle' });
    }],
    ['tapped, a wrong PIN, then "Batal"', async ({ core, burst }) => {
      await burst(STRANGER_CARD);
      expect(await core.invoke('session.identify', { nik: budi.nik, pin: '000000' })).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
      await core.invoke('session.end', { reason: 'cancel' });
    }],
    ['tapped, then admin opened (which ends the resident\'s visit) and closed', async (k) => {
      await k.burst(STRANGER_CARD);
      const session = await openAdmin(k);
      await k.core.invokeAdmin('admin.lock', {}, asPage(session));
    }],
    ['tapped while admin was open (a technician testing the reader)', async (k) => {
      const session = await openAdmin(k);
      await k.burst(STRANGER_CARD);
      await k.core.invokeAdmin('admin.lock', {}, asPage(session));
    }],
    ['tapped during another resident\'s session, then "Keluar"', async ({ core, burst }) => {
      expect(await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).toMatchObject({ ok: true });
      await burst(STRANGER_CARD);
      await core.invoke('session.end', { reason: 'done' });
    }],
    ['tapped during another resident\'s session, then its time limit', async ({ core, burst }) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        expect(await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).toMatchObject({ ok: true });
        await burst(STRANGER_CARD);
        vi.advanceTimersByTime(61_000);
      } finally {
        vi.useRealTimers();
      }
      expect(await core.invoke('session.extend', {})).toEqual({ ok: false, error: { code: 'session-ended' } });
    }],
    ['tapped during an offline session, then "Keluar"', async ({ core, sim, burst }) => {
      await sim.setDown(true);
      expect(await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).toMatchObject({ ok: true, value: { online: false } });
      await burst(STRANGER_CARD);
      await core.invoke('session.end', { reason: 'done' });
      await sim.setDown(false);
    }],
  ];

  it.each(visitsThatEndTheTap)('%s: the next resident who signs in is not given that card', async (_visit, firstVisit) => {
    const k = await kiosk({}, (config) => {
      config.session.maxMinutes = 1;
    });
    await firstVisit(k);
    // Even a sign-in that says a card was tapped first (as the screen does, or a page that lies) learns nothing.
    expect(await k.core.invoke('session.identify', { nik: siti.nik, pin: siti.pin, cardTapped: true })).toMatchObject({ ok: true, value: { online: true } });
    await k.core.invoke('session.end', { reason: 'done' });

    k.events.length = 0;
    await k.burst(STRANGER_CARD);
    expect(k.events.filter((e) => e.name === 'input.card')).toEqual([{ name: 'input.card', payload: { nik: null } }]);
    expect(k.core.db.prepare("SELECT count(*) FROM card_hint WHERE source = 'tap'").pluck().get()).toBe(0);
  });

  it('a tap the screen did not see before the NIK was typed (a bystander\'s, during the PIN) is not learned', async () => {
    const { core, events, burst } = await kiosk();
    await burst(STRANGER_CARD);
    expect(await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin })).toMatchObject({ ok: true });
    await core.invoke('session.end', { reason: 'done' });
    events.length = 0;
    await burst(STRANGER_CARD);
    expect(events.filter((e) => e.name === 'input.card')).toEqual([{ name: 'input.card', payload: { nik: null } }]);
  });

  it('a second card tapped in the visit (a bystander\'s, during the PIN) makes the kiosk learn neither, and never moves a known card', async () => {
    const { core, events, burst } = await kiosk();
    // Siti's card is known.
    await burst('AABBCCDD');
    expect(await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin, cardTapped: true })).toMatchObject({ ok: true });
    await core.invoke('session.end', { reason: 'done' });
    // Budi taps his own unknown card, types his NIK; while he types his PIN, Siti taps hers.
    await burst(STRANGER_CARD);
    await burst('AABBCCDD');
    expect(await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin, cardTapped: true })).toMatchObject({ ok: true });
    await core.invoke('session.end', { reason: 'done' });
    events.length = 0;
    await burst('AABBCCDD');
    await burst(STRANGER_CARD);
    expect(events.filter((e) => e.name === 'input.card')).toEqual([
      { name: 'input.card', payload: { nik: siti.nik } },
      { name: 'input.card', payload: { nik: null } },
    ]);
  });

  it('a card tapped and then followed by a sign-in in the same visit is still learned, even after a wrong PIN', async () => {
    const { core, events, burst } = await kiosk();
    await burst(STRANGER_CARD);
    expect(await core.invoke('session.identify', { nik: siti.nik, pin: '000000', cardTapped: true })).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
    expect(await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin, cardTapped: true })).toMatchObject({ ok: true });
    await core.invoke('session.end', { reason: 'done' });
    events.length = 0;
    await burst(STRANGER_CARD);
    expect(events).toContainEqual({ name: 'input.card', payload: { nik: siti.nik } });
  });
});

describe('card hints over time', () => {
  it('forgets, with the background work, a card hint unused for the retention period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const learnedAt = Date.parse('2026-03-01T08:00:00Z');
      vi.setSystemTime(learnedAt);
      const { core, events, burst } = await kiosk({}, (config) => {
        config.sync.retentionDays = 30;
      });
      await burst(STRANGER_CARD);
      expect(await core.invoke('session.identify', { nik: siti.nik, pin: siti.pin, cardTapped: true })).toMatchObject({ ok: true });
      await core.invoke('session.end', { reason: 'done' });
      expect(core.db.prepare('SELECT count(*) FROM card_hint').pluck().get()).toBe(1);

      vi.setSystemTime(learnedAt + 31 * 86_400_000);
      core.startBackground();
      // The attract screen's profile refresh starts with it: let it land before the core closes.
      await expect.poll(() => events.some((e) => e.name === 'kiosk.attractChanged')).toBe(true);
      events.length = 0;
      await burst(STRANGER_CARD);
      expect(events).toContainEqual({ name: 'input.card', payload: { nik: null } });
      expect(core.db.prepare('SELECT count(*) FROM card_hint').pluck().get()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('receipt look-ups are limited kiosk-wide, so references cannot be guessed', () => {
  const START = Date.parse('2026-03-01T08:00:00Z');
  // Guesses of the shape of a reference, and other things a script might send.
  const guesses = ['ADM-260301-AAAAA', 'ADM-260301-AAAAB', 'adm-260301-aaaac', 'X', 'ADM-260301-%', "' OR 1=1 --", 'ADM-260301-\u0000AAAA'];
  const guess = (i: number) => guesses[i % guesses.length]!;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it(`answers ${RECEIPT_LOOKUPS_PER_MINUTE} receipt statuses in a minute, refuses the next with the seconds to wait, and answers again after the minute`, async () => {
    const { core } = await kiosk();
    for (let i = 0; i < RECEIPT_LOOKUPS_PER_MINUTE; i++) {
      expect(await core.invoke('requests.receiptStatus', { reference: guess(i) })).toEqual({ ok: false, error: { code: 'receipt-unknown' } });
    }
    expect(await core.invoke('requests.receiptStatus', { reference: guess(0) })).toEqual({ ok: false, error: { code: 'receipts-rate-limited', params: { count: 60 } } });
    vi.setSystemTime(START + 59_500);
    expect(await core.invoke('requests.receiptStatus', { reference: guess(1) })).toEqual({ ok: false, error: { code: 'receipts-rate-limited', params: { count: 1 } } });
    vi.setSystemTime(START + 60_000);
    expect(await core.invoke('requests.receiptStatus', { reference: guess(2) })).toEqual({ ok: false, error: { code: 'receipt-unknown' } });
  });

  it('a scanned code counts too: past the limit a real receipt opens nothing, until the minute has passed', async () => {
    const { core, events, burst } = await kiosk();
    const { reference } = await budiRequestsALetter(core);

    // One real scan and its status screen, then scanned guesses up to the limit.
    await burst(reference, 8);
    expect(await core.invoke('requests.receiptStatus', { reference })).toMatchObject({ ok: true });
    for (let i = 2; i < RECEIPT_LOOKUPS_PER_MINUTE; i++) await burst(`ADM-260301-${'ABCDEFGHJKMNPQRSTUVWXYZ'[i]}QQQQ`, 8);
    expect(events.filter((e) => e.name === 'input.receipt')).toHaveLength(1);
    await burst(reference, 8);
    expect(events.filter((e) => e.name === 'input.receipt')).toHaveLength(1);
    vi.setSystemTime(START + 60_000);
    await burst(reference, 8);
    expect(events.filter((e) => e.name === 'input.receipt')).toHaveLength(2);
  });

  it('a sign-in with a receipt takes from the same budget, so it tells no more than the status does', async () => {
    const { core } = await kiosk();
    const { reference } = await budiRequestsALetter(core);
    for (let i = 0; i < RECEIPT_LOOKUPS_PER_MINUTE; i++) {
      expect(await core.invoke('session.identifyByReceipt', { reference: guess(i), pin: '000000' })).toMatchObject({ ok: false, error: { code: 'receipt-unknown' } });
    }
    // The real reference and a guess now answer alike: nothing is looked up.
    for (const asked of [reference, guess(0)]) {
      expect(await core.invoke('session.identifyByReceipt', { reference: asked, pin: '000000' })).toEqual({ ok: false, error: { code: 'receipts-rate-limited', params: { count: 60 } } });
    }
    expect(await core.invoke('requests.receiptStatus', { reference })).toMatchObject({ ok: false, error: { code: 'receipts-rate-limited' } });
  });

  it('a scanned code that cannot be a reference (a product barcode) spends nothing of the budget', async () => {
    const { core, events, burst } = await kiosk();
    const { reference } = await budiRequestsALetter(core);
    for (let i = 0; i < RECEIPT_LOOKUPS_PER_MINUTE * 2; i++) await burst('8991234567890', 8);
    await burst(reference, 8);
    expect(events.filter((e) => e.name === 'input.receipt')).toEqual([{ name: 'input.receipt', payload: { reference } }]);
  });
});

describe('the latest status of a scanned receipt', () => {
  async function budiRequest() {
    const rig = await kiosk();
    const { reference } = await budiRequestsALetter(rig.core);
    await rig.core.sync.runOnce();
    return { ...rig, reference };
  }

  it('signs the owner in with the PIN alone (the NIK comes from the kiosk\'s record); their requests carry the server\'s status', async () => {
    const { core, sim, reference } = await budiRequest();
    const sent = core.outbox.byReference(reference)!;
    expect(sent.syncState).toBe('synced');
    sim.setStatus(sent.serverId!, 3); // the office finished it: ready to collect

    const signedIn = await core.invoke('session.identifyByReceipt', { reference, pin: budi.pin });
    expect(signedIn).toEqual({ ok: true, value: { name: budi.nama, maskedNik: '320101******0001', online: true, phone: expect.any(String) } });
    const mine = await core.invoke('requests.mine', {});
    expect(mine).toMatchObject({ ok: true, value: { fromServer: true } });
    const item = (mine as { value: { items: Array<{ reference: string | null; statusCode: number | null }> } }).value.items.find((i) => i.reference === reference);
    expect(item?.statusCode).toBe(3);
  });

  it('a wrong PIN counts against that NIK like any other sign-in; an unknown or purged receipt asks for the NIK', async () => {
    const { core, reference } = await budiRequest();
    const wrong = await core.invoke('session.identifyByReceipt', { reference, pin: '000000' });
    expect(wrong).toEqual({ ok: false, error: { code: 'wrong-pin', params: { count: 2 } } });
    // The same NIK typed by hand shares the count.
    expect(await core.invoke('session.identify', { nik: budi.nik, pin: '000000' })).toEqual({ ok: false, error: { code: 'wrong-pin', params: { count: 1 } } });

    expect(await core.invoke('session.identifyByReceipt', { reference: 'ADM09-261201-ZZZZZ', pin: budi.pin })).toEqual({ ok: false, error: { code: 'receipt-unknown' } });
    core.outbox.purgePersonalData(new Date(Date.now() + 60_000));
    expect(await core.invoke('session.identifyByReceipt', { reference, pin: budi.pin })).toEqual({ ok: false, error: { code: 'receipt-purged' } });
  });
});

describe('device readers (PC/SC, serial, HID) through the one source factory', () => {
  it('starts the configured sources with the background work; their cards and receipts reach the screen like a wedge reader\'s', async () => {
    const sources = createFakeInputSources();
    const { core, events } = await kiosk({ inputSources: sources.start });
    expect(sources.config).toBeNull(); // nothing reads devices before the hosts start the background work
    core.startBackground();
    expect(sources.config).toEqual({ reversedUid: false, cardPrefix: '', pcsc: false, serialScanner: null, hid: null });

    await core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await core.invoke('session.end', { reason: 'done' });
    sources.emit({ kind: 'card', uid: parseUid(budi.tagIdCard!)! }, 'hid');
    expect(events).toContainEqual({ name: 'input.card', payload: { nik: budi.nik } });
    sources.emit({ kind: 'card', uid: '04A1B2C3D4E5F6' }, 'pcsc');
    expect(events).toContainEqual({ name: 'input.card', payload: { nik: null } });
    sources.emit({ kind: 'code', text: 'ADM09-261201-ZZZZZ' }, 'serial'); // not a receipt of this kiosk
    expect(events.filter((e) => e.name === 'input.receipt')).toEqual([]);

    sources.status({ source: 'pcsc', status: { state: 'no-daemon' } }); // a status, never a crash
    expect((await core.invoke('kiosk.getInfo', {})).ok).toBe(true);
    await core.close();
    expect(sources.config).toBeNull();
  });

  it('restarts the sources when their settings change, and only then', async () => {
    const sources = createFakeInputSources();
    const dir = tempDir();
    const rig = await coreWithSim(dir, () => {}, { inputSources: sources.start, watchConfig: true });
    close = rig.close;
    rig.core.startBackground();
    expect(sources.starts).toBe(1);

    const config = rig.core.config();
    await saveConfig(dir, { ...config, kiosk: { ...config.kiosk, name: 'Kios Balai Desa' } });
    await expect.poll(() => rig.core.config().kiosk.name).toBe('Kios Balai Desa');
    expect(sources.starts).toBe(1);

    const hid = { mode: 'pos' as const, vendorId: 0x0c2e, productId: null, uidOffset: 1, uidLength: 4 as const };
    await saveConfig(dir, { ...rig.core.config(), input: { ...rig.core.config().input, pcsc: true, hid } });
    await expect.poll(() => sources.starts).toBe(2);
    expect(sources.config).toMatchObject({ pcsc: true, hid });
  });
});
