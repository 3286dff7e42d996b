/**
 * The web host's side of the bridge: the same `KioskBridge` the Electron
 * preload exposes, carried over one WebSocket to 127.0.0.1. It is authorised
 * by the session cookie the host set when the page loaded, never typed by anyone.
 * A dropped connection answers pending calls with `disconnected` and
 * reconnects in the background.
 */
import { callNames, isEventName, type EventName } from '../shared/contract-names';
import type { calls, events, KioskBridge, WsMessage } from '../shared/contract';
import { createBridgeCalls, createBridgeOn } from '../shared/bridge';
import { fail, type Result } from '../shared/result';

type Listener = (payload: unknown) => void;


/** One WebSocket to the web host: calls by name (with the admin session, for admin calls) and events. */
export interface SocketClient {
  invoke(name: string, input: unknown, session?: string): Promise<Result<unknown>>;
  on(name: EventName, listener: Listener): () => void;
}

/** The resident half over the socket; the admin screens build theirs on `createSocketClient` with `createAdminBridge`. */
export function createWebSocketBridge(url: string, WebSocketImpl: typeof WebSocket = WebSocket): KioskBridge {
  const client = createSocketClient(url, WebSocketImpl);
  return {
    calls: createBridgeCalls<typeof calls>(callNames, (name, input, session) => client.invoke(name, input, session)),
    on: createBridgeOn<typeof events>((name, deliver) => client.on(name, deliver)),
  };
}

export function createSocketClient(url: string, WebSocketImpl: typeof WebSocket = WebSocket): SocketClient {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<Listener>>();
  let opened: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocketImpl(url);
      ws.addEventListener('open', () => {
        socket = ws;
        retryMs = 250;
        resolve(ws);
      });
      ws.addEventListener('message', (event) => receive(String(event.data)));
      ws.addEventListener('close', () => {
        socket = null;
        opened = null;
        for (const settle of pending.values()) settle(fail('disconnected'));
        pending.clear();
        reject(new Error('closed'));
        // Keep events flowing: reconnect while anyone listens.
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => {}), retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      });
    });
    return opened;
  }

  function receive(text: string): void {
    let message: WsMessage;
    try {
      message = JSON.parse(text) as WsMessage;
    } catch {
      return;
    }
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === 'event' && isEventName(message.name)) {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  }

  async function invoke(name: string, input: unknown, session?: string): Promise<Result<unknown>> {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return fail('disconnected');
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify(session === undefined ? { id, call: name, input } : { id, call: name, input, session }));
    });
  }

  return {
    invoke,
    on(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(name, set);
      void connect().catch(() => {});
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(name);
      };
    },
  };
}

/** The session cookie the page load received authorises the socket; the launch token works only once. */
export function webSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
