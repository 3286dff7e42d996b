/**
 * The resident's whole errand, screen by screen, in Bahasa Indonesia or (with
 * "English" chosen first) in English: the attract screen, a NIK with a
 * message, a wrong PIN, the menu, the letter list and its search, a number
 * field, a text field (empty, with its example, and typed in), the summary, the phone, the requirements, the result,
 * Permohonan Saya, Informasi Desa, Surat Saya (and, where the kiosk prints
 * letters, a signed letter's preview), and the attract screen with the news
 * the session fetched, optionally with large text and/or high
 * contrast chosen first. Buttons are found by the locale files' words.
 * `check` is called on each screen (layout checks, accessibility checks).
 */
import type { Page } from '@playwright/test';
import { RESIDENTS } from '../../tools/opensid-sim/seed';
import { expect, tapDigits, type KioskHost } from './fixtures';
import { containing, localeText, type Language } from './locale-text';

export type ScreenCheck = (screen: string, options?: { noScroll?: boolean }) => Promise<void>;

const budi = RESIDENTS[0]!;

export interface DisplayChoice {
  language?: Language;
  largeText?: boolean;
  highContrast?: boolean;
  /** The kiosk is set to print letters (letterPrinter.enabled): Surat Saya offers Cetak on Budi's signed letter. */
  letterPrinting?: boolean;
}

