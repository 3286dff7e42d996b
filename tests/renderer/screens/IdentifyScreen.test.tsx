import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdentifiedResident } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';
import type { KioskState } from '../../../src/renderer/kiosk-state';
import { IdentifyScreen } from '../../../src/renderer/screens/IdentifyScreen';
import { createFakeBridge } from '../fake-bridge';
import { renderOnReducer } from '../reducer-harness';

afterEach(cleanup);

const budi: IdentifiedResident = { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null };

type Identifying = Extract<KioskState, { screen: 'identify' }>;

/** The identify screen on its own; `visit` is what App counts up at every reset. */
function showIdentify(start: Partial<Identifying> = {}, fake = createFakeBridge()) {
  const visit = { current: 0 };
  const onCancel = vi.fn();
  const harness = renderOnReducer({ screen: 'identify', step: 'nik', nik: '', pin: '', busy: false, notice: null, ...start }, (state, dispatch) =>
    state.screen === 'identify' ? (
      <IdentifyScreen api={fake.bridge} state={state} dispatch={dispatch} visit={visit} onCancel={onCancel} />
    ) : (
      <p>{state.screen}</p>
    ),
  );
  return { ...harness, fake, visit, onCancel };
}

const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const typeDigits = (digits: string) => {
  for (const digit of digits) tap(new RegExp(`^${digit}$`));
};
const next = () => screen.getByRole('button', { name: /^(Lanjut|Memeriksa\.\.\.|Next|Checking\.\.\.)$/ }) as HTMLButtonElement;

/** An identify call whose answer the test gives when it likes. */
function answerLater(fake: ReturnType<typeof createFakeBridge>) {
  let answer: (result: Result<IdentifiedResident>) => void = () => {};
  fake.identify.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve as typeof answer)) as never);
  return (result: Result<IdentifiedResident>) => act(async () => answer(result));
}

