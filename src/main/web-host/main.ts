/**
 * `npm run start:web` / `node dist/main/web-host.cjs [--port N] [--open]`:
 * starts the kiosk core and the web host, prints the URL (with its per-launch
 * token) and, with --open, shows it in a system Chromium.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHostCore } from '../host-core';
import { installProcessGuards } from '../process-guard';
import { startWebHost } from './server';
import { findChromium, launchChromium } from './browser-launcher';

export const READY_LINE_PREFIX = 'ADM web host ready:';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: adm-web-host [--port N] [--open] [--no-demo]\n' +
        '  --port N    listen on 127.0.0.1:N (0 = any free port; default from config)\n' +
        '  --open      show the kiosk in the system Chromium\n' +
        '  --no-demo   without a configured village server, do not start the demo server\n',
    );
    return;
  }
  const { core, demo, close } = await startHostCore({ demo: !values['no-demo'] });
  installProcessGuards(core.logger.forSubsystem('web-host'));
  const problem = core.needsTechnician();
  if (problem) process.stdout.write(`PERLU PETUGAS: ${problem}. Nothing is sent until it is fixed; stored requests are kept.\n`);
  const port = values.port === undefined ? core.config().webHost.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not ${values.port}`);
  }
  const host = await startWebHost({ core, port, rendererDir: path.join(__dirname, '..', 'renderer') });
  process.stdout.write(`${READY_LINE_PREFIX} ${host.url}\n`);
  process.stdout.write(`Data directory: ${core.dataDir}\n`);
  if (demo) process.stdout.write(`DEMO MODE: demo village server at ${demo.url} (demo residents in the README)\n`);

  if (values.open) {
    const browser = findChromium();
    if (browser) launchChromium(browser, host.url, core.dataDir);
    else process.stdout.write('No Chromium found: open the URL above in a browser.\n');
  }

  const shutdown = async (): Promise<void> => {
    await host.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`ADM web host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
