import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createRunningConfig, type RunningConfigOptions } from '../../../src/main/config/running-config';
import { configSchema, type KioskConfig } from '../../../src/main/config/schema';
import { readConfigFile } from '../../../src/main/config/store';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function start(text: string | null, overrides: Partial<RunningConfigOptions> = {}) {
  const dataDir = tempDir();
  if (text !== null) writeFileSync(path.join(dataDir, 'config.json'), text);
  const audits: Array<[string, string, unknown]> = [];
  const levels: string[] = [];
  const running = createRunningConfig({
    dataDir,
    schema: configSchema,
    initial: readConfigFile(dataDir, configSchema),
    laterProblem: null,
    servedResidents: false,
    log: createSilentLogger().root,
    setLogLevel: (level) => void levels.push(level),
    audit: (actor, action, detail) => void audits.push([actor, action, detail]),
    watch: false,
    ...overrides,
  });
  return { dataDir, running, audits, levels };
}

describe('running configuration', () => {
  it('saves the fields a technician changed into the file, keeps its comments, and applies them at once', async () => {
    const { dataDir, running, audits, levels } = start('{\n  // kantor desa\n  "kiosk": { "name": "Anjungan Balai Desa" }\n}\n');
    const seen: KioskConfig[] = [];
    running.onChange((config) => void seen.push(config));
    const base = running.current();
    const next = structuredClone(base);
    next.kiosk.name = 'Anjungan Pos Ronda';
    next.logging.level = 'debug';

    expect(await running.save(base, next, 'pin')).toEqual({ ok: true, value: null });
    expect(running.current().kiosk.name).toBe('Anjungan Pos Ronda');
    expect(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).toContain('// kantor desa');
    expect(seen.map((config) => config.kiosk.name)).toEqual(['Anjungan Pos Ronda']);
    expect(levels).toEqual(['debug']);
    expect(audits).toEqual([['pin', 'config.saved', { fields: ['kiosk.name', 'logging.level'] }]]);
  });

  it('lets two saves at once both land', async () => {
    const { running } = start('{}');
    const base = running.current();
    const one = structuredClone(base);
    one.kiosk.name = 'Satu';
    const two = structuredClone(base);
    two.admin.idleMinutes = base.admin.idleMinutes + 1;
    await Promise.all([running.save(base, one, 'pin'), running.save(base, two, 'pin')]);
    expect(running.current().kiosk.name).toBe('Satu');
    expect(running.current().admin.idleMinutes).toBe(base.admin.idleMinutes + 1);
  });

  it('needs a technician for a file it cannot read, and writes nothing over it', async () => {
    const { dataDir, running } = start('{ "kiosk": ');
    expect(running.problem()).not.toBeNull();
    expect(running.needsTechnician()).toMatch(/config\.json|line|baris/i);
    const base = running.current();
    const result = await running.save(base, { ...base, kiosk: { ...base.kiosk, name: 'X' } }, 'pin');
    expect(result.ok).toBe(false);
    expect(readFileSync(path.join(dataDir, 'config.json'), 'utf8')).toBe('{ "kiosk": ');
  });

  it('reports a problem found after the read, such as config.json gone from a kiosk that served residents', () => {
    const { running } = start(null, { laterProblem: { message: 'the file is gone', line: null, column: null }, servedResidents: true });
    expect(running.needsTechnician()).toContain('the file is gone');
  });

  it("picks up a technician's hand edit and clears the problem once the file reads again", async () => {
    const { dataDir, running, audits } = start('{ "kiosk": ', { watch: true });
    try {
      expect(running.problem()).not.toBeNull();
      writeFileSync(path.join(dataDir, 'config.json'), '{ "kiosk": { "name": "Diperbaiki" } }');
      await vi.waitFor(() => expect(running.current().kiosk.name).toBe('Diperbaiki'), { timeout: 5000 });
      expect(running.problem()).toBeNull();
      expect(audits).toContainEqual(['technician', 'config.changed', undefined]);
    } finally {
      running.stop();
    }
  });
});
