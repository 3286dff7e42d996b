import { describe, expect, it } from 'vitest';
import { createCardTaps } from '../../../src/main/input/card-hints';
import { learnCards } from '../../../src/main/input/card-learning';

function rig() {
  let now = 0;
  const learned: Array<[string, string, string]> = [];
  const cardTaps = createCardTaps(() => now);
  const cardHints = {
    learn: (uid: string, nik: string, source: string) => void learned.push([uid, nik, source]),
    nikFor: () => null,
    forgetUnusedSince: () => 0,
  };
  return { learned, cardTaps, cardHints, later: (ms: number) => void (now += ms) };
}

const NIK = '3201010101900001';

describe('learning cards at sign-in', () => {
  it("learns the server's card and the resident's own tap of this visit, then forgets the tap", () => {
    const { learned, cardTaps, cardHints } = rig();
    cardTaps.remember('04A1B2C3', 'resident');
    learnCards({ cardHints, cardTaps }, NIK, '04d4e5f6', true);
    expect(learned).toEqual([
      ['04D4E5F6', NIK, 'server'],
      ['04A1B2C3', NIK, 'tap'],
    ]);
    expect(cardTaps.onlyResidentCard(60_000)).toBeNull();
  });

  it('learns no tap the screen did not see before the NIK, none from long ago and none when two cards were tapped', () => {
    const { learned, cardTaps, cardHints, later } = rig();
    cardTaps.remember('04A1B2C3', 'resident');
    learnCards({ cardHints, cardTaps }, NIK, null, false);
    cardTaps.remember('04A1B2C3', 'resident');
    later(6 * 60_000);
    learnCards({ cardHints, cardTaps }, NIK, null, true);
    cardTaps.remember('04A1B2C3', 'resident');
    cardTaps.remember('04999999', 'resident');
    learnCards({ cardHints, cardTaps }, NIK, null, true);
    expect(learned).toEqual([]);
  });
});
