import { vi } from 'vitest';
import type { AttractContent, EventName, KioskBridge, KioskInfo } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';

export const testInfo: KioskInfo = {
  kioskName: 'ADM-01',
  village: { name: 'Desa Sukamaju' },
  locale: 'id',
  timeZone: 'Asia/Jakarta',
  idle: { seconds: 60, warningSeconds: 20 },
  screenPpi: 102,
  serverConfigured: false,
  demoMode: false,
  needsTechnician: false,
  signInRefused: null,
  officePhone: null,
  voice: { id: true, en: true, guidance: false },
  adminOpen: false,
  adminGesture: { taps: 5, seconds: 3 },
};

export const testAttract: AttractContent = {
  logoDataUrl: null,
  gallery: [],
  articles: [],
  officeAddress: null,
  officeHours: null,
  runningText: null,
};

const notSignedIn = { ok: false, error: { code: 'session-required' } } as const;

/** An in-memory bridge for component tests; records calls, can push events. */
export function createFakeBridge(info: KioskInfo = testInfo, attract: AttractContent = testAttract) {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const identify = vi.fn(
    async (): Promise<Result<never>> => ({
      ok: false,
      error: { code: 'server-not-configured' },
    }),
  );
  const end = vi.fn(async () => ({ ok: true as const, value: null }));
  const speak = vi.fn(async (_input: { text: string; language: 'id' | 'en' }) => ({ ok: true as const, value: { audio: 'data:audio/wav;base64,', durationMs: 1200 } }));
  const callStaff = vi.fn(async () => ({ ok: true as const, value: { calledAt: '2026-12-01T03:15:00.000Z' } }));
  const bridge: KioskBridge = {
    calls: {
      'kiosk.getInfo': async () => ({ ok: true, value: info }),
      'session.identify': identify,
      'session.identifyByReceipt': identify,
      'session.extend': async () => ({ ok: true as const, value: { secondsLeft: 600 } }),
      'session.end': end,
      'letters.list': async () => notSignedIn,
      'requests.submit': async () => notSignedIn,
      'requests.mine': async () => notSignedIn,
      'requests.cancel': async () => notSignedIn,
      'village.info': async () => notSignedIn,
      'printing.receiptState': async () => notSignedIn,
      'printing.reprint': async () => notSignedIn,
      'printing.queueTicket': async () => ({ ok: true, value: { outcome: 'printed', status: 'ready', queueNumber: 'A-001' } }),
      'printing.status': async () => ({ ok: true, value: { status: 'ready' } }),
      'input.key': async () => ({ ok: true, value: null }),
      'requests.receiptStatus': async () => notSignedIn,
      'kiosk.callStaff': callStaff,
      'voice.speak': speak,
      'kiosk.attract': async () => ({ ok: true, value: attract }),
      'letters.issued': async () => notSignedIn,
      'letters.file': async () => notSignedIn,
      'letters.print': async () => notSignedIn,
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  return {
    bridge,
    identify,
    end,
    callStaff,
    speak,
    /** Whether anything listens for `name` now: a screen subscribes in an effect, which may run after its first paint. */
    listens(name: EventName): boolean {
      return (listeners.get(name)?.size ?? 0) > 0;
    },
    push(name: EventName, payload: unknown) {
      listeners.get(name)?.forEach((listener) => listener(payload as never));
    },
  };
}
