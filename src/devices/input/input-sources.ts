/**
 * The device-side readers the configuration asks for (PC/SC, a serial
 * scanner, a USB HID scanner or card reader), started as one: their reads
 * become one stream of scan events, each tagged with its source. Keyboard-
 * wedge readers are not here; their keys come from the page (`input.key`).
 *
 * `createFakeInputSources` is the same shape in memory: unit tests and demo
 * tooling push events through it instead of hardware.
 */
import { startHidSource, type HidBackend, type HidSourceSettings, type HidStatus } from './hid-source';
import { startPcscSource, type PcscStatus } from './pcsc-source';
import type { ScanEvent, ScanSettings } from './scan-event';
import { startSerialScanner, type SerialScannerStatus } from './serial-scanner';

export type InputSourceName = 'pcsc' | 'serial' | 'hid';

export type InputSourceStatus =
  | { source: 'pcsc'; status: PcscStatus }
  | { source: 'serial'; status: SerialScannerStatus }
  | { source: 'hid'; status: HidStatus };

export interface InputSourcesConfig extends ScanSettings {
  pcsc: boolean;
  serialScanner: { path: string; baudRate: number; delimiter: string } | null;
  hid: HidSourceSettings | null;
}

export interface InputSourcesListener {
  event(event: ScanEvent, source: InputSourceName): void;
  status(status: InputSourceStatus): void;
}

/** Starts the configured sources; returns the function that stops them all. */
export type StartInputSources = (config: InputSourcesConfig, listener: InputSourcesListener) => () => void;

/** The real devices. `hidBackend` lets a test stand in for node-hid. */
export function realInputSources(options: { hidBackend?: HidBackend } = {}): StartInputSources {
  return (config, listener) => {
    const scan: ScanSettings = { reversedUid: config.reversedUid, cardPrefix: config.cardPrefix };
    const stops: Array<() => void> = [];
    if (config.pcsc) {
      stops.push(
        startPcscSource({
          card: (event) => listener.event(event, 'pcsc'),
          status: (status) => listener.status({ source: 'pcsc', status }),
        }),
      );
    }
    if (config.serialScanner) {
      stops.push(
        startSerialScanner(
          { ...config.serialScanner, scan },
          { event: (event) => listener.event(event, 'serial'), status: (status) => listener.status({ source: 'serial', status }) },
        ),
      );
    }
    if (config.hid) {
      stops.push(
        startHidSource(
          config.hid,
          scan,
          { event: (event) => listener.event(event, 'hid'), status: (status) => listener.status({ source: 'hid', status }) },
          options.hidBackend ? { backend: options.hidBackend } : {},
        ),
      );
    }
    return () => {
      for (const stop of stops.reverse()) stop();
    };
  };
}

export interface FakeInputSources {
  start: StartInputSources;
  /** What the running sources were started with, or null while stopped. */
  readonly config: InputSourcesConfig | null;
  /** How many times the sources were started (a configuration change restarts them). */
  readonly starts: number;
  emit(event: ScanEvent, source?: InputSourceName): void;
  status(status: InputSourceStatus): void;
}

export function createFakeInputSources(): FakeInputSources {
  let listener: InputSourcesListener | null = null;
  let config: InputSourcesConfig | null = null;
  let starts = 0;
  return {
    start(next, nextListener) {
      listener = nextListener;
      config = next;
      starts += 1;
      return () => {
        if (listener === nextListener) {
          listener = null;
          config = null;
        }
      };
    },
    get config() {
      return config;
    },
    get starts() {
      return starts;
    },
    emit(event, source = 'pcsc') {
      listener?.event(event, source);
    },
    status(status) {
      listener?.status(status);
    },
  };
}
