/**
 * The admin's Permohonan screen against the demo village server: a request
 * the server could not take is held by the technician, released and
 * delivered; a request whose sending was in doubt, with two server rows it
 * could be, is resolved by choosing the right one.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { createOpensidClient } from '../../src/main/village/opensid-client';
import { LETTERS, RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, openAdmin, signIn, testWithVillage, type KioskHost } from './fixtures';

const test = testWithVillage((url) => ({
  server: { url, readTimeoutSeconds: 2, submitTimeoutSeconds: 2 },
  sync: { baseDelaySeconds: 0.2, maxDelaySeconds: 1, pollSeconds: 0.5, doubtGraceSeconds: 0 },
  // The gesture's window at its longest: a slow CI machine's five clicks still fall inside it.
  admin: { gestureSeconds: 10 },
}));
const budi = RESIDENTS[0]!;
const penduduk = LETTERS.find((letter) => letter.kode === 'S-02')!;

/** Signs in and fills Surat Keterangan Penduduk up to its summary; `beforeSend` runs just before "Kirim Permohonan". */
async function request(page: Page, kiosk: KioskHost, beforeSend: () => void): Promise<string> {
  await signIn(page, kiosk, budi);
  await page.getByRole('button', { name: /Ajukan Surat/ }).click();
  await page.getByRole('button', { name: /Surat Keterangan Penduduk/ }).click();
  await expect(page.getByRole('heading', { name: 'Keperluan' })).toBeVisible();
  for (const key of 'KERJA') await page.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { name: 'Periksa permohonan' })).toBeVisible();
  beforeSend();
  await page.getByRole('button', { name: 'Kirim Permohonan' }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan tersimpan' })).toBeVisible();
  const reference = (await page.locator('.result-reference-inline').innerText()).trim();
  await page.getByRole('button', { name: 'Selesai' }).click();
  return reference;
}

async function openOutbox(page: Page, kiosk: KioskHost): Promise<void> {
  await openAdmin(page, kiosk);
  await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Permohonan di kios' })).toBeVisible();
}

const row = (page: Page, reference: string) => page.locator('.admin-outbox li', { hasText: reference });

test('a request the server could not take is held, shown as held, released and delivered', async ({ page, kiosk, village }) => {
  const reference = await request(page, kiosk, () => village.setFaults({ subscription: 'unreachable' }));
  await openOutbox(page, kiosk);
  await page.getByRole('button', { name: 'Menunggu' }).click();
  await expect(row(page, reference)).toContainText('320101******0001');
  await expect(row(page, reference)).toContainText('menunggu dikirim');
  await row(page, reference).getByRole('button', { name: `Rincian ${reference}` }).click();
  await expect(row(page, reference)).toContainText('Percobaan kirim');
  await row(page, reference).getByRole('button', { name: 'Tahan' }).click();

  await page.getByRole('button', { name: 'Ditahan' }).click();
  await expect(row(page, reference)).toContainText('ditahan untuk petugas');
  village.setFaults({ subscription: 'ok' });
  await row(page, reference).getByRole('button', { name: `Rincian ${reference}` }).click();
  await expect(row(page, reference)).toContainText('ditahan petugas');
  await row(page, reference).getByRole('button', { name: 'Lepaskan dan kirim' }).click();
  await expect.poll(() => village.requests().filter((r) => (r.isianForm ?? '').includes(reference)).length, { timeout: 10_000 }).toBe(1);
  await page.getByRole('button', { name: 'Terkirim' }).click();
  // Once sent, the office's own status is its word (a cancelled one reads "Dibatalkan").
  await expect(row(page, reference)).toContainText('Sedang Diperiksa');
});

