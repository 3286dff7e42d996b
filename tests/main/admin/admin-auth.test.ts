import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminAuth } from '../../../src/main/admin/admin-auth';
import { openDatabase, type Database } from '../../../src/main/db/database';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function database(): Database {
  const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), pino({ level: 'silent' }));
  opened.push(db);
  return db;
}

/** A hash check the test finishes by hand, to look at what is recorded while one is under way. */
function heldVerify() {
  const waiting: Array<{ pin: string; finish(): void }> = [];
  const verify = (pin: string) =>
    new Promise<boolean>((resolve) => {
      waiting.push({ pin, finish: () => resolve(pin === '482916') });
    });
  return { verify, waiting };
}

const failures = (db: Database) => (db.prepare('SELECT failures FROM admin_lockout').pluck().get() as number | undefined) ?? 0;

describe('admin PIN checks', () => {
  it('counts an attempt before its hash is computed, and takes it back when the PIN was right', async () => {
    const db = database();
    const hold = heldVerify();
    const auth = createAdminAuth(db, randomBytes(32), Date.now, hold.verify);
    await auth.setPin('482916');

    const wrong = auth.check('000000');
    await expect.poll(() => hold.waiting.length).toBe(1);
    expect(failures(db)).toBe(1); // a crash now would still have counted it
    hold.waiting.shift()!.finish();
    expect(await wrong).toMatchObject({ ok: false, reason: 'wrong', triesLeft: 4 });

    const right = auth.check('482916');
    await expect.poll(() => hold.waiting.length).toBe(1);
    expect(failures(db)).toBe(2);
    hold.waiting.shift()!.finish();
    expect(await right).toEqual({ ok: true });
    expect(failures(db)).toBe(0);
  });

  it('looks at one attempt at a time: the next waits until the one before has been counted', async () => {
    const db = database();
    const hold = heldVerify();
    const auth = createAdminAuth(db, randomBytes(32), Date.now, hold.verify);
    await auth.setPin('482916');
    const answers = Array.from({ length: 6 }, () => auth.check('000000'));
    const right = auth.check('482916');
    for (let i = 0; i < 5; i++) {
      await expect.poll(() => hold.waiting.length).toBe(1);
      hold.waiting.shift()!.finish();
    }
    // Five wrong PINs lock the keypad: the sixth and the right one are refused without a hash.
    expect(await answers[5]).toMatchObject({ ok: false, reason: 'locked' });
    expect(await right).toMatchObject({ ok: false, reason: 'locked' });
    expect(hold.waiting).toHaveLength(0);
    expect(failures(db)).toBe(5);
  });

  it('sets a first PIN once, however many are offered at once', async () => {
    const auth = createAdminAuth(database(), randomBytes(32));
    const outcomes = await Promise.all(['482916', '590317', '731805'].map((pin) => auth.setFirstPin(pin)));
    expect(outcomes.sort()).toEqual(['already-set', 'already-set', 'set']);
  });
});
