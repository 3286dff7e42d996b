/**
 * What both hosts (Electron and the web host) run: the kiosk core with its
 * background work, and, when no village server is configured, the embedded
 * demo village server so a kiosk works out of the box (a "MODE DEMO" badge
 * says so). Any config.json turns demo mode off.
 */
import { configFilePresent } from './config/store';
import { servedResidentsOnDisk } from './admin/commissioning';
import { createKioskCore, type KioskCore } from './core';
import { ensureDataDir, resolveDataDir } from './data-dir';
import type { KeyProvider } from './outbox/secret-box';
import type { ShellControl } from './feature';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';

export interface HostCore {
  core: KioskCore;
  /** The embedded demo server, when running in demo mode. */
  demo: OpensidSim | null;
  close(): Promise<void>;
}

export async function startHostCore(options: {
  demo: boolean;
  echoLogs?: boolean;
  keyProvider?: KeyProvider;
  env?: NodeJS.ProcessEnv;
  /** The host's restart and quit, for the admin screens. */
  shell?: ShellControl;
  /**
   * False when another start still runs beside this one (the web host's
   * restart): the caller starts the background work when this one takes over.
   */
  startBackground?: boolean;
}): Promise<HostCore> {
  const dataDir = ensureDataDir(resolveDataDir(options.env));
  // Demo mode only when there is no configuration file at all: a file that is
  // broken, or that lost its server, must never send requests to the demo server.
  const hasConfigFile = configFilePresent(dataDir);
  // Nor for a kiosk that has served residents and lost its file: the core says it needs a technician instead.
  const demo = options.demo && !hasConfigFile && !servedResidentsOnDisk(dataDir) ? await startOpensidSim() : null;
  let core: KioskCore;
  try {
    core = createKioskCore({
      dataDir,
      echoLogs: options.echoLogs,
      keyProvider: options.keyProvider,
      serverUrlOverride: demo?.url,
      shell: options.shell,
    });
  } catch (error) {
    // The Electron shell retries a failed start: each try must not leave a demo server listening.
    await demo?.close();
    throw error;
  }
  if (demo) core.logger.forSubsystem('core').warn({ url: demo.url }, 'no village server configured: DEMO MODE with the embedded demo server');
  if (options.startBackground !== false) core.startBackground();
  return {
    core,
    demo,
    async close() {
      await core.close();
      await demo?.close();
    },
  };
}
