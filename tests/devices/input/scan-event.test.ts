import { describe, expect, it } from 'vitest';
import { classifyScan, parseUid } from '../../../src/devices/input/scan-event';

// One card, 4-byte UID AA BB CC DD, as different readers print it.
describe('UIDs', () => {
  it.each([
    ['10-digit decimal, card order', 'dec', '2864434397', false, 'AABBCCDD'],
    ['10-digit decimal, reversed reader', 'dec', '3721182122', true, 'AABBCCDD'],
    ['8 hex, card order', 'hex', 'AABBCCDD', false, 'AABBCCDD'],
    ['8 hex, lower case', 'hex', 'aabbccdd', false, 'AABBCCDD'],
    ['8 hex, reversed reader', 'hex', 'DDCCBBAA', true, 'AABBCCDD'],
    ['14 hex (7-byte UID)', 'hex', '04A1B2C3D4E5F6', false, '04A1B2C3D4E5F6'],
    ['14 hex (7-byte UID), reversed', 'hex', 'F6E5D4C3B2A104', true, '04A1B2C3D4E5F6'],
    ['small decimal with leading zeros', 'dec', '0000000255', false, '000000FF'],
  ])('%s', (_name, _format, printed, reversed, canonical) => {
    expect(parseUid(printed, reversed)).toBe(canonical);
  });

  it.each(['4294967296', '123456789', 'AABBCCD', 'AABBCCDDEE', 'ZZBBCCDD', '3201011501850001', ''])('refuses %s', (text) => {
    expect(parseUid(text)).toBeNull();
  });
});

describe('classifying a scan', () => {
  it.each([
    ['2864434397', { kind: 'card', uid: 'AABBCCDD' }],
    ['04A1B2C3D4E5F6', { kind: 'card', uid: '04A1B2C3D4E5F6' }],
    ['ADM01-261202-MRW8E', { kind: 'code', text: 'ADM01-261202-MRW8E' }],
    ['3201011501850001', { kind: 'code', text: '3201011501850001' }],
    [' AABBCCDD ', { kind: 'card', uid: 'AABBCCDD' }],
  ])('%s', (text, event) => {
    expect(classifyScan(text)).toEqual(event);
  });

  it('with a card prefix, only prefixed texts are cards', () => {
    const settings = { reversedUid: false, cardPrefix: 'C:' };
    expect(classifyScan('C:2864434397', settings)).toEqual({ kind: 'card', uid: 'AABBCCDD' });
    expect(classifyScan('2864434397', settings)).toEqual({ kind: 'code', text: '2864434397' });
    expect(classifyScan('C:nonsense', settings)).toEqual({ kind: 'code', text: 'C:nonsense' });
  });
});
