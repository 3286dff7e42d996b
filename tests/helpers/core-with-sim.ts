/** A kiosk core pointed at a demo village server over real HTTP, with timeouts short enough for tests. */
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../src/main/core';
import { saveConfig } from '../../src/main/config/store';
import { defaultConfig, SHORT_TIMINGS_ENV, type KioskConfig } from '../../src/main/config/schema';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';

export async function coreWithSim(
  dataDir: string,
  adjust: (config: KioskConfig) => void = () => {},
  options: Omit<KioskCoreOptions, 'dataDir'> = {},
): Promise<{ core: KioskCore; sim: OpensidSim; close(): Promise<void> }> {
  const sim = await startOpensidSim();
  const config = defaultConfig();
  config.server.url = sim.url;
  config.server.readTimeoutSeconds = 2;
  config.server.submitTimeoutSeconds = 2;
  // Tests that start the background work run side by side: none serves /metrics unless it asks for it.
  config.metrics.port = 0;
  adjust(config);
  await saveConfig(dataDir, config);
  const core = createKioskCore({ dataDir, watchConfig: false, env: { ...process.env, [SHORT_TIMINGS_ENV]: '1' }, ...options });
  return {
    core,
    sim,
    async close() {
      await core.close();
      await sim.close();
    },
  };
}
