import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskCore } from '../../../src/main/core';
import { useTempDirs } from '../../helpers/temp-dir';
import { openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

type Tail = { ok: true; value: { records: Array<{ level: string; subsystem: string; message: string }> } };

async function adminKiosk() {
  const core = createKioskCore({ dataDir: tempDir(), watchConfig: false });
  close = () => core.close();
  const { admin } = await openAdminSession(core);
  return { core, tail: async (subsystem: string | null) => (await admin('admin.logTail', { subsystem, lines: 500 })) as Tail };
}

describe('admin records: the log tail', () => {
  it('shows an internal failure as an error, with its cause', async () => {
    const { core, tail } = await adminKiosk();
    core.db.exec('DROP TABLE reference_cache');
    expect(await core.invoke('village.info', {})).toEqual({ ok: false, error: { code: 'internal' } });
    // pino writes asynchronously: ask until the line is in the file.
    await expect
      .poll(async () => (await tail('core')).value.records.find((record) => record.message.startsWith('call failed')))
      .toEqual({ at: expect.any(String), level: 'error', subsystem: 'core', message: 'call failed: SqliteError SQLITE_ERROR: no such table: reference_cache', line: expect.any(String) });
  });

  it.each([
    ['"level":"error"', 'error'],
    ['"level":"warn"', 'warn'],
    ['"level":"info"', 'info'],
    ['"level":"debug"', 'debug'],
    ['"level":"fatal"', 'error'],
    ['"level":50', 'error'],
    ['"level":40', 'warn'],
    ['"level":30', 'info'],
    ['"level":"nonsense"', 'debug'],
  ])('reads the level of a line with %s as %s', async (level, shown) => {
    const { core, tail } = await adminKiosk();
    writeFileSync(core.logger.file, `{${level},"time":"2026-01-02T03:04:05.000Z","subsystem":"probe","msg":"a line"}\n`, { flag: 'a' });
    expect((await tail('probe')).value.records).toEqual([expect.objectContaining({ level: shown, message: 'a line' })]);
  });
});

describe('admin records: the levels the kiosk writes', () => {
  it('shows each line of the kiosk log at the level it was written, debug included when the log is set to it', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ logging: { level: 'debug' } }));
    const core = createKioskCore({ dataDir, watchConfig: false });
    close = () => core.close();
    const { admin } = await openAdminSession(core);
    const log = core.logger.forSubsystem('probe');
    log.debug('a detail');
    log.info('a step');
    log.warn('a doubt');
    log.error('a failure');
    const shown = async () => ((await admin('admin.logTail', { subsystem: 'probe', lines: 10 })) as Tail).value.records.map((r) => [r.level, r.message]);
    // pino writes asynchronously: ask until the last line is in the file.
    await expect.poll(shown).toContainEqual(['error', 'a failure']);
    expect(await shown()).toEqual([
      ['debug', 'a detail'],
      ['info', 'a step'],
      ['warn', 'a doubt'],
      ['error', 'a failure'],
    ]);
  });
});
