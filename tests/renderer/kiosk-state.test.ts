import { describe, expect, it } from 'vitest';
import { initialState, kioskReducer, type KioskAction, type KioskState } from '../../src/renderer/kiosk-state';
import type { IssuedLetter } from '../../src/shared/signed-letters';

function run(...actions: KioskAction[]): KioskState {
  return actions.reduce(kioskReducer, initialState);
}

const digits = (text: string): KioskAction[] => [...text].map((digit) => ({ type: 'digit', digit }));

describe('kiosk state', () => {
  it('collects at most 16 NIK digits and 6 PIN digits', () => {
    const state = run({ type: 'start' }, ...digits('32010115019000019999'));
    expect(state).toMatchObject({ step: 'nik', nik: '3201011501900001' });
    const pin = run({ type: 'start' }, ...digits('3201011501900001'), { type: 'nik-accepted' }, ...digits('12345678'));
    expect(pin).toMatchObject({ step: 'pin', pin: '123456', nik: '3201011501900001' });
  });

  it('ignores anything that is not a single digit', () => {
    expect(run({ type: 'start' }, { type: 'digit', digit: 'a' }, { type: 'digit', digit: '12' })).toMatchObject({ nik: '' });
  });

  it('deletes and clears the field of the current step only', () => {
    const state = run({ type: 'start' }, ...digits('3201011501900001'), { type: 'nik-accepted' }, ...digits('123'), { type: 'delete-digit' });
    expect(state).toMatchObject({ nik: '3201011501900001', pin: '12' });
    expect(kioskReducer(state, { type: 'clear' })).toMatchObject({ nik: '3201011501900001', pin: '' });
  });

  it('goes back from PIN to NIK forgetting the PIN, and from NIK to the start', () => {
    const onPin = run({ type: 'start' }, ...digits('3201011501900001'), { type: 'nik-accepted' }, ...digits('12'));
    const back = kioskReducer(onPin, { type: 'back' });
    expect(back).toMatchObject({ step: 'nik', nik: '3201011501900001', pin: '' });
    expect(kioskReducer(back, { type: 'back' })).toEqual(initialState);
  });

  it('clears the PIN (and only the PIN) when the sign-in is refused, keeping why', () => {
    const typed = run({ type: 'start' }, ...digits('3201011501900001'), { type: 'nik-accepted' }, ...digits('000000'));
    const refused = kioskReducer(typed, { type: 'pin-refused', error: { code: 'wrong-pin', params: { count: 2 } } });
    expect(refused).toMatchObject({ step: 'pin', nik: '3201011501900001', pin: '', notice: { kind: 'pin-refused', error: { code: 'wrong-pin' } } });
    // The next tap is a new PIN's first digit, and it takes the message away.
    expect(kioskReducer(refused, { type: 'digit', digit: '4' })).toMatchObject({ pin: '4', notice: null });
  });

  it('reset forgets everything the resident entered', () => {
    const state = run({ type: 'start' }, ...digits('3201011501900001'), { type: 'nik-accepted' }, ...digits('123456'));
    expect(kioskReducer(state, { type: 'reset' })).toEqual({ screen: 'attract' });
  });

  it('ignores keypad input while a call is in flight', () => {
    const busy = run({ type: 'start' }, ...digits('12'), { type: 'busy', busy: true }, ...digits('3'));
    expect(busy).toMatchObject({ nik: '12', busy: true });
  });

  it('a scanned receipt asks only its owner\'s PIN for the latest status, then opens their requests with it marked', () => {
    const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };
    const scanned = run({ type: 'receipt-scanned', reference: 'ADM01-261201-K7M2Q' });
    const onPin = kioskReducer(scanned, { type: 'receipt-latest' });
    expect(onPin).toEqual({ screen: 'identify', step: 'pin', nik: '', pin: '', busy: false, notice: null, receipt: 'ADM01-261201-K7M2Q' });
    // A card tapped now neither changes the NIK the core will use nor reaches the PIN.
    expect(kioskReducer(onPin, { type: 'card', nik: '3201011501900001' })).toEqual(onPin);
    expect(kioskReducer(kioskReducer(onPin, { type: 'digit', digit: '1' }), { type: 'back' })).toEqual(scanned);
    const signedIn = kioskReducer(onPin, { type: 'identified', resident });
    expect(signedIn).toEqual({ screen: 'mine', resident, highlight: 'ADM01-261201-K7M2Q' });
  });

  it('a resident already signed in goes from a scanned receipt straight to their requests', () => {
    const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };
    const menu: KioskState = { screen: 'menu', resident };
    const scanned = kioskReducer(menu, { type: 'receipt-scanned', reference: 'ADM01-261201-K7M2Q' });
    expect(kioskReducer(scanned, { type: 'receipt-latest' })).toEqual({ screen: 'mine', resident, highlight: 'ADM01-261201-K7M2Q' });
    expect(kioskReducer(scanned, { type: 'receipt-closed' })).toEqual(menu);
  });
});

