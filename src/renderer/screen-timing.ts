/**
 * How long a screen change takes as the resident feels it: from the touch
 * that asked for it to the first frame of the new screen (a sign-in's wait
 * for the server included). Recorded as User Timing entries,
 * `adm:transition:<screen>`, which the benchmark (`npm run bench`) reads in
 * Chromium and anyone can see in devtools' Performance panel. Entries are
 * dropped past a cap, so a kiosk running for months does not collect them.
 */
import { SCREEN_TRANSITION_PREFIX } from '../shared/screen-timing';

const MAX_ENTRIES = 200;
/** A screen that appears longer than this after the last touch was not caused by it (a timeout, an event). */
const CAUSE_WINDOW_MS = 10_000;

export interface ScreenTiming {
  /** The screen `name` was just committed; measured at its first frame when a touch caused it. */
  screenShown(name: string): void;
  stop(): void;
}

export function startScreenTiming(target: Window = window): ScreenTiming {
  let lastTouch: number | null = null;
  const onInput = (event: Event) => {
    lastTouch = event.timeStamp;
  };
  target.addEventListener('pointerdown', onInput, { capture: true });
  target.addEventListener('keydown', onInput, { capture: true });
  return {
    screenShown(name) {
      const touch = lastTouch;
      lastTouch = null;
      if (touch === null) return;
      // The frame after the commit is the one that shows the new screen.
      target.requestAnimationFrame(() => {
        const now = target.performance.now();
        if (now - touch > CAUSE_WINDOW_MS) return;
        if (target.performance.getEntriesByType('measure').length >= MAX_ENTRIES) target.performance.clearMeasures();
        target.performance.measure(`${SCREEN_TRANSITION_PREFIX}${name}`, { start: touch, end: now });
      });
    },
    stop() {
      target.removeEventListener('pointerdown', onInput, { capture: true });
      target.removeEventListener('keydown', onInput, { capture: true });
    },
  };
}
