/**
 * The admin screens a technician uses to hand a kiosk over: the Server screen
 * (a new URL while a request waits for the old server: asked, then sent to
 * the new one), the Readers screen's live log, taking the logs away, and
 * restarting or quitting the app (the web host restarts in its own process).
 */
import type { Page } from '@playwright/test';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { startOpensidSim } from '../../tools/opensid-sim/server';
import { expect, openAdmin, signIn, tapDigits, testWithVillage, type KioskHost } from './fixtures';

const test = testWithVillage((url) => ({
  server: { url, readTimeoutSeconds: 2, submitTimeoutSeconds: 2 },
  sync: { baseDelaySeconds: 0.2, maxDelaySeconds: 1, pollSeconds: 0.5, doubtGraceSeconds: 0 },
  // The gesture's window at its longest: a slow CI machine's five clicks still fall inside it.
  admin: { gestureSeconds: 10 },
}));
const budi = RESIDENTS[0]!;

/** The kiosk's page, then admin (its PIN set on the PC first, unless it already was). */
async function openAdminAt(page: Page, kiosk: KioskHost, pinAlreadySet = false): Promise<void> {
  await page.goto(kiosk.url);
  await openAdmin(page, kiosk, { pinAlreadySet });
}

/** Types on the kiosk's own keyboard, one key at a time. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: /Papan ketik/ });
  for (const ch of text) await keyboard.getByRole('button', { name: ch, exact: true }).click();
}

test('a new server URL while a request waits for the old one: checked, asked, and the request is sent to the new server', async ({ page, kiosk, village }) => {
  // A request the village server could not take: it waits, made for that server.
  await signIn(page, kiosk, budi);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Keterangan Penduduk/ }).click();
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  village.setFaults({ subscription: 'unreachable' });
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan tersimpan' })).toBeVisible();
  await page.getByRole('button', { name: 'Selesai' }).click();

  const moved = await startOpensidSim();
  try {
    await openAdminAt(page, kiosk);
    await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Server' }).click();
    await expect(page.getByRole('heading', { name: 'Server desa' })).toBeVisible();
    await expect(page.locator('.admin-facts').first()).toContainText(village.url);

    await page.getByRole('button', { name: 'Ubah alamat' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Kosongkan' }).click();
    await typeOnScreen(page, moved.url);
    await expect(page.getByRole('dialog').locator('output')).toHaveText(moved.url);
    await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click();

    await page.getByRole('button', { name: 'Periksa alamat baru' }).click();
    const check = page.getByLabel('Hasil pemeriksaan');
    await expect(check).toContainText(moved.url);
    await expect(check).toContainText('TerhubungYa');
    await expect(check).toContainText('v2608.0.0');

    await page.getByRole('button', { name: 'Simpan alamat' }).click();
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('1 permohonan dibuat untuk server lain');
    await expect(ask).toContainText(`1 permohonan menunggu untuk ${village.url}`);
    expect(moved.requests()).toHaveLength(0); // nothing moves while the technician decides
    await ask.getByRole('button', { name: 'Kirim 1 ke server baru' }).click();
    await expect(page.getByRole('status')).toContainText('1 permohonan akan dikirim ke server baru');
    await expect(page.getByText(`Permohonan dikirim ke ${moved.url}`)).toBeVisible();
    await expect.poll(() => moved.requests().length, { timeout: 15_000 }).toBe(1);
    expect(village.requests()).toHaveLength(0);

    await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Catatan' }).click();
    await expect(page.locator('.admin-table')).toContainText('server.url');
  } finally {
    await moved.close();
  }
});

test('the Readers screen shows a card and a too-short burst typed in its test area, as they happen', async ({ page, kiosk }) => {
  await openAdminAt(page, kiosk);
  await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Pembaca' }).click();
  await expect(page.getByRole('heading', { name: 'Pembaca kartu dan pemindai' })).toBeVisible();
  await expect(page.getByText('Belum ada yang terbaca.')).toBeVisible();

  await page.getByRole('button', { name: /Sentuh di sini untuk menguji/ }).click();
  await expect(page.getByText('Siap: tempelkan kartu atau pindai struk sekarang')).toBeVisible();
  await page.keyboard.type('04A1B2C3');
  await page.keyboard.press('Enter');
  const log = page.getByRole('list', { name: 'Catatan langsung' });
  await expect(log.locator('li')).toHaveCount(1);
  await expect(log.locator('li').first()).toContainText('Keyboard kartu: UID …B2C3 · NIK belum dikenal');
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');
  await expect(log.locator('li').first()).toContainText('bukan pindaian: 3 karakter: lebih pendek dari 8, diabaikan');

  // The threshold on the same screen: the shortest scan set to 4 and saved, then a 4-key burst is a scan.
  await page.getByRole('button', { name: 'Ubah Panjang pindaian paling sedikit (karakter)' }).click();
  await page.getByRole('dialog').getByRole('group').getByRole('button', { name: 'Kosongkan' }).click();
  await tapDigits(page, '4');
  await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(page.getByText('Tersimpan; sudah berlaku.')).toBeVisible();
  await page.getByRole('button', { name: /Sentuh di sini untuk menguji/ }).click();
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await expect(log.locator('li').first()).toContainText('kode: 4 karakter, bukan struk kios ini');
});

test('the logs are downloaded with the audit log', async ({ page, kiosk }) => {
  await openAdminAt(page, kiosk);
  await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Catatan' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh catatan' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^ADM-ADM-01-\d{8}-\d{6}\.log$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text).toContain('"msg":"kiosk core starting"');
  expect(text).toContain('admin.opened');
  expect(text).not.toContain(budi.nik);
  await expect(page.getByRole('status')).toContainText('Catatan diunduh');
});

test('"Mulai ulang aplikasi" restarts the kiosk in place: the open pages come back by themselves', async ({ page, kiosk }) => {
  await openAdminAt(page, kiosk);
  const resident = await page.context().newPage();
  await resident.goto(`${kiosk.origin}/`);
  await expect(resident.getByRole('heading', { name: 'Kios sedang diatur petugas' })).toBeVisible();

  await page.getByRole('button', { name: 'Mulai ulang aplikasi' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Mulai ulang aplikasi kios?');
  await page.getByRole('button', { name: 'Ya, mulai ulang' }).click();
  await expect(page.getByText('Aplikasi kios sedang dimulai ulang…')).toBeVisible();
  // Back at the resident screens once the new core answers; the other page reconnects too.
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible({ timeout: 20_000 });
  await expect(resident.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible({ timeout: 20_000 });

  await openAdminAt(page, kiosk, true);
  await page.getByRole('navigation', { name: 'Menu admin' }).getByRole('button', { name: 'Catatan' }).click();
  await page.getByRole('group', { name: 'Bagian' }).getByRole('button', { name: 'core', exact: true }).click();
  await expect(page.locator('.admin-log')).toContainText('kiosk core stopped');
  // The web host's two starts, and adm's when it set the admin PIN on the PC.
  expect((await page.locator('.admin-log').innerText()).match(/kiosk core starting/g)).toHaveLength(3);
  await expect(page.locator('.admin-table')).toContainText('app.restart');
});

test('"Tutup aplikasi kios" quits the app after asking', async ({ page, kiosk }) => {
  await openAdminAt(page, kiosk);
  await page.getByRole('button', { name: 'Tutup aplikasi kios' }).click();
  await page.getByRole('button', { name: 'Ya, tutup aplikasi' }).click();
  await expect(page.getByText('Aplikasi kios sudah ditutup. Nyalakan lagi dari komputernya.')).toBeVisible();
  await expect.poll(() => fetch(kiosk.origin).then(() => 'answers', () => 'gone'), { timeout: 15_000 }).toBe('gone');
});
