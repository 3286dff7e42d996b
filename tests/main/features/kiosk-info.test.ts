import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/main/config/schema';
import { buildKioskInfo } from '../../../src/main/features/kiosk-info';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('buildKioskInfo', () => {
  it('reports whether a village server is configured', () => {
    const config = defaultConfig();
    expect(buildKioskInfo(config).serverConfigured).toBe(false);
    config.server.url = 'https://api.desa.example';
    expect(buildKioskInfo(config).serverConfigured).toBe(true);
  });
});

describe('whether the kiosk takes a sign-in', () => {
  it('says so with the reason the sign-in itself would be refused, and follows the configuration', async () => {
    const { createKioskCore } = await import('../../../src/main/core');
    const { saveConfig } = await import('../../../src/main/config/store');
    const dir = tempDir();
    const config = defaultConfig();
    await saveConfig(dir, config);
    const core = createKioskCore({ dataDir: dir });
    try {
      expect(await core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { signInRefused: 'server-not-configured', needsTechnician: false } });
      expect(await core.invoke('session.identify', { nik: '3201011501850001', pin: '123456' })).toEqual({ ok: false, error: { code: 'server-not-configured' } });
      // A technician sets the server: the kiosk takes sign-ins, and the screen hears it at once.
      const changes: unknown[] = [];
      core.onEvent((name, payload) => {
        if (name === 'kiosk.infoChanged') changes.push(payload);
      });
      config.server.url = 'https://api.desa.example';
      await saveConfig(dir, config);
      await vi.waitFor(() => expect(changes.at(-1)).toMatchObject({ signInRefused: null }), { timeout: 3000 });
      expect(await core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { signInRefused: null } });
    } finally {
      await core.close();
    }
  });

  it('takes sign-ins in demo mode', async () => {
    const { createKioskCore } = await import('../../../src/main/core');
    const core = createKioskCore({ dataDir: tempDir(), watchConfig: false, serverUrlOverride: 'http://127.0.0.1:9' });
    try {
      expect(await core.invoke('kiosk.getInfo', {})).toMatchObject({ ok: true, value: { signInRefused: null, demoMode: true } });
    } finally {
      await core.close();
    }
  });
});

describe('Panggil petugas', () => {
  it('records when and from which screen a resident asked for staff, and refuses a made-up screen name', async () => {
    const { createKioskCore } = await import('../../../src/main/core');
    const core = createKioskCore({ dataDir: tempDir(), watchConfig: false });
    try {
      const called = await core.invoke('kiosk.callStaff', { screen: 'letters' });
      expect(called).toMatchObject({ ok: true, value: { calledAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) } });
      const rows = core.db.prepare("SELECT actor, action, detail FROM audit_log WHERE action = 'staff.called'").all();
      expect(rows).toEqual([{ actor: 'resident', action: 'staff.called', detail: '{"screen":"letters"}' }]);
      expect(await core.invoke('kiosk.callStaff', { screen: '<script>' })).toEqual({ ok: false, error: { code: 'invalid-input' } });
    } finally {
      await core.close();
    }
  });
});
