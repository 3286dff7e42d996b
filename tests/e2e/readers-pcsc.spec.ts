/**
 * A PC/SC contactless reader in the real page: Debian's pcscd with the
 * vsmartcard-vpcd virtual reader, the kiosk's web host reading it through the
 * `smartcard` binding, and a virtual card laid on it. The village server knows
 * Budi's card as tag_id_card 1234567890, the decimal of UID 49 96 02 D2.
 * One pcscd per machine: the specs here run one after another.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { parseUid } from '../../src/devices/input/scan-event';
import { pcscReaderReady, startPcscDaemon, stopPcscDaemon, VIRTUAL_READER } from '../helpers/pcscd';
import { putVirtualCard } from '../helpers/virtual-card';
import { expect, signIn, tapDigits, testWithVillage, type KioskHost } from './fixtures';

const test = testWithVillage((url) => ({ server: { url }, input: { pcsc: true } }));
const budi = RESIDENTS[0]!;
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await startPcscDaemon();
  await pcscReaderReady();
});
test.afterAll(stopPcscDaemon);

/** The kiosk's log says its PC/SC source sees the virtual reader (it is ready for a tap). */
async function readerSeen(kiosk: KioskHost): Promise<void> {
  const log = path.join(kiosk.dataDir, 'logs', 'adm.log');
  await expect
    .poll(() => {
      try {
        return readFileSync(log, 'utf8').includes(`"readers":["${VIRTUAL_READER}"]`);
      } catch {
        return false;
      }
    }, { timeout: 20_000 })
    .toBe(true);
}

test('a card on the PC/SC reader fills in the NIK; the PIN signs in', async ({ page, kiosk }) => {
  await signIn(page, kiosk, budi); // the kiosk learns Budi's card from the server
  await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await readerSeen(kiosk);

  const card = await putVirtualCard(parseUid(budi.tagIdCard!)!);
  try {
    await expect(page.getByRole('heading', { name: 'Ketik PIN Anda' })).toBeVisible({ timeout: 15_000 });
    expect(card.apdus).toContain('ffca000000');
  } finally {
    await card.remove();
  }
  await tapDigits(page, budi.pin);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
});

test('an unknown card asks for the NIK; the kiosk keeps serving when pcscd stops', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: 'Sentuh layar untuk mulai' })).toBeVisible();
  await readerSeen(kiosk);
  const card = await putVirtualCard('04A1B2C3D4E5F6');
  try {
    await expect(page.getByRole('alert')).toContainText('Kartu belum dikenali, silakan masukkan NIK.', { timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Ketik NIK Anda' })).toBeVisible();
  } finally {
    await card.remove();
  }

  await stopPcscDaemon();
  const log = path.join(kiosk.dataDir, 'logs', 'adm.log');
  await expect.poll(() => readFileSync(log, 'utf8').includes('pcscd tidak berjalan'), { timeout: 20_000 }).toBe(true);
  await tapDigits(page, budi.nik);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await tapDigits(page, budi.pin);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Selamat datang, Budi Santoso' })).toBeVisible();
});
