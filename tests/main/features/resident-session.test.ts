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
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: expect.stringContaining('sisa 2 kali') } });
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: expect.stringContaining('sisa 1 kali') } });
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringContaining('15 menit') } });
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
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringMatching(/Server desa mengunci NIK ini.*dalam 60 menit/) } });
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
});