describe('Surat Saya', () => {
  const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };
  const signed: IssuedLetter = { id: '41', number: null, name: 'Keterangan Domisili', official: null, date: null, signature: 'signed', printable: true, printsLeftToday: 1 };

  it('opens from the menu, and a printable letter opens its preview; back goes to the list, then the menu', () => {
    const list = kioskReducer({ screen: 'menu', resident }, { type: 'go', screen: 'issued' });
    expect(list).toEqual({ screen: 'issued', resident });
    const preview = kioskReducer(list, { type: 'open-issued', letter: signed });
    expect(preview).toEqual({ screen: 'letter-preview', resident, letter: signed });
    expect(kioskReducer(kioskReducer(preview, { type: 'go', screen: 'issued' }), { type: 'go', screen: 'menu' })).toEqual({ screen: 'menu', resident });
  });

  it('opens no preview for a letter the list did not offer to print, nor from another screen', () => {
    const list: KioskState = { screen: 'issued', resident };
    expect(kioskReducer(list, { type: 'open-issued', letter: { ...signed, signature: 'waiting', printable: false } })).toEqual(list);
    const menu: KioskState = { screen: 'menu', resident };
    expect(kioskReducer(menu, { type: 'open-issued', letter: signed })).toEqual(menu);
  });

  it('a scanned receipt opens over the list, never over a letter being printed', () => {
    expect(kioskReducer({ screen: 'issued', resident }, { type: 'receipt-scanned', reference: 'ADM01-261201-K7M2Q' })).toMatchObject({ screen: 'receipt' });
    const preview: KioskState = { screen: 'letter-preview', resident, letter: signed };
    expect(kioskReducer(preview, { type: 'receipt-scanned', reference: 'ADM01-261201-K7M2Q' })).toEqual(preview);
  });

  it('a reset leaves nothing of the letter', () => {
    expect(kioskReducer({ screen: 'letter-preview', resident, letter: signed }, { type: 'reset' })).toEqual(initialState);
  });
});

describe('field problems in the form', () => {
  it('are kept as codes, not words, and each goes when its field is answered', () => {
    const resident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };
    const letter = {
      id: 7,
      code: 'S-12',
      name: 'Surat Keterangan Domisili',
      timesRequested: 0,
      fields: [{ type: 'number', name: 'lama_tinggal', label: 'Lama Tinggal', required: true, placeholder: null, options: [] }],
      requirements: [],
    };
    const opened = kioskReducer({ screen: 'menu', resident }, { type: 'open-letter', letter });
    const refused = kioskReducer(opened, { type: 'form-errors', errors: { lama_tinggal: 'number', phone: 'phone' } });
    expect(refused).toMatchObject({ draft: { errors: { lama_tinggal: 'number', phone: 'phone' } } });
    const answered = kioskReducer(refused, { type: 'answer', name: 'lama_tinggal', value: '12' });
    expect(answered).toMatchObject({ draft: { errors: { phone: 'phone' } } });
    expect(kioskReducer(answered, { type: 'phone', phone: '0812345678' })).toMatchObject({ draft: { errors: {} } });
  });
});
