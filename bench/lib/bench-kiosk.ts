/**
 * A kiosk for the benchmarks and the soak run: the real core on a temporary
 * data directory, the demo village server over local HTTP, and a network
 * receipt printer on 127.0.0.1 (the fake at the hardware edge the tests use).
 * A benchmark of signed letters gives its A4 printer (a private cupsd's queue).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveConfig } from '../../src/main/config/store';
import { defaultConfig, SHORT_TIMINGS_ENV, type KioskConfig } from '../../src/main/config/schema';
import { createKioskCore, type KioskCore } from '../../src/main/core';
import type { DocumentPrinter } from '../../src/devices/document-printer/types';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';
import { STATUS, startFakeTcpPrinter, type FakeTcpPrinter } from '../../tests/helpers/fake-tcp-printer';

export interface BenchKiosk {
  core: KioskCore;
  sim: OpensidSim;
  printer: FakeTcpPrinter;
  dataDir: string;
  close(): Promise<void>;
}

export interface BenchKioskOptions {
  configure?(config: KioskConfig): void;
  background?: boolean;
  /** The A4 printer for signed letters (default: CUPS as the kiosk would find it). */
  documentPrinter?: DocumentPrinter;
}

export async function startBenchKiosk(options: BenchKioskOptions = {}): Promise<BenchKiosk> {
  const sim = await startOpensidSim();
  const printer = await startFakeTcpPrinter({ kind: 'answers', status: STATUS.ready, completion: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'adm-bench-kiosk-'));
  const config = defaultConfig();
  config.server.url = sim.url;
  config.printer = { ...config.printer, transport: 'tcp', host: '127.0.0.1', port: printer.port };
  config.logging.level = 'warn';
  options.configure?.(config);
  // The benchmarks and the soak run sync passes and sign-ins faster than a kiosk in service may.
  await saveConfig(dataDir, config);
  const env = { ...process.env, [SHORT_TIMINGS_ENV]: '1' };
  const core = createKioskCore({ dataDir, watchConfig: false, env, documentPrinter: options.documentPrinter });
  if (options.background) core.startBackground();
  return {
    core,
    sim,
    printer,
    dataDir,
    async close() {
      await core.close();
      await printer.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
