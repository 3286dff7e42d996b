/**
 * The core's events (`shared/contract.ts` events): features push them, and
 * the hosts (to the pages) and admin features (the recent printer and reader
 * changes) listen, each listener removed by the function `on` returns.
 */
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../shared/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  on(listener: EventListener): () => void;
  /** Drops every listener (the core is closing). */
  clear(): void;
}

export function createEventHub(): EventHub {
  const emitter = new EventEmitter();
  return {
    emit: (name, payload) => void emitter.emit('event', name, payload),
    on(listener) {
      emitter.on('event', listener);
      return () => void emitter.off('event', listener);
    },
    clear: () => void emitter.removeAllListeners(),
  };
}