export async function walkResidentScreens(page: Page, kiosk: KioskHost, check: ScreenCheck, display: DisplayChoice = {}): Promise<void> {
  const t = localeText(display.language ?? 'id');
  const id = localeText('id');
  const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const heading = (name: string | RegExp) => page.getByRole('heading', { name });
  // In large text the summary and the result may be taller than the panel: their
  // text scrolls under fixed actions. Keypad and keyboard screens never scroll.
  const readingFits = !display.largeText;
  // The errand's one count on each of its screens: sign in, choose the letter, fill in, check, done.
  const expectStep = (step: number) => expect(page.locator('.step-progress')).toHaveText(t('steps.progress', { step, total: 5 }));

  await page.goto(kiosk.url);
  await expect(button(id('attract.touchToStart'))).toBeVisible();
  // The village server's gallery, fetched and cached by the core: the attract screen at its fullest.
  await expect(page.locator('.photo-gallery img')).toBeVisible({ timeout: 10_000 });
  // Chosen on the attract screen, kept for the whole session.
  if (display.language === 'en') await button(id('attract.switchLanguage')).click();
  if (display.largeText) await button(t('display.largeText')).click();
  if (display.highContrast) await button(t('display.highContrast')).click();
  await check('attract', { noScroll: true });
  await button(t('attract.touchToStart')).click();
  await tapDigits(page, '32010');
  await button(t('nav.next')).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectStep(1);
  await check('nik-with-message', { noScroll: true });
  await button(t('keypad.clear')).click();
  await tapDigits(page, budi.nik);
  await button(t('nav.next')).click();
  await expectStep(1);
  await tapDigits(page, '000000');
  await button(t('nav.next')).click();
  // A wrong PIN is cleared: the resident types the right one at once.
  await expect(page.getByRole('alert')).toContainText(t('identify.wrongPinCleared', { count: 2 }));
  await expect(page.locator('.pin-dot.filled')).toHaveCount(0);
  // The keypad's words are body text (UX.md: >= 24 px); the checks below see that they fit their keys.
  const keyLabelPx = await page.evaluate('[...document.querySelectorAll(".key-secondary")].map((key) => parseFloat(getComputedStyle(key).fontSize))');
  expect(keyLabelPx).toEqual([expect.any(Number), expect.any(Number)]);
  for (const px of keyLabelPx as number[]) expect(px).toBeGreaterThanOrEqual(24);
  await check('pin-wrong', { noScroll: true });
  await tapDigits(page, budi.pin);
  await button(t('nav.next')).click();
  await expect(heading(t('menu.greeting', { name: budi.nama }))).toBeVisible();
  await check('menu', { noScroll: true });

  const domicile = t('letterNames.domisili');
  await button(containing(t('menu.requestLetter'))).click();
  await expect(button(containing(domicile)).first()).toBeVisible();
  await expectStep(2);
  await check('letters');
  await button(containing(t('letters.search'))).click();
  await check('letters-search');
  await button(containing(t('letters.search'))).click();
  await button(containing(domicile, { wordEnd: true })).first().click();
  // Each field is a step screen of its own, with the letter's name and the header's tools.
  // Field labels come from the village server, in its language.
  await expect(heading('Lama Tinggal (Tahun)')).toBeVisible();
  await expect(page.getByText(domicile)).toBeVisible();
  await expect(button(t('help.button'))).toBeVisible();
  await check('field-number', { noScroll: true });
  await tapDigits(page, '12');
  await button(t('editor.save')).click();
  await expect(heading('Keperluan')).toBeVisible();
  await expect(page.getByText(t('editor.example', { example: t('fieldExample.keperluan') }))).toBeVisible();
  // Its help is about this field.
  await button(t('help.button')).click();
  await expect(page.getByRole('dialog')).toContainText(t('help.editor_example', { field: 'Keperluan', example: t('fieldExample.keperluan') }));
  await button(t('help.close')).click();
  await check('field-text', { noScroll: true });
  for (const key of 'KERJA') await button(key).click();
  await check('field-text-typed', { noScroll: true });
  await button(t('editor.save')).click();
  // Requirements have their default and the phone came from the server: straight to the summary.
  await expect(heading(t('form.confirmTitle'))).toBeVisible();
  await expectStep(4);
  await check('summary', { noScroll: readingFits });
  await button(t('form.changeWhat', { what: t('form.phoneTitle') })).click();
  await expect(heading(t('form.phoneTitle'))).toBeVisible();
  await expectStep(3);
  await check('phone', { noScroll: true });
  await button(t('nav.next')).click();
  await button(containing(t('form.changeWhat', { what: 'Fotokopi KTP' }), { start: true })).click();
  await expect(heading(t('form.requirementsTitle'))).toBeVisible();
  await expectStep(3);
  await check('requirements');
  await button(t('nav.next')).click();
  await expect(heading(t('form.confirmTitle'))).toBeVisible();
  await button(t('form.submit')).click();
  await expect(heading(t('result.title'))).toBeVisible();
  await expect(page.getByText(t('print.printed'))).toBeVisible({ timeout: 10_000 });
  await expectStep(5);
  await check('result', { noScroll: readingFits });
  await button(t('menu.myRequests')).click();
  await expect(heading(t('mine.title'))).toBeVisible();
  await check('my-requests');
  await button(t('nav.back')).click();
  await button(containing(t('menu.villageInfo'))).click();
  await expect(heading(t('village.title'))).toBeVisible();
  await check('village-info');

  // Surat Saya: Budi has signed letters, one waiting for its signature and two to collect at the counter.
  await button(t('nav.back')).click();
  await button(containing(t('menu.myLetters'))).click();
  await expect(heading(t('issued.title'))).toBeVisible();
  // Each letter's status chip: its icon, then the status in words, and nothing more
  // ("Ambil di kantor desa" is also the end of a signed letter's status where the kiosk prints none).
  const chips = (status: string) => page.locator('.status-chip', { hasText: new RegExp(`^\\S+ ${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await expect(chips(t('issued.status.waiting'))).toHaveCount(1, { timeout: 10_000 });
  // Two of Budi's letters (the draft and the paper one) are collected at the counter.
  await expect(chips(t('issued.status.counter'))).toHaveCount(2);
  const printButtons = page.getByRole('button', { name: containing(t('issued.print.button'), { start: true }) });
  if (display.letterPrinting) {
    // Two are signed: Keterangan Domisili (the one to print) and one whose file the server lost.
    await expect(chips(t('issued.status.signed'))).toHaveCount(2);
    await check('issued');
    await button(t('issued.printWhat', { name: domicile })).click();
    // Every page drawn by pdf.js (its own chunk and worker, under the kiosk's CSP).
    await expect(page.locator('img.letter-page').first()).toBeVisible({ timeout: 15_000 });
    await expect(button(t('issued.preview.print'))).toBeEnabled();
    await check('letter-preview');
    await button(t('nav.back')).click();
    await expect(heading(t('issued.title'))).toBeVisible();
  } else {
    await expect(chips(t('issued.status.signedCollect'))).toHaveCount(2);
    await expect(printButtons).toHaveCount(0);
    await check('issued');
  }

  // The session fetched the village news: the next attract screen shows it too, and nothing of the resident.
  await button(t('nav.back')).click();
  await button(t('menu.logout')).click();
  await expect(page.locator('.attract-news li').first()).toBeVisible();
  await check('attract-with-news', { noScroll: true });
}
