/**
 * Geometry checks for a kiosk screen, run in the page (layout-probe.js): every
 * tappable element must be whole on the screen (not cut by the viewport or a
 * clipping parent, its label not cut either), at least the touch-target size,
 * and at least the touch gap from every other tappable element. Elements inside a list that
 * scrolls are exempt from "on screen" (the list shows a scroll cue instead).
 * And what a person sees: no text and no tappable element lies under anything
 * else on the screen (badges, the hidden admin corner, banners, dialogs), no
 * text is cut off by its box, and no word is broken across two lines.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { minTouchGapCssPx, minTouchTargetCssPx } from '../../src/shared/touch-target';

/** The kiosk screens villages have: 16:9 at two sizes, 5:4, and portrait. */
export const KIOSK_SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1280, height: 1024 },
  { width: 1080, height: 1920 },
];
/** At the 102 PPI the specs configure (`kiosk.screenPpi`): 12.7 mm targets, 2.54 mm gaps. */
export const MIN_TARGET = minTouchTargetCssPx(102, 1);
export const MIN_GAP = minTouchGapCssPx(102, 1);

export interface LayoutProblem {
  element: string;
  problem: string;
}

// Evaluated through the DevTools protocol: the kiosk's CSP (rightly) refuses inline scripts.
const PROBE = readFileSync(new URL('./layout-probe.js', import.meta.url), 'utf8');

async function probe(page: Page): Promise<void> {
  if (await page.evaluate('typeof window.admLayout === "undefined"')) await page.evaluate(PROBE);
}

export async function layoutProblems(page: Page, minTarget: number, minGap: number): Promise<LayoutProblem[]> {
  await probe(page);
  const geometry = (await page.evaluate(`window.admLayout.layoutProblems(${Number(minTarget)}, ${Number(minGap)})`)) as LayoutProblem[];
  const covered = (await page.evaluate('window.admLayout.coverProblems()')) as LayoutProblem[];
  const splitWords = (await page.evaluate('window.admLayout.splitWordProblems()')) as LayoutProblem[];
  return [...geometry, ...covered, ...splitWords];
}

/** Nothing on the screen scrolls: not the page, not any part of it. */
export async function scrollingParts(page: Page): Promise<string[]> {
  await probe(page);
  return (await page.evaluate('window.admLayout.scrollingParts()')) as string[];
}
