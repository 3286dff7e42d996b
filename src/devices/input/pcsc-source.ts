/**
 * PC/SC contactless readers (ACR122U and the like) through the system's pcscd
 * and the maintained N-API binding `smartcard`. A card laid on a reader is
 * asked for its UID with the pseudo-APDU GET DATA (FF CA 00 00 00; the answer
 * is the UID then 90 00) and reported as a card event; readers coming and
 * going, and a daemon that is not running, are statuses, never a crash: the
 * source keeps trying to reach pcscd again.
 */
import { createReopener } from './reopen';
import { changesOnly } from './status-changes';
import type { ScanEvent } from './scan-event';

export type PcscStatus =
  /** `cards`: the readers a card lies on now. */
  | { state: 'ready'; readers: string[]; cards: string[] }
  | { state: 'no-reader' }
  /** "pcscd tidak berjalan": the daemon is not running (or not installed). */
  | { state: 'no-daemon' }
  | { state: 'error'; message: string };

export interface PcscListener {
  card(event: Extract<ScanEvent, { kind: 'card' }>): void;
  status(status: PcscStatus): void;
}

/** The part of `smartcard`'s Devices the source needs (tests may give another). */
interface DevicesLike {
  on(event: 'reader-attached' | 'reader-detached', listener: (reader: { name: string }) => void): unknown;
  on(event: 'card-inserted', listener: (event: { reader: { name: string }; card: { transmit(apdu: number[]): Promise<Uint8Array | Buffer> } }) => void): unknown;
  on(event: 'card-removed', listener: (event: { reader: { name: string } }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  start(): void;
  stop(): void;
  removeAllListeners(): unknown;
}

const GET_UID = [0xff, 0xca, 0x00, 0x00, 0x00];
const RETRY_MS = 3000;

function loadDevices(): new () => DevicesLike {
  // Loaded when the source starts: a kiosk without PC/SC readers never needs the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('smartcard') as { Devices: new () => DevicesLike }).Devices;
}

export function startPcscSource(listener: PcscListener, options: { retryMs?: number; Devices?: new () => DevicesLike } = {}): () => void {
  const reopener = createReopener(options.retryMs ?? RETRY_MS);
  const readers = new Set<string>();
  const withCard = new Set<string>();
  let devices: DevicesLike | null = null;
  const report = changesOnly<PcscStatus>((status) => listener.status(status));
  const readersStatus = () =>
    report(readers.size > 0 ? { state: 'ready', readers: [...readers].sort(), cards: [...withCard].filter((r) => readers.has(r)).sort() } : { state: 'no-reader' });

  function teardown(): void {
    if (!devices) return;
    devices.removeAllListeners();
    try {
      devices.stop();
    } catch {
      // already gone with the daemon
    }
    devices = null;
  }

  function again(): void {
    teardown();
    readers.clear();
    withCard.clear();
    reopener.schedule(open);
  }

  function open(): void {
    if (reopener.stopped) return;
    let Devices: new () => DevicesLike;
    try {
      Devices = options.Devices ?? loadDevices();
    } catch (error) {
      report({ state: 'error', message: `PC/SC support is not installed: ${(error as Error).message}` });
      return;
    }
    const current = new Devices();
    devices = current;
    current.on('reader-attached', (reader) => {
      readers.add(reader.name);
      readersStatus();
    });
    current.on('reader-detached', (reader) => {
      readers.delete(reader.name);
      withCard.delete(reader.name);
      readersStatus();
    });
    current.on('card-inserted', ({ reader, card }) => {
      withCard.add(reader.name);
      readersStatus();
      void card.transmit(GET_UID).then(
        (answer) => {
          const bytes = Buffer.from(answer);
          if (bytes.length < 3 || bytes[bytes.length - 2] !== 0x90 || bytes[bytes.length - 1] !== 0x00) return;
          listener.card({ kind: 'card', uid: bytes.subarray(0, -2).toString('hex').toUpperCase() });
        },
        () => {
          // lifted before it answered: nothing read
        },
      );
    });
    current.on('card-removed', ({ reader }) => {
      withCard.delete(reader.name);
      readersStatus();
    });
    current.on('error', (error) => {
      if (/service not running|no service|SCARD_E_NO_SERVICE|SCARD_E_SERVICE_STOPPED/i.test(error.message)) {
        report({ state: 'no-daemon' });
        again();
        return;
      }
      report({ state: 'error', message: error.message });
      // Before any reader was seen the monitor itself failed (a daemon still starting, say): start over.
      // With readers attached it was one card that could not be connected: the monitor goes on.
      if (readers.size === 0) again();
    });
    try {
      current.start();
      readersStatus();
      // Readers a starting pcscd loads from its configuration (not hot-plugged) may never be
      // announced to a monitor that started before them: while none is known, look again.
      if (readers.size === 0) reopener.schedule(() => (readers.size === 0 ? again() : undefined));
    } catch (error) {
      report(/service/i.test(String(error)) ? { state: 'no-daemon' } : { state: 'error', message: String(error) });
      again();
    }
  }

  open();
  return () => {
    reopener.stop();
    teardown();
  };
}
