/**
 * The fleet metrics of one kiosk core: the metrics themselves
 * (`fleet-metrics.ts`) read from the core's state (`core-metric-sources.ts`)
 * and served on 127.0.0.1 (`metrics-server.ts`) from the hosts' background
 * start, so `adm` (which never starts it) never opens the port.
 */
import type { Logger } from 'pino';
import { createFleetMetrics, type FleetMetrics } from './fleet-metrics';
import { coreMetricSources, type CoreMetricDeps } from './core-metric-sources';
import { createMetricsServer } from './metrics-server';

export interface KioskMetrics extends FleetMetrics {
  /** Serve `/metrics` and follow `metrics.port`; returns the stop, which resolves once the port is closed. */
  serve(): () => Promise<void>;
  /** The configured port when another program holds it, else null. */
  busyPort(): number | null;
}

export function createKioskMetrics(deps: Omit<CoreMetricDeps, 'metricsPortBusy'> & { log: Logger }): KioskMetrics {
  const { log } = deps;
  // The Status notice and `adm_needs_technician` both read the server's own word on its port.
  const sources = coreMetricSources({ ...deps, metricsPortBusy: () => server.busyPort() });
  const fleet = createFleetMetrics(sources, {
    onSourceError: (metric, error) =>
      error === null ? log.info({ metric }, 'fleet metric readable again') : log.warn({ metric, err: error }, 'fleet metric could not be read; left out of scrapes until it can'),
  });
  const server = createMetricsServer({
    port: () => deps.config.current().metrics.port,
    onConfigChange: (listener) => deps.config.onChange(listener),
    scrape: fleet.scrape,
    log,
  });
  return {
    ...fleet,
    serve() {
      server.start();
      return () => server.stop();
    },
    busyPort: () => server.busyPort(),
  };
}
