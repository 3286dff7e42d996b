import { describe, expect, it } from 'vitest';
import { DEFAULT_BURST_SETTINGS, detectBursts, type BurstSettings, type KeyStroke } from '../../../src/devices/input/burst-detector';

/** A recorded timeline: each key `gapMs` after the one before, from `startMs`. */
function typed(text: string, gapMs: number, options: { startMs?: number; end?: string | null } = {}): KeyStroke[] {
  const keys = [...text, ...(options.end === null ? [] : [options.end ?? 'Enter'])];
  return keys.map((key, i) => ({ key, atMs: (options.startMs ?? 0) + i * gapMs }));
}

const settings = (patch: Partial<BurstSettings> = {}): BurstSettings => ({ ...DEFAULT_BURST_SETTINGS, ...patch });

describe('burst detector', () => {
  it.each([
    ['a fast scanner, 10 ms per key', typed('2864434397', 10), ['2864434397']],
    ['a slow reader, 90 ms per key', typed('2864434397', 90), ['2864434397']],
    ['a receipt QR on a scanner', typed('ADM01-261202-MRW8E', 8), ['ADM01-261202-MRW8E']],
    ['human typing, 250 ms per key', typed('2864434397', 250), []],
    ['quick human typing, 200 ms per key', typed('3201011501850001', 200), []],
    ['too short to be a scan', typed('1234', 10), []],
    ['no terminator (the reader sends Enter, this one did not arrive)', typed('2864434397', 10, { end: null }), []],
    ['Tab instead of Enter', typed('2864434397', 10, { end: 'Tab' }), []],
    ['Shift for capitals inside a burst', [{ key: 'Shift', atMs: 0 }, ...typed('ABCDEFGH', 10, { startMs: 5 })], ['ABCDEFGH']],
    ['Backspace: a person at a keyboard', [...typed('1234', 10, { end: null }), { key: 'Backspace', atMs: 45 }, ...typed('5678', 10, { startMs: 50 })], []],
  ])('%s', (_name, strokes, bursts) => {
    expect(detectBursts(strokes)).toEqual(bursts);
  });

  it('keeps a burst apart from human keys around it (interleaved)', () => {
    const timeline = [...typed('xy', 400, { end: null }), ...typed('2864434397', 12, { startMs: 1200 }), ...typed('zz', 500, { startMs: 2000, end: null })];
    expect(detectBursts(timeline)).toEqual(['2864434397']);
  });

  it('finds two bursts in a row', () => {
    expect(detectBursts([...typed('2864434397', 10), ...typed('ADM01-261202-MRW8E', 10, { startMs: 1000 })])).toEqual(['2864434397', 'ADM01-261202-MRW8E']);
  });

  it('uses the configured terminator, prefix and suffix', () => {
    expect(detectBursts(typed('2864434397', 10, { end: 'Tab' }), settings({ terminator: 'Tab' }))).toEqual(['2864434397']);
    expect(detectBursts(typed('#2864434397$', 10), settings({ prefix: '#', suffix: '$' }))).toEqual(['2864434397']);
    expect(detectBursts(typed('2864434397', 10), settings({ prefix: '#' }))).toEqual([]);
  });

  it('ends a burst by the pause after it for readers without a terminator', () => {
    const none = settings({ terminator: 'none' });
    expect(detectBursts(typed('2864434397', 10, { end: null }), none)).toEqual(['2864434397']);
    expect(detectBursts([...typed('2864434397', 10, { end: null }), ...typed('ADM01-261202-MRW8E', 10, { startMs: 500, end: null })], none)).toEqual([
      '2864434397',
      'ADM01-261202-MRW8E',
    ]);
    expect(detectBursts(typed('2864434397', 200, { end: null }), none)).toEqual([]);
  });

  it('never makes an event of human-speed input, and never throws: 10,000 random timelines', () => {
    let seed = 20261201;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const keys = ['1', '2', 'a', 'Z', '-', 'Enter', 'Tab', 'Shift', 'Backspace', 'ArrowLeft', ' '];
    let events = 0;
    for (let run = 0; run < 10_000; run++) {
      let at = 0;
      const human: KeyStroke[] = [];
      const any: KeyStroke[] = [];
      for (let i = 0; i < 5 + Math.floor(random() * 40); i++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        at += DEFAULT_BURST_SETTINGS.maxGapMs + 1 + Math.floor(random() * 400); // slower than any reader
        human.push({ key, atMs: at });
        any.push({ key, atMs: Math.floor(random() * 1000) });
      }
      events += detectBursts(human).length + detectBursts(human, settings({ terminator: 'none' })).length;
      expect(() => detectBursts(any)).not.toThrow();
    }
    expect(events).toBe(0);
  });
});
