import { afterEach, describe, expect, it } from 'vitest';
import { RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const budi = RESIDENTS[0]!;
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

describe('resident session', () => {
  it('signs in online and keeps only what the screen needs', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const result = await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(result).toEqual({ ok: true, value: { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: '081234567801' } });
  });

  it('says how many tries are left, then locks the NIK on the kiosk before the server does', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    const wrong = () => rig.core.invoke('session.identify', { nik: budi.nik, pin: '000000' });
    expect(await wrong()).toEqual({ ok: false, error: { code: 'wrong-pin', params: { count: 2 } } });
    expect(await wrong()).toEqual({ ok: false, error: { code: 'wrong-pin', params: { count: 1 } } });
    expect(await wrong()).toEqual({ ok: false, error: { code: 'locked', params: { count: 15 } } });
    // Even the right PIN is refused now, without asking the server.
    const right = await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(right).toMatchObject({ ok: false, error: { code: 'locked' } });
    // The server saw 3 failures, below its own lock of 5.
    const other = await rig.core.invoke('session.identify', { nik: RESIDENTS[1]!.nik, pin: RESIDENTS[1]!.pin });
    expect(other.ok).toBe(true);
  });

  it('relays the server lock with its time in minutes', async () => {
    const rig = await coreWithSim(tempDir(), (c) => {
      c.session.maxLoginFailures = 10;
    });
    close = rig.close;
    for (let i = 0; i < 5; i++) await rig.core.invoke('session.identify', { nik: budi.nik, pin: '000000' });
    const locked = await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(locked).toEqual({ ok: false, error: { code: 'server-locked', params: { count: 60 } } });
  });

  it('opens no session for a visit that ended (Batal) while the server checked the PIN', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    rig.sim.setFaults({ latencyMs: 300 });
    const late = rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(await rig.core.invoke('session.end', { reason: 'cancel' })).toEqual({ ok: true, value: null });
    expect(await late).toEqual({ ok: false, error: { code: 'session-ended' } });
    // Nobody is signed in for the next resident to find.
    expect((await rig.core.invoke('requests.mine', {})).ok).toBe(false);
    rig.sim.setFaults({ latencyMs: 0 });
    expect((await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin })).ok).toBe(true);
  });

  it('opens an offline session when the server is unreachable', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    await rig.sim.setDown(true);
    const result = await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    expect(result).toEqual({ ok: true, value: { name: null, maskedNik: '320101******0001', online: false, phone: null } });
  });

  it('ends the session after its time limit and says so', async () => {
    const rig = await coreWithSim(tempDir(), (c) => {
      c.session.maxMinutes = 1;
    });
    close = rig.close;
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const events: unknown[] = [];
      rig.core.onEvent((name, payload) => events.push({ name, payload }));
      await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
      vi.advanceTimersByTime(61_000);
      expect(events).toContainEqual({ name: 'session.expired', payload: { reason: 'time-limit' } });
      expect(await rig.core.invoke('letters.list', {})).toMatchObject({ ok: false, error: { code: 'session-required' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets one identification per NIK reach the server at a time: 20 parallel calls, one login', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    rig.sim.setFaults({ latencyMs: 50 });
    const before = rig.sim.loginAttempts();
    const results = await Promise.all(Array.from({ length: 20 }, () => rig.core.invoke('session.identify', { nik: budi.nik, pin: '000000' })));
    expect(rig.sim.loginAttempts() - before).toBe(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'busy')).toHaveLength(19);
    expect(results.filter((r) => !r.ok && r.error.code === 'wrong-pin')).toHaveLength(1);
  });

  it('limits sign-ins kiosk-wide, with a clear message', async () => {
    const rig = await coreWithSim(tempDir(), (c) => {
      c.session.signInsPerMinute = 3;
    });
    close = rig.close;
    for (const resident of RESIDENTS.slice(0, 3)) {
      expect((await rig.core.invoke('session.identify', { nik: resident.nik, pin: resident.pin })).ok).toBe(true);
    }
    const fourth = await rig.core.invoke('session.identify', { nik: RESIDENTS[3]!.nik, pin: RESIDENTS[3]!.pin });
    expect(fourth).toMatchObject({ ok: false, error: { code: 'rate-limited', params: { count: expect.any(Number) } } });
    expect((fourth as unknown as { error: { params: { count: number } } }).error.params.count).toBeGreaterThanOrEqual(1);
  });

  it('logs out at the server when the session ends, unless a request of the session still needs the token', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await rig.core.invoke('session.end', { reason: 'done' });
    await expect.poll(() => rig.sim.logouts()).toBe(1);

    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await rig.core.invoke('letters.list', {});
    const letter = (await import('../../../tools/opensid-sim/seed')).LETTERS.find((l) => l.kode === 'S-02')!;
    const submitted = await rig.core.invoke('requests.submit', { letterId: letter.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null });
    expect(submitted.ok).toBe(true);
    await rig.core.invoke('session.end', { reason: 'done' }); // the request is not sent yet
    const logins = rig.sim.loginAttempts();
    await rig.core.sync.runOnce();
    expect(rig.sim.requests()).toHaveLength(1);
    expect(rig.sim.loginAttempts()).toBe(logins); // sent with the session's own token, still valid
    expect(rig.sim.logouts()).toBe(1);
  });

  it('an offline session sees only what it made, never the history stored for that NIK', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    // Budi signed in online earlier and made a request (it carries his name).
    await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
    await rig.core.invoke('letters.list', {});
    const letter = (await import('../../../tools/opensid-sim/seed')).LETTERS.find((l) => l.kode === 'S-02')!;
    const request = { letterId: letter.id, answers: { keperluan: 'Melamar kerja' }, requirements: {}, phone: '081234567801', note: null };
    const earlier = await rig.core.invoke('requests.submit', request);
    if (!earlier.ok) throw new Error('submit');
    await rig.core.invoke('session.end', { reason: 'done' });
    // Offline, someone types Budi's NIK with any PIN.
    await rig.sim.setDown(true);
    const offline = await rig.core.invoke('session.identify', { nik: budi.nik, pin: '999999' });
    expect(offline).toEqual({ ok: true, value: { name: null, maskedNik: '320101******0001', online: false, phone: null } });
    expect(await rig.core.invoke('requests.mine', {})).toEqual({ ok: true, value: { items: [], fromServer: false } });
    const earlierReference = (earlier.value as { reference: string }).reference;
    expect(await rig.core.invoke('printing.reprint', { reference: earlierReference })).toMatchObject({ ok: false, error: { code: 'not-yours' } });
    // What this session makes, it sees and may reprint; without a name.
    const made = await rig.core.invoke('requests.submit', request);
    if (!made.ok) throw new Error('submit offline');
    const madeReference = (made.value as { reference: string }).reference;
    const mine = await rig.core.invoke('requests.mine', {});
    expect(mine).toMatchObject({ ok: true, value: { items: [{ reference: madeReference, localState: 'waiting' }] } });
    expect(rig.core.outbox.byReference(madeReference)?.residentName).toBeNull();
    expect((await rig.core.invoke('printing.reprint', { reference: madeReference })).ok).toBe(true);
  });

  it('warns before the time limit, and "Tambah waktu" starts the limit again', async () => {
    const rig = await coreWithSim(tempDir(), (c) => {
      c.session.maxMinutes = 2;
      c.session.warningSeconds = 60;
    });
    close = rig.close;
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const events: Array<{ name: string; payload: unknown }> = [];
      rig.core.onEvent((name, payload) => events.push({ name, payload }));
      await rig.core.invoke('session.identify', { nik: budi.nik, pin: budi.pin });
      vi.advanceTimersByTime(59_000);
      expect(events.map((e) => e.name)).not.toContain('session.expiring');
      vi.advanceTimersByTime(2_000);
      expect(events).toContainEqual({ name: 'session.expiring', payload: { secondsLeft: 60 } });
      expect(await rig.core.invoke('session.extend', {})).toEqual({ ok: true, value: { secondsLeft: 120 } });
      vi.advanceTimersByTime(100_000); // past the first limit: still signed in
      expect(events.map((e) => e.name)).not.toContain('session.expired');
      expect((await rig.core.invoke('letters.list', {})).ok).toBe(true);
      vi.advanceTimersByTime(21_000);
      expect(events.map((e) => e.name)).toContain('session.expired');
      expect(await rig.core.invoke('session.extend', {})).toMatchObject({ ok: false, error: { code: 'session-ended' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
