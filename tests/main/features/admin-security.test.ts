import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskCore, type KioskCore } from '../../../src/main/core';
import { defaultConfig } from '../../../src/main/config/schema';
import { saveConfig } from '../../../src/main/config/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { asPage, openAdminSession } from '../../helpers/admin-session';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

async function adminKiosk(): Promise<{ core: KioskCore; admin(name: string, input?: unknown): Promise<unknown> }> {
  const dataDir = tempDir();
  await saveConfig(dataDir, defaultConfig());
  const core = createKioskCore({ dataDir, watchConfig: false });
  close = () => core.close();
  const { admin } = await openAdminSession(core);
  return { core, admin };
}

describe('admin security', () => {
  it('changes the PIN only with the current one (a wrong one counts), and never to an easy one', async () => {
    const { core, admin } = await adminKiosk();
    expect(await admin('admin.changePin', { current: '000000', next: '590317' })).toEqual({ ok: false, error: { code: 'admin-wrong-pin', params: { count: 4 } } });
    expect(await admin('admin.changePin', { current: '482916', next: '123456' })).toEqual({ ok: false, error: { code: 'admin-pin-weak' } });
    expect(await admin('admin.changePin', { current: '482916', next: '590317' })).toEqual({ ok: true, value: null });
    expect(await core.invokeAdmin('admin.unlock', { pin: '482916' }, asPage())).toMatchObject({ ok: false, error: { code: 'admin-wrong-pin' } });
    expect(await core.invokeAdmin('admin.unlock', { pin: '590317' }, asPage())).toMatchObject({ ok: true });
    const actions = core.db.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toContain('admin.pin.changed');
    expect(actions).toContain('admin.pin.refused');
  });

  it('registers the card tapped in the last minute; its tap then names the technician and never fills a NIK', async () => {
    const { core, admin } = await adminKiosk();
    expect(await admin('admin.registerCard', { label: 'Andi' })).toEqual({ ok: false, error: { code: 'no-card-tapped' } });
    const events: Array<[string, unknown]> = [];
    core.onEvent((name, payload) => events.push([name, payload]));
    // A keyboard-wedge reader: digits typed fast, then Enter.
    // The reader's own clock: 10 ms between keys, a second apart between taps.
    let at = 0;
    const tap = async (uid: string) => {
      at += 1000;
      for (const key of [...uid, 'Enter']) await core.invoke('input.key', { key, atMs: (at += 10) });
    };
    await tap('0012345678');
    expect(events.filter(([name]) => name === 'input.card')).toEqual([]); // admin is open: no resident screen hears of it
    expect(await admin('admin.registerCard', { label: 'Andi' })).toMatchObject({ ok: true, value: { cards: [{ label: 'Andi' }], tapSeen: false } });

    events.length = 0;
    await tap('0012345678');
    expect(events).toEqual([['input.technicianCard', { label: 'Andi' }]]);
    const state = await core.invokeAdmin('admin.state', {}, asPage());
    expect(state).toMatchObject({ ok: true, value: { card: 'Andi' } });
    expect(await admin('admin.removeCard', { label: 'Andi' })).toMatchObject({ ok: true, value: { cards: [] } });
    expect(await admin('admin.removeCard', { label: 'Andi' })).toEqual({ ok: false, error: { code: 'not-allowed' } });
  });
});

describe('admin records', () => {
  it('lists the audit log newest first, and the log tail by subsystem', async () => {
    const { core, admin } = await adminKiosk();
    await admin('admin.syncPause', { paused: true });
    const audit = (await admin('admin.audit', { limit: 2 })) as { ok: true; value: { entries: Array<{ actor: string; action: string }> } };
    expect(audit.value.entries.map((e) => [e.actor, e.action])).toEqual([
      ['pin', 'sync.paused'],
      ['pin', 'admin.opened'],
    ]);
    core.logger.forSubsystem('printing').info('a line for the printing subsystem');
    type Tail = { ok: true; value: { subsystems: string[]; records: Array<{ subsystem: string; message: string }> } };
    // pino writes asynchronously: ask until the line is in the file.
    let tail: Tail | null = null;
    await vi.waitFor(async () => {
      tail = (await admin('admin.logTail', { subsystem: 'printing', lines: 50 })) as Tail;
      expect(tail.value.records.map((record) => record.message)).toContain('a line for the printing subsystem');
    });
    tail = tail!;
    expect((tail as Tail).value.records.every((record) => record.subsystem === 'printing')).toBe(true);
    const all = (await admin('admin.logTail', { subsystem: null, lines: 500 })) as { ok: true; value: { subsystems: string[] } };
    expect(all.value.subsystems).toEqual(expect.arrayContaining(['admin', 'core', 'printing']));
  });

  it('skips lines of the log that are not JSON', async () => {
    const { core, admin } = await adminKiosk();
    writeFileSync(path.join(core.dataDir, 'logs', 'adm.log'), 'not json\n{"level":40,"time":1764650000000,"subsystem":"core","msg":"after a broken line"}\n', { flag: 'a' });
    const tail = (await admin('admin.logTail', { subsystem: 'core', lines: 500 })) as { ok: true; value: { records: Array<{ message: string; level: string }> } };
    expect(tail.value.records).toContainEqual(expect.objectContaining({ message: 'after a broken line', level: 'warn' }));
    expect(tail.value.records.map((record) => record.message)).not.toContain('not json');
  });
});
