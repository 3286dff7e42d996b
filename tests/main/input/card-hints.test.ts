import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/main/db/database';
import { migrations } from '../../../src/main/db/migrations/index';
import { createCardHints, createCardTaps } from '../../../src/main/input/card-hints';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createSecretBox } from '../../../src/main/outbox/secret-box';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const NIK = '3201011501900001';
const UID = 'A1B2C3D4';
const DAY = 86_400_000;

function openKioskDb(file: string, upTo = migrations.length): Database {
  return openDatabase(file, createSilentLogger().root, migrations.slice(0, upTo));
}

/** Every byte SQLite keeps on disk for this database: the file and its WAL. */
function onDisk(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

function hints(clock: () => Date = () => new Date()) {
  const file = path.join(tempDir(), 'adm.sqlite');
  const db = openKioskDb(file);
  const cardKey = randomBytes(32);
  const box = createSecretBox(randomBytes(32));
  return { db, file, cardKey, box, hints: createCardHints(db, cardKey, box, clock) };
}

describe('card hints', () => {
  it('keeps the NIK sealed: not in the table nor anywhere in the database file or its WAL', () => {
    const { db, file, hints: cardHints } = hints();
    cardHints.learn(UID, NIK, 'tap');
    expect(cardHints.nikFor(UID.toLowerCase())).toBe(NIK);
    expect(db.prepare('SELECT nik FROM card_hint').pluck().all()).toEqual(['']);
    db.pragma('wal_checkpoint(PASSIVE)');
    expect(onDisk(file).includes(NIK)).toBe(false);
  });

  it('seals the hints an older kiosk kept in clear when it starts, and leaves no clear copy on disk', () => {
    const file = path.join(tempDir(), 'adm.sqlite');
    const older = openKioskDb(file, 9);
    older.prepare(`INSERT INTO card_hint (uid_hash, nik, learned_at, source) VALUES ('h1', ?, '2026-01-05T08:00:00.000Z', 'tap'), ('h2', ?, '2026-01-06T08:00:00.000Z', 'server')`).run(NIK, '3201015203900002');
    older.close();
    expect(readFileSync(file).includes(NIK)).toBe(true);

    const db = openKioskDb(file);
    const box = createSecretBox(randomBytes(32));
    createCardHints(db, randomBytes(32), box);
    const rows = db.prepare('SELECT uid_hash, nik, sealed_nik, last_used_at FROM card_hint ORDER BY uid_hash').all() as Array<{ uid_hash: string; nik: string; sealed_nik: Buffer; last_used_at: string }>;
    expect(rows.map((row) => [row.uid_hash, row.nik, box.open(row.sealed_nik), row.last_used_at])).toEqual([
      ['h1', '', NIK, '2026-01-05T08:00:00.000Z'],
      ['h2', '', '3201015203900002', '2026-01-06T08:00:00.000Z'],
    ]);
    for (const nik of [NIK, '3201015203900002']) expect(onDisk(file).includes(nik), nik).toBe(false);
  });

  // A hint that cannot be opened (the key file was replaced, or the row was damaged) is an unknown card, never a crash.
  const unopenable: Array<[string, (rig: ReturnType<typeof hints>) => Buffer]> = [
    ['sealed under another key', () => createSecretBox(randomBytes(32)).seal(NIK)],
    ['random bytes', () => randomBytes(60)],
    ['empty', () => Buffer.alloc(0)],
    ['cut short', ({ box }) => box.seal(NIK).subarray(0, 20)],
    ['one bit flipped', ({ box }) => flipLastBit(box.seal(NIK))],
    ['sealed, but not a NIK', ({ box }) => box.seal('')],
    ['sealed, but not a NIK (letters)', ({ box }) => box.seal('320101150190000X')],
  ];
  it.each(unopenable)('a hint %s is an unknown card', (_case, sealed) => {
    const rig = hints();
    rig.hints.learn(UID, NIK, 'server');
    rig.db.prepare('UPDATE card_hint SET sealed_nik = ?').run(sealed(rig));
    expect(rig.hints.nikFor(UID)).toBeNull();
    // Learning the card again replaces it.
    rig.hints.learn(UID, NIK, 'tap');
    expect(rig.hints.nikFor(UID)).toBe(NIK);
  });

  it('a hint from before the key changed is unknown when the kiosk starts, not a crash', () => {
    const { db, cardKey, hints: first } = hints();
    first.learn(UID, NIK, 'tap');
    const afterKeyChange = createCardHints(db, cardKey, createSecretBox(randomBytes(32)));
    expect(afterKeyChange.nikFor(UID)).toBeNull();
  });

  // [the hint, days ago it was learned, days ago it last filled in a NIK (null: never), how it was last learned, kept?]
  const retention: Array<[string, number, number | null, 'server' | 'tap', boolean]> = [
    ['learned 31 days ago and never used is forgotten', 31, null, 'tap', false],
    ['learned 40 days ago and last used 38 days ago is forgotten', 40, 38, 'tap', false],
    ['learned 40 days ago but used 10 days ago is kept', 40, 10, 'tap', true],
    ['learned 29 days ago and never used is kept', 29, null, 'server', true],
  ];
  it.each(retention)('with 30 days retention, a hint %s', (_story, learnedDaysAgo, usedDaysAgo, source, kept) => {
    const today = Date.parse('2026-03-01T08:00:00Z');
    let now = today - learnedDaysAgo * DAY;
    const { hints: cardHints } = hints(() => new Date(now));
    cardHints.learn(UID, NIK, source);
    if (usedDaysAgo !== null) {
      now = today - usedDaysAgo * DAY;
      expect(cardHints.nikFor(UID)).toBe(NIK);
    }
    now = today;
    expect(cardHints.forgetUnusedSince(new Date(today - 30 * DAY))).toBe(kept ? 0 : 1);
    expect(cardHints.nikFor(UID)).toBe(kept ? NIK : null);
  });

  it('learning a card again counts as using its hint', () => {
    const today = Date.parse('2026-03-01T08:00:00Z');
    let now = today - 40 * DAY;
    const { hints: cardHints } = hints(() => new Date(now));
    cardHints.learn(UID, NIK, 'tap');
    now = today - DAY;
    cardHints.learn(UID, NIK, 'server');
    now = today;
    expect(cardHints.forgetUnusedSince(new Date(today - 30 * DAY))).toBe(0);
  });

  it('a forgotten hint leaves no copy of its sealed NIK in the WAL', () => {
    let now = Date.parse('2026-03-01T08:00:00Z');
    const { db, file, hints: cardHints } = hints(() => new Date(now));
    cardHints.learn(UID, NIK, 'tap');
    const sealed = db.prepare('SELECT sealed_nik FROM card_hint').pluck().get() as Buffer;
    now += 40 * DAY;
    expect(cardHints.forgetUnusedSince(new Date(now - 30 * DAY))).toBe(1);
    expect(onDisk(file).includes(sealed)).toBe(false);
  });
});

describe('the card tapped last', () => {
  it('is kept for whom it was tapped: a resident\'s tap is never a technician\'s card to register, nor the other way round', () => {
    let now = 0;
    const taps = createCardTaps(() => now);
    taps.remember(UID, 'admin');
    expect(taps.recent(60_000, 'resident')).toBeNull();
    expect(taps.recent(60_000, 'admin')).toBe(UID);
    taps.remember(UID, 'resident');
    expect(taps.recent(60_000, 'admin')).toBeNull();
    now += 60_001;
    expect(taps.recent(60_000, 'resident')).toBeNull();
    now = 0;
    taps.forget();
    expect(taps.recent(60_000, 'resident')).toBeNull();
  });
});

function flipLastBit(sealed: Buffer): Buffer {
  const copy = Buffer.from(sealed);
  copy[copy.length - 1]! ^= 1;
  return copy;
}


describe('the card of a visit', () => {
  it('is the one card residents tapped (twice is still one), none once a second, different card was tapped', () => {
    let now = 1_000_000;
    const taps = createCardTaps(() => now);
    taps.remember('AABBCCDD', 'resident');
    taps.remember('AABBCCDD', 'resident');
    expect(taps.onlyResidentCard(60_000)).toBe('AABBCCDD');
    taps.remember('11223344', 'admin'); // a technician's test tap is no resident's card
    expect(taps.onlyResidentCard(60_000)).toBe('AABBCCDD');
    taps.remember('DEADBEEF', 'resident');
    expect(taps.onlyResidentCard(60_000)).toBeNull();
    taps.forget();
    taps.remember('DEADBEEF', 'resident');
    now += 60_001;
    expect(taps.onlyResidentCard(60_000)).toBeNull();
  });
});
