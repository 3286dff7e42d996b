import { describe, expect, it } from 'vitest';
import { minTouchGapCssPx, minTouchTargetCssPx } from '../../src/shared/touch-target';

describe('minTouchTargetCssPx', () => {
  it('is 12.7 mm on the panel', () => {
    expect(minTouchTargetCssPx(102)).toBe(51); // 21.5" 1080p
    expect(minTouchTargetCssPx(205)).toBe(103); // 21.5" 4K without scaling
    expect(minTouchTargetCssPx(205, 2)).toBe(52); // the same panel at 200 %
  });

  it('never goes below 44 CSS px', () => {
    expect(minTouchTargetCssPx(60)).toBe(44);
  });
});

describe('minTouchGapCssPx', () => {
  it('is 2.54 mm on the panel', () => {
    expect(minTouchGapCssPx(102)).toBe(11); // 10.2 px, rounded up
    expect(minTouchGapCssPx(205)).toBe(21);
    expect(minTouchGapCssPx(205, 2)).toBe(11);
  });
});
