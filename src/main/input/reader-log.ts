/**
 * What the card readers and scanners did lately, for the admin's Readers
 * screen: a technician taps a card or scans a receipt and sees at once what
 * the kiosk made of it. Kept in memory only, and never whose: a card shows
 * only its UID's last 4 hex digits and whether its NIK is known.
 */
import type { ReaderEvent } from '../../shared/admin-contract';
import type { RejectedBurst } from '../../devices/input/burst-detector';
import type { InputSourceName, InputSourceStatus } from '../../devices/input/input-sources';

const KEPT_EVENTS = 30;

export interface ReaderLog {
  card(uid: string, source: ReaderEvent['source'], known: boolean): void;
  technicianCard(source: ReaderEvent['source']): void;
  receipt(source: ReaderEvent['source']): void;
  /** A code that is not one of this kiosk's receipts (its length only: a code may carry anything). */
  code(length: number, source: ReaderEvent['source']): void;
  /** A keyboard-wedge run that ended like a scan but was refused: the technician sees the thresholds at work. */
  rejected(rejected: RejectedBurst, settings: { minLength: number; prefix: string; suffix: string }): void;
  status(change: InputSourceStatus): void;
  /** Newest first. */
  events(): ReaderEvent[];
  /** The device readers' last reported states. */
  sources(): Array<{ source: InputSourceName; state: string; detail: string | null }>;
  /** The device readers now running: sources no longer configured are dropped from `sources()`. */
  keepSources(running: readonly InputSourceName[]): void;
}

export function createReaderLog(clock: () => Date = () => new Date()): ReaderLog {
  const events: ReaderEvent[] = [];
  const states = new Map<InputSourceName, { state: string; detail: string | null }>();
  const add = (source: ReaderEvent['source'], kind: ReaderEvent['kind'], detail: string): void => {
    events.unshift({ at: clock().toISOString(), source, kind, detail });
    events.length = Math.min(events.length, KEPT_EVENTS);
  };
  return {
    card: (uid, source, known) => add(source, 'card', `UID …${uid.slice(-4).toUpperCase()} · ${known ? 'NIK dikenal' : 'NIK belum dikenal'}`),
    technicianCard: (source) => add(source, 'technician-card', 'kartu petugas'),
    receipt: (source) => add(source, 'receipt', 'struk kios ini'),
    code: (length, source) => add(source, 'code', `${length} karakter, bukan struk kios ini`),
    rejected({ reason, length }, settings) {
      const why =
        reason === 'too-short'
          ? `lebih pendek dari ${settings.minLength}`
          : reason === 'no-prefix'
            ? `tidak diawali "${settings.prefix}"`
            : `tidak diakhiri "${settings.suffix}"`;
      add('keyboard', 'rejected', `${length} karakter: ${why}, diabaikan`);
    },
    status(change) {
      const detail = statusDetail(change);
      states.set(change.source, { state: change.status.state, detail });
      add(change.source, 'status', detail === null ? change.status.state : `${change.status.state}: ${detail}`);
    },
    events: () => [...events],
    sources: () => [...states].map(([source, { state, detail }]) => ({ source, state, detail })),
    keepSources(running) {
      for (const source of [...states.keys()]) if (!running.includes(source)) states.delete(source);
    },
  };
}

function statusDetail(change: InputSourceStatus): string | null {
  const status = change.status as Record<string, unknown>;
  if (Array.isArray(status.readers)) return (status.readers as string[]).join(', ') || null;
  const parts = ['device', 'path', 'wanted', 'message', 'reason'].map((key) => status[key]).filter((part) => typeof part === 'string');
  return parts.length > 0 ? parts.join(': ') : null;
}
