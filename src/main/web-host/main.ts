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
import { startWebHostRunner } from './host-runner';


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
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a number from 0 to 65535, not ${values.port}`);
  }
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  const runner = await startWebHostRunner({
    startCore: (shell) => startHostCore({ demo: !values['no-demo'], shell, startBackground: false }),
    // One web host for the process: a restart swaps the core behind it, and the open page keeps its session.
    serve: (core, listenOn) => startWebHost({ core, port: listenOn, rendererDir: path.join(__dirname, '..', 'renderer') }),
    port,
    print,
  });
  const { core } = runner.current().hostCore;
  // Into the log of whichever core serves now (a restart closes the previous one's).
  installProcessGuards(() => runner.current().hostCore.core.logger.forSubsystem('web-host'));

  if (values.open) {
    const browser = findChromium();
    if (browser) launchChromium(browser, runner.current().host.url, core.dataDir);
    else print('No Chromium found: open the URL above in a browser.');
  }
  let stopping: Promise<void> | null = null;
  const shutdown = (): void => {
    stopping ??= runner.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  try {
    await runner.stopped;
  } catch (error) {
    // A restart failed after the new start took over: a supervisor starts the kiosk again.
    process.stderr.write(`ADM web host cannot serve any more: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (stopping) return;
  print('ADM web host stopped by a technician.');
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`ADM web host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
