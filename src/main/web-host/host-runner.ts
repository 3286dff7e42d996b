/**
 * The web host's life in one process: the first start, "Mulai ulang" (admin's
 * restart and the daily restart, both through `ShellControl.restart`), and
 * quitting.
 *
 * A restart builds the new start before the running one is closed: the new
 * core opens the same configuration and database (a second connection to the
 * WAL database is fine) with its background work held back. Only when that
 * worked does the web host serve the new core (`WebHost.replaceCore`); the old
 * core is then closed (its sync pass finishes) and the new core's background
 * work starts. The web host, and so its listening socket, is never closed
 * between two starts: a local process looping on listen() for the port would
 * otherwise take it in the gap, and with it the page's next load and cookie.
 * A restart that cannot start (a full disk, a database that cannot be opened)
 * is logged, audited and printed, and the previous start goes on serving as
 * if nothing had been asked: a kiosk that cannot restart is better than a
 * kiosk that is gone.
 */
import type { ShellControl } from '../feature';
import type { KioskCore } from '../core';
import type { HostCore } from '../host-core';
import type { WebHost } from './server';
import { READY_LINE_PREFIX, RESTART_FAILED_LINE, RESTARTED_LINE } from './ready-line';

export interface WebHostRunnerOptions {
  /** Opens a core (and the demo server, where there is one) with its background work held back. */
  startCore(shell: ShellControl): Promise<HostCore>;
  /** Serves the first core over HTTP and WebSocket on this port; restarts swap the core behind it. */
  serve(core: KioskCore, port: number): Promise<WebHost>;
  /** The port asked for on the command line, or null for the configuration's. */
  port: number | null;
  /** Lines for whoever watches the output (the e2e fixtures, the benchmarks, a technician). */
  print(line: string): void;
}

export interface RunningStart {
  hostCore: HostCore;
  host: WebHost;
}

export interface WebHostRunner {
  /** The start serving now. */
  current(): RunningStart;
  /**
   * Resolves when a technician asked the kiosk to quit and it has closed;
   * rejects when a restart failed after the new start took over (a supervisor starts the kiosk again).
   */
  stopped: Promise<void>;
  /** A restart in progress, if any (tests wait for it). */
  restarting(): Promise<void> | null;
  close(): Promise<void>;
}

export async function startWebHostRunner(options: WebHostRunnerOptions): Promise<WebHostRunner> {
  let restarting: Promise<void> | null = null;
  let closing: Promise<void> | null = null;
  let stop: { resolve(): void; reject(error: unknown): void } = { resolve: () => {}, reject: () => {} };
  const stopped = new Promise<void>((resolve, reject) => (stop = { resolve, reject }));

  const shell: ShellControl = {
    restart() {
      if (restarting || closing) return;
      restarting = restart()
        .catch((error: unknown) => stop.reject(error))
        .finally(() => (restarting = null));
    },
    exit() {
      void close().then(() => stop.resolve(), (error: unknown) => stop.reject(error));
    },
  };

  const firstCore = await options.startCore(shell);
  let running: RunningStart;
  try {
    const host = await options.serve(firstCore.core, options.port ?? firstCore.core.config().webHost.port);
    running = { hostCore: firstCore, host };
  } catch (error) {
    await firstCore.close();
    throw error;
  }
  firstCore.core.startBackground();
  announce(running, 'first');

  function announce(start: RunningStart, which: 'first' | 'restart'): void {
    const problem = start.hostCore.core.needsTechnician();
    if (problem) options.print(`PERLU PETUGAS: ${problem}. Nothing is sent until it is fixed; stored requests are kept.`);
    if (which === 'first') {
      options.print(`${READY_LINE_PREFIX} ${start.host.url}`);
      options.print(`Data directory: ${start.hostCore.core.dataDir}`);
    } else {
      options.print(`${RESTARTED_LINE} ${start.host.url}`);
    }
    const demo = start.hostCore.demo;
    if (demo) options.print(`DEMO MODE: demo village server at ${demo.url} (demo residents in the README)`);
  }

  async function restart(): Promise<void> {
    const previous = running;
    const log = previous.hostCore.core.logger.forSubsystem('web-host');
    log.info('restart: starting anew beside the running start');
    // The new start marks print jobs it finds unfinished as failed: let a receipt being printed finish first.
    await previous.hostCore.core.printing.whenIdle();
    let next: HostCore;
    try {
      next = await options.startCore(shell);
    } catch (error) {
      keepPrevious(previous, error);
      return;
    }
    previous.host.replaceCore(next.core);
    running = { hostCore: next, host: previous.host };
    await closeQuietly(previous.hostCore, next.core.logger.forSubsystem('web-host'));
    next.core.startBackground();
    announce(running, 'restart');
  }

  function keepPrevious(previous: RunningStart, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const core = previous.hostCore.core;
    core.logger.forSubsystem('web-host').error({ err: error }, 'restart failed, still running the previous start');
    try {
      core.audit('system', 'app.restartFailed', { reason });
    } catch {
      // The disk that refused the new start may refuse the audit row too: the log and the output still say it.
    }
    options.print(`${RESTART_FAILED_LINE} ${reason}`);
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      await restarting;
      await running.host.close();
      await running.hostCore.close();
    })();
    return closing;
  }

  return { current: () => running, stopped, restarting: () => restarting, close };
}

/** Closing a start that is being replaced: a failure is logged, never the end of the one taking over. */
async function closeQuietly(start: HostCore, log: ReturnType<KioskCore['logger']['forSubsystem']>): Promise<void> {
  try {
    await start.close();
  } catch (error) {
    log.error({ err: error }, 'the previous start did not close cleanly');
  }
}
