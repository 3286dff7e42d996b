/**
 * The village server the kiosk talks to now. It follows the configuration (a
 * technician may set or change `server.url`; the client is rebuilt only when
 * the URL changes) or the demo override, and answers null while the
 * configuration cannot be used: an unreadable configuration names no server we
 * can trust, so nothing is sent.
 */
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';
import { createOpensidClient } from './opensid-client';
import { DEMO_TARGET, serverTarget } from './server-target';
import type { VillageServer } from './types';

export interface CurrentServer {
  /** The client, or null when no server is configured or the configuration cannot be used. */
  client(): VillageServer | null;
  /** The server's identity stored with every request (`server-target.ts`), or null likewise. */
  target(): string | null;
  /** Both, for the sync worker: where requests go now, or null when nowhere. */
  sendTo(): { client: VillageServer; target: string } | null;
}

export interface CurrentServerOptions {
  config(): KioskConfig;
  /** The configuration cannot be used now. */
  unusable(): boolean;
  /** The embedded demo server's URL, used instead of the configured one (never written to the configuration). */
  demoUrl?: string;
  log: Logger;
}

export function createCurrentServer({ config, unusable, demoUrl, log }: CurrentServerOptions): CurrentServer {
  let client: VillageServer | null = null;
  let clientUrl: string | null = null;
  const current: CurrentServer = {
    client() {
      if (unusable()) return null;
      const { server } = config();
      const url = demoUrl ?? server.url;
      if (url !== clientUrl) {
        clientUrl = url;
        client = url
          ? createOpensidClient({
              baseUrl: url,
              readTimeoutMs: server.readTimeoutSeconds * 1000,
              submitTimeoutMs: server.submitTimeoutSeconds * 1000,
              log,
            })
          : null;
      }
      return client;
    },
    target() {
      if (unusable()) return null;
      if (demoUrl !== undefined) return DEMO_TARGET;
      const { url } = config().server;
      return url === null ? null : serverTarget(url);
    },
    sendTo() {
      const client = current.client();
      const target = current.target();
      return client && target ? { client, target } : null;
    },
  };
  return current;
}
