import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/main/config/schema';
import { buildKioskInfo } from '../../../src/main/features/kiosk-info';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('buildKioskInfo', () => {
  it('sends the village logo as a data URL (relative paths from the data directory)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'logo.png'), PNG_1PX);
    const config = defaultConfig();
    config.village.logoFile = 'logo.png';
    const info = buildKioskInfo(config, dir, createSilentLogger().root);
    expect(info.village.logoDataUrl).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
  });

  it('shows no logo, with a warning, for a missing file or an unsupported type', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'logo.bmp'), 'BM');
    const warn = vi.fn();
    const log = { ...createSilentLogger().root, warn } as unknown as ReturnType<typeof createSilentLogger>['root'];
    const config = defaultConfig();
    config.village.logoFile = 'missing.png';
    expect(buildKioskInfo(config, dir, log).village.logoDataUrl).toBeNull();
    config.village.logoFile = 'logo.bmp';
    expect(buildKioskInfo(config, dir, log).village.logoDataUrl).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('reports whether a village server is configured', () => {
    const config = defaultConfig();
    expect(buildKioskInfo(config, tempDir(), createSilentLogger().root).serverConfigured).toBe(false);
    config.server.url = 'https://api.desa.example';
    expect(buildKioskInfo(config, tempDir(), createSilentLogger().root).serverConfigured).toBe(true);
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