test('a request in doubt with two server rows it could be is resolved by choosing the right one', async ({ page, kiosk, village }, testInfo) => {
  const reference = await request(page, kiosk, () => village.setFaults({ hangAfterInsertRate: 1 }));
  // The kiosk's own row is in; its answer never came. Meanwhile the same resident sent the same letter elsewhere.
  await expect.poll(() => village.requests().length, { timeout: 10_000 }).toBe(1);
  village.setFaults({ hangAfterInsertRate: 0 });
  const client = createOpensidClient({ baseUrl: village.url });
  const login = await client.login(budi.nik, budi.pin);
  if (!login.ok) throw new Error('login failed');
  const elsewhere = await client.submitRequest(login.value.token, {
    slug: penduduk.slug,
    letterId: penduduk.id,
    answers: { keperluan: 'Dari tempat lain' },
    requirements: Object.fromEntries(penduduk.syarat.map((id) => [String(id), '-1'])),
    phone: '081234567890',
    note: null,
    reference: 'ELSEWHERE',
  });
  if (!elsewhere.ok) throw new Error(elsewhere.error.message);
  const mine = village.requests().find((r) => (r.isianForm ?? '').includes(reference))!.id;

  await openOutbox(page, kiosk);
  await page.getByRole('button', { name: 'Ditahan' }).click();
  // The sync worker parks it once the attempt's doubt is over; the list is asked again until then.
  await expect(async () => {
    await page.getByRole('button', { name: 'Semua' }).click();
    await page.getByRole('button', { name: 'Ditahan' }).click();
    await expect(row(page, reference)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await row(page, reference).getByRole('button', { name: `Rincian ${reference}` }).click();
  await expect(row(page, reference)).toContainText('Pengiriman sebelumnya tidak pasti');
  await expect(row(page, reference).getByRole('button', { name: `Ini permohonan nomor ${elsewhere.value.id} di server` })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('admin-outbox-candidates.png') });
  await row(page, reference).getByRole('button', { name: `Ini permohonan nomor ${mine} di server` }).click();

  await page.getByRole('button', { name: 'Terkirim' }).click();
  await row(page, reference).getByRole('button', { name: `Rincian ${reference}` }).click();
  await expect(row(page, reference)).toContainText(`Nomor di server${mine}`);
  expect(village.requests()).toHaveLength(2); // nothing sent again
  await page.getByRole('button', { name: 'Catatan' }).click();
  await expect(page.locator('.admin-table tbody tr').first()).toContainText(`outbox.adopt{"reference":"${reference}","serverId":${mine}}`);
});

test.describe('on a PC whose browser is in another time zone than the kiosk', () => {
  test.use({ timezoneId: 'UTC' });

  test("a request waiting for an unreachable server says so in words, with the code in small print, at the kiosk's time", async ({ page, kiosk, village }) => {
    const reference = await request(page, kiosk, () => void village.setDown(true));
    await openOutbox(page, kiosk);
    await page.getByRole('button', { name: 'Menunggu' }).click();
    await row(page, reference).getByRole('button', { name: `Rincian ${reference}` }).click();
    await expect(row(page, reference)).toContainText('Server desa tidak dapat dihubungi. Periksa sambungan internet kios');
    await expect(row(page, reference).locator('small')).toContainText('ECONNREFUSED');

    // The kiosk's clock is Asia/Jakarta (the default kiosk.timeZone), 7 hours from the browser's UTC.
    const listed = JSON.parse(execFileSync(process.execPath, ['dist/main/cli.cjs', 'outbox', 'list', '--json'], { env: { ...process.env, ADM_DATA_DIR: kiosk.dataDir } }).toString()) as Array<{ reference: string; createdAt: string }>;
    const createdAt = new Date(listed.find((made) => made.reference === reference)!.createdAt);
    const shown = (timeZone: string) => new Intl.DateTimeFormat('id-ID', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(createdAt);
    expect(shown('Asia/Jakarta')).not.toBe(shown('UTC'));
    await expect(row(page, reference)).toContainText(shown('Asia/Jakarta'));
    await expect(row(page, reference)).not.toContainText(shown('UTC'));
  });
});
