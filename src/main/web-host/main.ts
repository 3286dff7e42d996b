/**
 * `npm run start:web` / `node dist/main/web-host.cjs [--port N] [--open]`:
 * starts the kiosk core and the web host, prints the URL (with its per-launch
 * token) and, with --open, shows it in a system Chromium.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHostCore } from '../host-core';
import { installProcessGuards } from '../process-guard';
import { startWebHost } from './server';
import { findChromium, launchChromium } from './browser-launcher';
import { READY_LINE_PREFIX, RESTARTED_LINE } from './ready-line';


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
  // Kept across an in-process restart: the open page keeps its session and reconnects by itself.
  const secrets = { token: randomBytes(24).toString('base64url'), sessionSecret: randomBytes(32).toString('base64url') };
  let boundPort: number | null = null;
  let launchTokenSpent = false;
  let stopping: Promise<void> | null = null;
  let current: { close(): Promise<void> } | null = null;

  // "Mulai ulang" in admin runs the loop again: the core, the configuration and the database are opened anew.
  for (let first = true; ; first = false) {
    let requested: (action: 'restart' | 'exit') => void = () => {};
    const asked = new Promise<'restart' | 'exit'>((resolve) => (requested = resolve));
    const { core, demo, close } = await startHostCore({ demo: !values['no-demo'], shell: { restart: () => requested('restart'), exit: () => requested('exit') } });
    if (first) installProcessGuards(core.logger.forSubsystem('web-host'));
    const problem = core.needsTechnician();
    if (problem) process.stdout.write(`PERLU PETUGAS: ${problem}. Nothing is sent until it is fixed; stored requests are kept.\n`);
    const host = await startWebHost({
      core,
      port: boundPort ?? port ?? core.config().webHost.port,
      rendererDir: path.join(__dirname, '..', 'renderer'),
      ...secrets,
      launchTokenSpent,
    });
    boundPort = host.port;
    const closeThis = async (): Promise<void> => {
      launchTokenSpent = host.launchTokenSpent();
      await host.close();
      await close();
    };
    current = { close: closeThis };
    if (first) {
      process.stdout.write(`${READY_LINE_PREFIX} ${host.url}\n`);
      process.stdout.write(`Data directory: ${core.dataDir}\n`);
    } else {
      process.stdout.write(`${RESTARTED_LINE} ${host.url}\n`);
    }
    if (demo) process.stdout.write(`DEMO MODE: demo village server at ${demo.url} (demo residents in the README)\n`);

    if (first && values.open) {
      const browser = findChromium();
      if (browser) launchChromium(browser, host.url, core.dataDir);
      else process.stdout.write('No Chromium found: open the URL above in a browser.\n');
    }
    if (first) {
      const shutdown = (): void => {
        stopping ??= (async () => {
          await current?.close();
          process.exit(0);
        })();
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    }

    const action = await asked;
    if (stopping) return;
    await closeThis();
    current = null;
    if (action === 'exit') {
      process.stdout.write('ADM web host stopped by a technician.\n');
      process.exit(0);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ADM web host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
