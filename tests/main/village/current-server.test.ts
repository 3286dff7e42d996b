import { describe, expect, it } from 'vitest';
import { defaultConfig, type KioskConfig } from '../../../src/main/config/schema';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createCurrentServer } from '../../../src/main/village/current-server';
import { DEMO_TARGET } from '../../../src/main/village/server-target';

function rig(url: string | null, demoUrl?: string) {
  let config: KioskConfig = defaultConfig();
  config.server.url = url;
  let unusable = false;
  const server = createCurrentServer({ config: () => config, unusable: () => unusable, demoUrl, log: createSilentLogger().root });
  return {
    server,
    setUrl(next: string | null) {
      config = structuredClone(config);
      config.server.url = next;
    },
    break: () => void (unusable = true),
  };
}

describe('current village server', () => {
  it('has no client and no target while no server is configured', () => {
    const { server } = rig(null);
    expect(server.client()).toBeNull();
    expect(server.target()).toBeNull();
  });

  it('keeps one client while the URL stays, and follows a changed URL', () => {
    const kiosk = rig('https://sid.sukamaju.desa.id/');
    const first = kiosk.server.client();
    expect(first).not.toBeNull();
    expect(kiosk.server.client()).toBe(first);
    expect(kiosk.server.target()).toBe('https://sid.sukamaju.desa.id');
    kiosk.setUrl('https://sid.sukamaju.desa.id:8443/api');
    expect(kiosk.server.client()).not.toBe(first);
    expect(kiosk.server.target()).toBe('https://sid.sukamaju.desa.id:8443/api');
  });

  it('names no server while the configuration cannot be used', () => {
    const kiosk = rig('https://sid.sukamaju.desa.id');
    kiosk.break();
    expect(kiosk.server.client()).toBeNull();
    expect(kiosk.server.target()).toBeNull();
  });

  it('uses the demo server instead of the configured one, under the demo identity', () => {
    const { server } = rig('https://sid.sukamaju.desa.id', 'http://127.0.0.1:4010');
    expect(server.client()).not.toBeNull();
    expect(server.target()).toBe(DEMO_TARGET);
  });
});
