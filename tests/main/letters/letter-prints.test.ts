import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/main/db/database';
import { createLetterPrintStore } from '../../../src/main/letters/letter-prints';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let db: Database | null = null;
afterEach(() => db?.close());

function store() {
  db = openDatabase(path.join(tempDir(), 'adm.sqlite'), createSilentLogger().root);
  return createLetterPrintStore(db);
}

const letter = { serverTarget: 'https://desa.example', letterId: '401', day: '2026-12-07' };

describe('prints of a signed letter per day', () => {
  it('counts running, completed and unknown prints, not failed ones, per letter, server and day', () => {
    const prints = store();
    expect(prints.printsLeft(letter, 2)).toBe(2);
    const first = prints.reserve(letter, 2, 'resident')!;
    expect(prints.printsLeft(letter, 2)).toBe(1); // running counts
    prints.submitted(first, 7);
    prints.finished(first, 'aborted');
    expect(prints.printsLeft(letter, 2)).toBe(2); // failed: not printed
    const second = prints.reserve(letter, 2, 'resident')!;
    prints.finished(second, 'completed');
    const third = prints.reserve(letter, 2, 'resident')!;
    prints.finished(third, 'unknown'); // the paper may have come out
    expect(prints.printsLeft(letter, 2)).toBe(0);
    expect(prints.reserve(letter, 2, 'resident')).toBeNull();
    // Another day, another server, another letter: their own counts.
    expect(prints.printsLeft({ ...letter, day: '2026-12-08' }, 2)).toBe(2);
    expect(prints.printsLeft({ ...letter, serverTarget: 'https://lain.example' }, 2)).toBe(2);
    expect(prints.printsLeft({ ...letter, letterId: '402' }, 2)).toBe(2);
    // An outcome is written once: a late second word does not change it.
    prints.finished(second, 'aborted');
    expect(prints.printsLeft(letter, 2)).toBe(0);
  });

  it("adds a technician's allowance for that day only, and lists the day's letters for the admin", () => {
    const prints = store();
    prints.finished(prints.reserve(letter, 1, 'resident')!, 'completed');
    expect(prints.reserve(letter, 1, 'resident')).toBeNull();
    prints.allowAnother(letter, 'pin');
    expect(prints.printsLeft(letter, 1)).toBe(1);
    expect(prints.printsLeft({ ...letter, day: '2026-12-08' }, 1)).toBe(1);
    expect(prints.day(letter.serverTarget, letter.day)).toEqual([
      { letterId: '401', prints: 1, allowedExtra: 1, lastOutcome: 'allowed', lastAt: expect.any(String) },
    ]);
    expect(prints.day('https://lain.example', letter.day)).toEqual([]);
    expect(prints.day(null, letter.day)).toHaveLength(1);
  });

  it('counts a job an earlier run never heard the end of, and forgets rows past the retention', () => {
    const prints = store();
    prints.reserve(letter, 1, 'resident');
    expect(prints.closeInterrupted()).toBe(1);
    expect(prints.printsLeft(letter, 1)).toBe(0);
    expect(prints.day(null, letter.day)[0]!.lastOutcome).toBe('unknown');
    expect(prints.purge(new Date(Date.now() - 86_400_000))).toBe(0);
    expect(prints.purge(new Date(Date.now() + 1000))).toBe(1);
    expect(prints.printsLeft(letter, 1)).toBe(1);
  });
});
