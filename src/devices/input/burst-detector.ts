/**
 * Keyboard-wedge card readers and barcode scanners are USB keyboards: they
 * "type" what they read, fast, then Enter or Tab. A kiosk has no hardware
 * keyboard, so every physical key press is captured before the page sees it
 * and fed here with its time. A burst is a run of characters each within
 * `maxGapMs` of the one before, at least `minLength` long, ended by the
 * terminator (or, for readers that send none, by the pause after it), with the
 * configured prefix and suffix stripped. Anything else (a stray keyboard, a
 * child hammering keys at human speed) is dropped, never an event.
 *
 * Pure: keys and timestamps in, texts out; the caller owns the clock.
 */
export type Terminator = 'Enter' | 'Tab' | 'none';

export interface BurstSettings {
  /** Longest pause between two keys of one burst: fast scanners send ~10 ms/key, slow readers ~90 ms. */
  maxGapMs: number;
  /** Shorter runs are not scans (a UID has 8 or more characters, a receipt reference 18). */
  minLength: number;
  terminator: Terminator;
  /** Some readers are set to add these around what they read. */
  prefix: string;
  suffix: string;
}

export const DEFAULT_BURST_SETTINGS: BurstSettings = {
  maxGapMs: 150,
  minLength: 8,
  terminator: 'Enter',
  prefix: '',
  suffix: '',
};

/** `key` as KeyboardEvent.key reports it: one character, or a name such as "Enter", "Tab", "Shift". */
export interface KeyStroke {
  key: string;
  atMs: number;
}

export interface BurstDetector {
  /** One key; returns a burst's text when this key completed one. */
  push(stroke: KeyStroke): string | null;
  /** Time passes without keys: for readers without a terminator, a finished burst. */
  idle(nowMs: number): string | null;
}

/** Keys that carry no character and do not break a burst (scanners press Shift for capitals). */
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']);

/** A run that ended like a scan but was not one: what the Readers screen shows while a technician tunes the thresholds. */
export type RejectedBurst = { reason: 'too-short' | 'no-prefix' | 'no-suffix'; length: number };

export function createBurstDetector(
  settings: BurstSettings = DEFAULT_BURST_SETTINGS,
  onRejected: (rejected: RejectedBurst) => void = () => {},
): BurstDetector {
  let text = '';
  let lastAt: number | null = null;

  function reset(): void {
    text = '';
    lastAt = null;
  }

  /** The burst's payload if it is one, else null. */
  function finish(): string | null {
    let payload = text;
    reset();
    const refuse = (reason: RejectedBurst['reason']): null => {
      if (payload.length > 0) onRejected({ reason, length: payload.length });
      return null;
    };
    if (settings.prefix) {
      if (!payload.startsWith(settings.prefix)) return refuse('no-prefix');
      payload = payload.slice(settings.prefix.length);
    }
    if (settings.suffix) {
      if (!payload.endsWith(settings.suffix)) return refuse('no-suffix');
      payload = payload.slice(0, -settings.suffix.length);
    }
    return payload.length >= settings.minLength ? payload : refuse('too-short');
  }

  return {
    push({ key, atMs }) {
      if (MODIFIERS.has(key)) return null;
      const late = lastAt !== null && atMs - lastAt > settings.maxGapMs;
      if (late) {
        // The run before the pause: a terminator-less reader's burst, or human typing to forget.
        const ended = settings.terminator === 'none' ? finish() : null;
        reset();
        if (ended !== null) {
          // The key after the pause starts a new run.
          if (key.length === 1) {
            text = key;
            lastAt = atMs;
          }
          return ended;
        }
      }
      if (key === settings.terminator) {
        if (lastAt === null) return null;
        return finish();
      }
      if (key.length !== 1) {
        reset(); // arrows, Backspace, F-keys: a person at a keyboard
        return null;
      }
      text += key;
      lastAt = atMs;
      return null;
    },
    idle(nowMs) {
      if (settings.terminator !== 'none' || lastAt === null || nowMs - lastAt <= settings.maxGapMs) return null;
      return finish();
    },
  };
}

/** Every burst in a recorded timeline (tests, and replaying a technician's capture). */
export function detectBursts(strokes: readonly KeyStroke[], settings: BurstSettings = DEFAULT_BURST_SETTINGS): string[] {
  const detector = createBurstDetector(settings);
  const found: string[] = [];
  for (const stroke of strokes) {
    const burst = detector.push(stroke);
    if (burst !== null) found.push(burst);
  }
  const last = strokes.at(-1);
  const tail = last ? detector.idle(last.atMs + settings.maxGapMs + 1) : null;
  if (tail !== null) found.push(tail);
  return found;
}
