import { describe, expect, it } from 'vitest';
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
