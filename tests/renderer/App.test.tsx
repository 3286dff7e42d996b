import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/App';
import { createI18n } from '../../src/renderer/i18n';
import { createFakeBridge, testAttract, testInfo } from './fake-bridge';

// The letter preview's pdf.js module (loaded lazily) needs a real canvas: here it "draws" one picture.
vi.mock('../../src/renderer/pdf/render-pdf', () => ({ renderLetterPages: async () => ['data:image/png;base64,AAAA'] }));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderApp(fake = createFakeBridge(), beep = vi.fn(() => true)) {
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <App api={fake.bridge} beep={beep} />
    </I18nextProvider>,
  );
  return { fake, beep };
}

function tap(name: string | RegExp): void {
  fireEvent.click(screen.getByRole('button', { name }));
}

function typeDigits(digits: string): void {
  for (const digit of digits) tap(new RegExp(`^${digit}$`));
}

describe('App', () => {
  it('shows the village on the attract screen and starts on a touch', async () => {
    renderApp();
    expect(await screen.findByText('Desa Sukamaju')).toBeTruthy();
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy();
    // What the kiosk is for, what to bring and how to get a PIN, before anyone touches it.
    expect(screen.getByText(/Bawa e-KTP dan PIN Layanan Mandiri Anda\./)).toBeTruthy();
    expect(screen.getByText('Belum punya PIN? Mintalah di kantor desa.')).toBeTruthy();
    // touch targets sized for the configured panel (102 PPI -> 12.7 mm = 51 px)
    expect(document.documentElement.style.getPropertyValue('--touch-min')).toBe('51px');
    tap('Sentuh layar untuk mulai');
    expect(screen.getByText('Ketik NIK Anda')).toBeTruthy();
    expect(screen.getByText('Langkah 1 dari 5')).toBeTruthy();
    for (const label of ['Kembali', 'Batal', 'Lanjut']) expect(screen.getByRole('button', { name: label })).toBeTruthy();
  });

  it('shows the village photos one after another, the news, the office and the running text; fetched again when the core has new ones', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const photo = (caption: string) => ({ caption, dataUrl: `data:image/png;base64,${btoa(caption)}` });
    const fake = createFakeBridge(testInfo, {
      ...testAttract,
      gallery: [photo('Kantor Desa'), photo('Balai Dusun I')],
      articles: [{ title: 'Kerja Bakti Bersih Desa', date: '2026-11-25 16:30:00', imageDataUrl: null }],
      officeAddress: 'Jl. Raya Sukamaju No. 1',
      officeHours: 'Senin-Jumat 08.00-15.00',
      runningText: 'Pelayanan KTP pindah ke Balai Dusun I.',
    });
    const attract = vi.spyOn(fake.bridge.calls, 'kiosk.attract');
    renderApp(fake);
    expect(await screen.findByRole('img', { name: 'Kantor Desa' })).toBeTruthy();
    expect(screen.getByText('Kerja Bakti Bersih Desa')).toBeTruthy();
    expect(screen.getByText('Kantor desa: Jl. Raya Sukamaju No. 1 · Senin-Jumat 08.00-15.00')).toBeTruthy();
    expect(screen.getByText('Pelayanan KTP pindah ke Balai Dusun I.')).toBeTruthy();
    await act(async () => vi.advanceTimersByTime(8000));
    expect(screen.getByRole('img', { name: 'Balai Dusun I' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'Kantor Desa' })).toBeNull();

    // Back and forth between screens does not fetch the pictures again; the core's signal does.
    tap('Sentuh layar untuk mulai');
    tap('Batal');
    expect(attract).toHaveBeenCalledTimes(1);
    act(() => fake.push('kiosk.attractChanged', {}));
    expect(attract).toHaveBeenCalledTimes(2);
  });

  it('opens admin after five taps on the top-left corner within three seconds, never starting a session', async () => {
    const openAdmin = vi.fn();
    window.admShell = { openAdmin };
    try {
      renderApp();
      await screen.findByText('Sentuh layar untuk mulai');
      const corner = document.querySelector('.admin-corner')!;
      vi.useFakeTimers({ shouldAdvanceTime: true });
      for (let i = 0; i < 4; i++) fireEvent.pointerDown(corner);
      vi.advanceTimersByTime(3100); // too slow: the count starts again
      for (let i = 0; i < 4; i++) fireEvent.pointerDown(corner);
      expect(openAdmin).not.toHaveBeenCalled();
      fireEvent.pointerDown(corner);
      fireEvent.click(corner);
      expect(openAdmin).toHaveBeenCalledTimes(1);
      expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy();
    } finally {
      delete window.admShell;
    }
  });

  it('waits while a technician has admin open, with nothing of the resident left, and comes back when it closes', async () => {
    const { fake } = renderApp();
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201');
    act(() => fake.push('kiosk.adminChanged', { open: true }));
    expect(screen.getByRole('heading', { name: 'Kios sedang diatur petugas' })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(fake.end).toHaveBeenCalledWith({ reason: 'admin' });
    act(() => fake.push('kiosk.adminChanged', { open: false }));
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy();
  });

  it.each([
    ['server-not-configured', 'Kios ini belum siap melayani permohonan surat. Silakan ambil nomor antrean dan datang ke loket pelayanan.'],
    ['needs-technician', 'Kios ini sedang menunggu petugas dan belum dapat melayani permohonan. Silakan hubungi petugas di kantor desa.'],
  ] as const)('a kiosk that takes no sign-in (%s) says so on the attract screen and offers only the queue ticket', async (refused, notice) => {
    const fake = createFakeBridge({ ...testInfo, signInRefused: refused, needsTechnician: refused === 'needs-technician' });
    renderApp(fake);
    expect((await screen.findByRole('alert')).textContent).toBe(notice);
    expect(screen.queryByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeNull();
    // A touch anywhere, or a card, opens no NIK screen.
    fireEvent.click(screen.getByRole('main'));
    act(() => fake.push('input.card', { nik: '3201011501850001' }));
    expect(screen.queryByText('Ketik NIK Anda')).toBeNull();
    expect(screen.queryByText(/Ketik PIN/)).toBeNull();
    // Its help does not ask for a touch and a NIK either.
    tap('Bantuan');
    expect(screen.getByRole('dialog').textContent).toContain('Kios ini belum dapat melayani permohonan surat. Sentuh Ambil Nomor Antrean');
    expect(screen.getByRole('dialog').textContent).not.toContain('Sentuh layar untuk mulai');
    tap('Tutup');
    tap('Ambil Nomor Antrean');
    expect(await screen.findByText('Nomor antrean Anda')).toBeTruthy();
  });

  it('a scanned receipt on a kiosk that takes no sign-in shows what the kiosk knows and sends the resident to the counter, not to a PIN', async () => {
    const fake = createFakeBridge({ ...testInfo, signInRefused: 'server-not-configured', needsTechnician: false });
    Object.assign(fake.bridge.calls, {
      'requests.receiptStatus': async () => ({
        ok: true as const,
        value: { reference: 'ADM-7Q2K', letterName: 'Surat Keterangan Domisili', createdAt: '2026-12-07T01:13:00.000Z', queueNumber: 'A-012', localState: 'waiting' as const, statusCode: null },
      }),
    });
    renderApp(fake);
    await screen.findByRole('alert');
    act(() => fake.push('input.receipt', { reference: 'ADM-7Q2K' }));
    expect(await screen.findByText('Kios ini belum dapat membuka kabar terbaru. Tanyakan di loket pelayanan dengan membawa bukti ini.')).toBeTruthy();
    expect(screen.getByText('A-012')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Lihat status terbaru' })).toBeNull();
    tap('Bantuan');
    expect(screen.getByRole('dialog').textContent).toContain('tanyakan di loket pelayanan');
    expect(screen.getByRole('dialog').textContent).not.toContain('PIN');
  });

  // The core forgets a tapped card only when it hears the visit ended: "Batal" and "Kembali" before any sign-in say so too.
  it.each([['Batal'], ['Kembali']])('after an unknown card\'s tap, "%s" before any sign-in tells the core the visit ended', async (button) => {
    const { fake } = renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    act(() => fake.push('input.card', { nik: null }));
    expect(screen.getByText('Ketik NIK Anda')).toBeTruthy();
    tap(button);
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy();
    expect(fake.end).toHaveBeenCalledWith({ reason: 'cancel' });
  });

  // A card the kiosk does not know teaches it the NIK only when it was tapped before the NIK was typed: the resident's own.
  it.each([
    ['tapped on the start screen', 'before', true],
    ['tapped after the first digits of the NIK', 'after-digits', false],
    ['tapped while the PIN is typed (a bystander)', 'on-pin', false],
  ] as const)('an unknown card %s: the sign-in says so only if it came first', async (_name, when, cardTapped) => {
    const { fake } = renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    if (when === 'before') act(() => fake.push('input.card', { nik: null }));
    else tap('Sentuh layar untuk mulai');
    typeDigits('3201');
    if (when === 'after-digits') act(() => fake.push('input.card', { nik: null }));
    typeDigits('011501900001');
    tap('Lanjut');
    typeDigits('975');
    if (when === 'on-pin') act(() => fake.push('input.card', { nik: null }));
    typeDigits('310');
    tap('Lanjut');
    await screen.findByText(/Kios ini belum disambungkan ke sistem desa/);
    expect(fake.identify).toHaveBeenCalledWith({ nik: '3201011501900001', pin: '975310', ...(cardTapped ? { cardTapped: true } : {}) });
  });

  it('explains what is wrong with a NIK in plain Indonesian', async () => {
    renderApp();
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('320101');
    tap('Lanjut');
    expect(screen.getByRole('alert').textContent).toContain('Baru 6 angka yang diketik, kurang 10 angka lagi');
    tap('Kosongkan');
    typeDigits('9901011501900001');
    tap('Lanjut');
    expect(screen.getByRole('alert').textContent).toContain('(99) bukan kode provinsi');
    tap('Kosongkan');
    typeDigits('3201013201900001');
    tap('Lanjut');
    expect(screen.getByRole('alert').textContent).toContain('harus tanggal lahir yang benar');
  });

  it('masks the PIN and shows the real state of the server', async () => {
    const { fake } = renderApp();
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201011501900001');
    tap('Lanjut');
    expect(screen.getByText('Ketik PIN Anda')).toBeTruthy();
    typeDigits('97531');
    tap('Lanjut');
    expect(screen.getByRole('alert').textContent).toContain('PIN harus 6 angka');
    typeDigits('0');
    expect(document.body.textContent).not.toContain('975310');
    expect(document.querySelectorAll('.pin-dot.filled')).toHaveLength(6);
    tap('Lanjut');
    expect(await screen.findByText(/Kios ini belum disambungkan ke sistem desa/)).toBeTruthy();
    expect(fake.identify).toHaveBeenCalledWith({ nik: '3201011501900001', pin: '975310' });
    // No PIN can work on this kiosk: Lanjut is off and the way back to the start is offered.
    expect((screen.getByRole('button', { name: 'Lanjut' }) as HTMLButtonElement).disabled).toBe(true);
    tap('Kembali ke awal');
    expect(await screen.findByText('Sentuh layar untuk mulai')).toBeTruthy();
  });

  it('Surat Saya: from the menu to a letter\'s preview and back, and Keluar ends the visit', async () => {
    const fake = createFakeBridge();
    fake.identify.mockResolvedValue({ ok: true, value: { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null } } as never);
    const letter = { id: '41', number: null, name: 'Keterangan Domisili', official: null, date: '2026-12-05', signature: 'signed' as const, printable: true, printsLeftToday: 1 };
    const file = vi.fn(async () => ({ ok: true as const, value: { pdf: 'JVBERi0xLjcK', pages: 1 } }));
    Object.assign(fake.bridge.calls, {
      'letters.issued': async () => ({ ok: true as const, value: { letters: [letter], printingOffered: true } }),
      'letters.file': file,
    });
    renderApp(fake);
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201011501900001');
    tap('Lanjut');
    typeDigits('975310');
    tap('Lanjut');
    await screen.findByText(/Selamat datang/);
    tap(/^Surat Saya/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Surat Saya');
    tap(await screen.findByRole('button', { name: 'Cetak Surat Keterangan Domisili' }).then(() => 'Cetak Surat Keterangan Domisili'));
    expect(await screen.findByRole('img', { name: 'Halaman 1 dari 1' })).toBeTruthy();
    expect(file).toHaveBeenCalledWith({ id: '41' });
    expect(screen.getByText('1 halaman')).toBeTruthy();
    tap('Kembali');
    expect(await screen.findByText('Siap dicetak')).toBeTruthy();
    tap('Keluar');
    expect(await screen.findByText('Sentuh layar untuk mulai')).toBeTruthy();
    expect(fake.end).toHaveBeenCalledWith({ reason: 'done' });
  });

  it('a resident already signed in who scans a receipt is sent to Permohonan Saya by the help too, not asked for a PIN', async () => {
    const fake = createFakeBridge();
    fake.identify.mockResolvedValue({ ok: true, value: { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null } } as never);
    Object.assign(fake.bridge.calls, {
      'requests.receiptStatus': async () => ({
        ok: true as const,
        value: { reference: 'ADM-7Q2K', letterName: 'Surat Keterangan Domisili', createdAt: '2026-12-07T01:13:00.000Z', queueNumber: 'A-012', localState: null, statusCode: 1 },
      }),
    });
    renderApp(fake);
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201011501900001');
    tap('Lanjut');
    typeDigits('975310');
    tap('Lanjut');
    await screen.findByText(/Selamat datang/);
    act(() => fake.push('input.receipt', { reference: 'ADM-7Q2K' }));
    expect(await screen.findByRole('button', { name: 'Buka Permohonan Saya' })).toBeTruthy();
    tap('Bantuan');
    expect(screen.getByRole('dialog').textContent).toContain('sentuh Buka Permohonan Saya');
    expect(screen.getByRole('dialog').textContent).not.toContain('PIN');
  });

  it('a PIN answer that arrives after the resident tapped Batal signs in nobody and leaves the next resident\'s PIN alone', async () => {
    const { fake } = renderApp();
    // The fake's identify is typed for refusals; this one answers a signed-in resident, late.
    let answer: (value: unknown) => void = () => {};
    fake.identify.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve as (value: unknown) => void)));
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201011501900001');
    tap('Lanjut');
    typeDigits('975310');
    tap('Lanjut');
    tap('Batal');
    // The next resident starts and is typing a PIN when the first one's answer comes.
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201011501850001');
    tap('Lanjut');
    typeDigits('1234');
    await act(async () => answer({ ok: true, value: { name: 'Budi Santoso', maskedNik: '320101******0001', online: true, phone: null } }));
    expect(screen.queryByText(/Budi Santoso/)).toBeNull();
    expect(screen.getByText('Ketik PIN Anda')).toBeTruthy();
    expect(document.querySelectorAll('.pin-dot.filled')).toHaveLength(4);
    expect((screen.getByRole('button', { name: 'Lanjut' }) as HTMLButtonElement).disabled).toBe(false);
    // Batal told the core the visit ended before the answer came (the core then opens no session for it).
    expect(fake.end).toHaveBeenCalledWith({ reason: 'cancel' });
  });

  it('clears a wrong PIN and says so, so the next taps type the PIN again', async () => {
    const { fake } = renderApp();
    fake.identify.mockResolvedValue({ ok: false, error: { code: 'wrong-pin', params: { count: 2 } } });
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    typeDigits('3201011501900001');
    tap('Lanjut');
    expect(screen.getByText('Langkah 1 dari 5')).toBeTruthy();
    typeDigits('000000');
    tap('Lanjut');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'PIN tidak cocok dengan NIK ini dan sudah dikosongkan. Ketik PIN lagi; sisa 2 kali percobaan.',
    );
    expect(document.querySelectorAll('.pin-dot.filled')).toHaveLength(0);
    expect(screen.getByText('0 dari 6 angka')).toBeTruthy();
    typeDigits('975310');
    expect(document.querySelectorAll('.pin-dot.filled')).toHaveLength(6);
    tap('Lanjut');
    await vi.waitFor(() => expect(fake.identify).toHaveBeenLastCalledWith({ nik: '3201011501900001', pin: '975310' }));
  });

  it('warns with a countdown and tones when idle, then resets and forgets the entry', async () => {
    vi.useFakeTimers();
    const { fake, beep } = renderApp();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    tap('Sentuh layar untuk mulai');
    typeDigits('3201');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(59_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_500);
    });
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Masih di sini?');
    expect(dialog.textContent).toMatch(/dalam (20|19) detik/);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5_000);
    });
    expect(beep.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(screen.getByRole('alertdialog').textContent).toMatch(/dalam 1[45] detik/);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(16_000);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy();
    expect(fake.end).toHaveBeenCalledWith({ reason: 'idle' });
    tap('Sentuh layar untuk mulai');
    expect(screen.getByText('____ ____ ____ ____')).toBeTruthy();
  });

  it('continues the session with one tap on the warning', async () => {
    vi.useFakeTimers();
    renderApp();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    tap('Sentuh layar untuk mulai');
    typeDigits('3201');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(61_000);
    });
    tap('Lanjutkan');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText('3201 ____ ____ ____')).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    expect(screen.queryByText('Sentuh layar untuk mulai')).toBeNull();
  });

  it('follows configuration changes pushed by the core', async () => {
    const { fake } = renderApp();
    await screen.findByText('Desa Sukamaju');
    act(() => fake.push('kiosk.infoChanged', { ...testInfo, village: { name: 'Desa Mekarsari', logoDataUrl: null } }));
    expect(screen.getByText('Desa Mekarsari')).toBeTruthy();
  });

  it('switches to English and back to the kiosk language for the next resident', async () => {
    renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    tap('English');
    expect(await screen.findByText('Touch the screen to start')).toBeTruthy();
    tap('Touch the screen to start');
    expect(screen.getByText('Enter your NIK')).toBeTruthy();
    tap('Cancel');
    expect(await screen.findByText('Sentuh layar untuk mulai')).toBeTruthy();
  });

  it('has help for the screen the resident is on; "Panggil petugas" leaves a notice until staff close it', async () => {
    const { fake } = renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    tap('Bantuan');
    expect(screen.getByRole('dialog').textContent).toContain('Belum punya PIN? Mintalah di kantor desa.');
    tap('Tutup');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy(); // the help's taps did not start a session

    tap('Sentuh layar untuk mulai');
    typeDigits('3201011501900001');
    tap('Lanjut');
    tap('Bantuan');
    expect(screen.getByRole('dialog').textContent).toContain('Ketik 6 angka PIN Layanan Mandiri Anda');
    tap('Panggil petugas');
    expect(fake.callStaff).toHaveBeenCalledWith({ screen: 'pin' });
    expect(screen.getByText(/Petugas sudah dipanggil/)).toBeTruthy();
    tap('Batal'); // the resident gives up: the notice stays for the staff
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy();
    expect(screen.getByText(/Petugas sudah dipanggil/)).toBeTruthy();
    tap('Petugas: tutup pesan ini');
    expect(screen.queryByText(/Petugas sudah dipanggil/)).toBeNull();
  });

  it('switches language on any screen and goes back to the kiosk\'s language when the session ends', async () => {
    renderApp();
    tap(await screen.findByText('Sentuh layar untuk mulai').then(() => 'Sentuh layar untuk mulai'));
    tap('English');
    expect(screen.getByText('Enter your NIK')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Help' })).toBeTruthy();
    tap('Cancel');
    expect(await screen.findByText('Sentuh layar untuk mulai')).toBeTruthy();
  });

  it.each([
    ['Kontras tinggi', 'high-contrast'],
    ['Huruf besar', 'large-text'],
  ])('"%s" is for this session: pressed while on, off again for the next resident', async (label, className) => {
    renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    tap(label);
    expect(document.querySelector('.kiosk')?.classList.contains(className)).toBe(true);
    expect(screen.getByRole('button', { name: label }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Sentuh layar untuk mulai')).toBeTruthy(); // the toggle did not start a session
    tap('Sentuh layar untuk mulai');
    expect(screen.getByRole('button', { name: label }).getAttribute('aria-pressed')).toBe('true');
    tap('Batal');
    expect(document.querySelector('.kiosk')?.classList.contains(className)).toBe(false);
  });

  it('"Huruf besar" and "Kontras tinggi" are independent of each other', async () => {
    renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    tap('Huruf besar');
    tap('Kontras tinggi');
    tap('Huruf besar');
    const classes = document.querySelector('.kiosk')?.classList;
    expect([classes?.contains('large-text'), classes?.contains('high-contrast')]).toEqual([false, true]);
  });

  it('"Dengarkan" speaks this screen\'s prompt in the resident\'s language, through the core', async () => {
    const play = vi.fn(async () => {});
    vi.stubGlobal('Audio', vi.fn(function (this: { play: typeof play; pause(): void }) { this.play = play; this.pause = () => {}; }));
    const { fake } = renderApp();
    await screen.findByText('Sentuh layar untuk mulai');
    tap('Sentuh layar untuk mulai');
    tap('Dengarkan');
    await vi.waitFor(() => expect(play).toHaveBeenCalledTimes(1));
    expect(fake.speak).toHaveBeenLastCalledWith({ text: 'Ketik enam belas angka NIK Anda, lalu sentuh Lanjut.', language: 'id' });
    tap('English');
    tap('Listen');
    await vi.waitFor(() => expect(fake.speak).toHaveBeenLastCalledWith({ text: 'Enter the sixteen digits of your NIK, then touch Next.', language: 'en' }));
    vi.unstubAllGlobals();
  });
});
