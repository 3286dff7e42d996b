/**
 * The web host's half of reader input: every physical key press is taken
 * before the page can act on it (capture phase, default prevented, so a
 * reader's Enter never presses the button under it) and handed to the core,
 * which tells a card reader's or scanner's burst from a person. A kiosk has no
 * hardware keyboard: the screens are used through their own on-screen keys.
 * In Electron the shell does the same in `before-input-event`.
 */
import type { KioskBridge } from '../shared/contract';

export function captureReaderKeys(api: KioskBridge, target: Window = window): () => void {
  const onKey = (event: KeyboardEvent): void => {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.repeat) return;
    void api.calls['input.key']({ key: event.key, atMs: Math.max(0, event.timeStamp) });
  };
  target.addEventListener('keydown', onKey, { capture: true });
  return () => target.removeEventListener('keydown', onKey, { capture: true });
}