describe('the identify screen', () => {
  it('checks the NIK itself: a short one is explained (in the language on screen) and never sent', async () => {
    const { fake, state, i18n } = showIdentify();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ketik NIK Anda');
    typeDigits('320101');
    expect(screen.getByText('3201 01__ ____ ____')).toBeTruthy();
    tap('Lanjut');
    expect(screen.getByRole('alert').textContent).toContain('NIK harus 16 angka. Baru 6 angka yang diketik, kurang 10 angka lagi.');
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByRole('alert').textContent).toContain('A NIK has 16 digits. You have entered 6, 10 more to go.');
    expect(fake.identify).not.toHaveBeenCalled();
    typeDigits('1501900001');
    tap('Next');
    expect(state()).toMatchObject({ step: 'pin', nik: '3201011501900001', pin: '' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Enter your PIN');
  });

  it('asks for all six PIN digits before it asks the core', () => {
    const { fake } = showIdentify({ step: 'pin', nik: '3201011501900001' });
    typeDigits('97531');
    tap('Lanjut');
    expect(screen.getByRole('alert').textContent).toContain('PIN harus 6 angka. Baru 5 angka yang diketik.');
    expect(fake.identify).not.toHaveBeenCalled();
  });

  it('signs the resident in with the NIK and PIN, saying it is checking meanwhile', async () => {
    const { fake, state } = showIdentify({ step: 'pin', nik: '3201011501900001' });
    const answer = answerLater(fake);
    typeDigits('975310');
    tap('Lanjut');
    expect(fake.identify).toHaveBeenCalledWith({ nik: '3201011501900001', pin: '975310' });
    expect(next().textContent).toBe('Memeriksa...');
    expect(next().disabled).toBe(true);
    // The keypad waits too: a tap now changes nothing.
    expect((screen.getByRole('button', { name: /^1$/ }) as HTMLButtonElement).disabled).toBe(true);
    await answer({ ok: true, value: budi });
    expect(state()).toEqual({ screen: 'menu', resident: budi });
    expect(screen.getByText('menu')).toBeTruthy();
  });

  it('clears a wrong PIN and says so with the tries left, reworded when the language changes', async () => {
    const { fake, state, i18n } = showIdentify({ step: 'pin', nik: '3201011501900001' });
    fake.identify.mockResolvedValue({ ok: false, error: { code: 'wrong-pin', params: { count: 2 } } });
    typeDigits('000000');
    tap('Lanjut');
    expect((await screen.findByRole('alert')).textContent).toContain('PIN tidak cocok dengan NIK ini dan sudah dikosongkan. Ketik PIN lagi; sisa 2 kali percobaan.');
    expect(state()).toMatchObject({ screen: 'identify', pin: '', busy: false });
    expect(document.querySelectorAll('.pin-dot.filled')).toHaveLength(0);
    expect(next().disabled).toBe(false);
    await act(async () => void (await i18n.changeLanguage('en')));
    expect(screen.getByRole('alert').textContent).toContain('The PIN does not match this NIK and has been cleared. Enter the PIN again; 2 more tries left.');
  });

  it('ignores a sign-in answer that arrives after its visit ended: nobody is signed in and the screen is left as it is', async () => {
    const { fake, state, sent, visit } = showIdentify({ step: 'pin', nik: '3201011501900001' });
    const answer = answerLater(fake);
    typeDigits('975310');
    tap('Lanjut');
    // Batal or the idle timer: App starts a new visit while the PIN is being checked.
    visit.current += 1;
    const before = state();
    await answer({ ok: true, value: budi });
    expect(state()).toBe(before);
    expect(sent.some((action) => action.type === 'identified')).toBe(false);
    expect(screen.queryByText('menu')).toBeNull();
  });

  it('passes on that an unknown card was tapped first, so the sign-in may teach the kiosk the card', async () => {
    const { fake } = showIdentify({ step: 'pin', nik: '3201011501900001', cardTapped: true });
    typeDigits('975310');
    tap('Lanjut');
    await vi.waitFor(() => expect(fake.identify).toHaveBeenCalledWith({ nik: '3201011501900001', pin: '975310', cardTapped: true }));
  });

  it('for a scanned receipt asks only its owner\'s PIN, signs in by the receipt, and goes back to the receipt', async () => {
    const { fake, state } = showIdentify({ step: 'pin', receipt: 'ADM01-261201-K7M2Q' });
    expect(screen.getByText(/PIN pemilik bukti ADM01-261201-K7M2Q/)).toBeTruthy();
    // No errand step count: this is no letter request.
    expect(screen.queryByText(/Langkah/)).toBeNull();
    fake.identify.mockResolvedValueOnce({ ok: true, value: budi } as never);
    typeDigits('975310');
    tap('Lanjut');
    await vi.waitFor(() => expect(state()).toEqual({ screen: 'mine', resident: budi, highlight: 'ADM01-261201-K7M2Q' }));
    expect(fake.identify).toHaveBeenCalledWith({ reference: 'ADM01-261201-K7M2Q', pin: '975310' });
  });

  it('"Kembali" goes from the PIN to the NIK, and from the NIK back to the start (the visit ends)', () => {
    const { state, onCancel } = showIdentify({ step: 'pin', nik: '3201011501900001' });
    typeDigits('12');
    tap('Kembali');
    expect(state()).toMatchObject({ step: 'nik', nik: '3201011501900001', pin: '' });
    expect(onCancel).not.toHaveBeenCalled();
    tap('Kembali');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('on a kiosk with no village server offers no Lanjut after the refusal, only the way back to the start', async () => {
    const { onCancel } = showIdentify({ step: 'pin', nik: '3201011501900001' });
    typeDigits('975310');
    tap('Lanjut');
    expect((await screen.findByRole('alert')).textContent).toContain('Kios ini belum disambungkan ke sistem desa. Silakan hubungi petugas.');
    expect(next().disabled).toBe(true);
    tap('Kembali ke awal');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
