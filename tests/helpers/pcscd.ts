/**
 * Debian's PC/SC daemon for tests: `pcscd -f` started in the foreground and
 * stopped by its pid, with the vsmartcard-vpcd virtual reader. One daemon
 * per machine owns the socket, so a test first ends any other (and waits
 * until they have exited).
 *
 * The daemon gets its own reader configuration (`-c`): Debian's puts vpcd on
 * TCP 35963, inside Linux's ephemeral port range (32768-60999), where any
 * other test's connection may hold it at that moment ("Address already in
 * use", no reader). Ours listens below that range, on VPCD_PORT.
 * .ci/run installs pcscd, vsmartcard-vpcd and libpcsclite-dev.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VPCD_PORT } from './virtual-card';

export const VIRTUAL_READER = 'Virtual PCD 00 00';

let daemon: ChildProcess | null = null;
/** What the daemon said (errors only without -d): shown when it does not come up. */
let daemonOutput = '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function noPcscDaemons(): Promise<void> {
  spawnSync('pkill', ['-x', 'pcscd']);
  for (let i = 0; i < 100 && spawnSync('pgrep', ['-x', 'pcscd']).status === 0; i++) await sleep(100);
}

export async function startPcscDaemon(): Promise<void> {
  const found = spawnSync('sh', ['-c', 'command -v pcscd']).status === 0;
  if (!found) throw new Error('pcscd is not installed (apt-get install pcscd vsmartcard-vpcd libpcsclite-dev, as .ci/run does)');
  await noPcscDaemons();
  daemonOutput = '';
  const started = spawn('pcscd', ['-f', '-c', readerConfigDir()], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => (daemonOutput = (daemonOutput + chunk.toString('utf8')).slice(-2000));
  started.stdout?.on('data', keep);
  started.stderr?.on('data', keep);
  daemon = started;
}

export async function stopPcscDaemon(): Promise<void> {
  const running = daemon;
  daemon = null;
  if (running && running.exitCode === null) {
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGTERM');
    });
  }
  await noPcscDaemons();
}

let configDir: string | null = null;

/** A reader.conf.d with only the virtual reader, on VPCD_PORT (as Debian's /etc/reader.conf.d/vpcd, another port). */
function readerConfigDir(): string {
  if (configDir) return configDir;
  configDir = mkdtempSync(path.join(tmpdir(), 'adm-pcscd-'));
  const port = `0x${VPCD_PORT.toString(16).toUpperCase()}`;
  writeFileSync(
    path.join(configDir, 'vpcd'),
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:${port}\nLIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID    ${port}\n`,
  );
  return configDir;
}

/** The pcscd processes there are now, for failure messages. */
export function pcscDaemons(): string {
  return spawnSync('pgrep', ['-a', 'pcscd'], { encoding: 'utf8' }).stdout.trim() || 'none';
}

/**
 * Until pcscd answers and lists the virtual reader, asked from another process
 * as a technician's `adm input list` would (the daemon says when it is ready;
 * nothing here sleeps a fixed time). A daemon that came up without the reader
 * anyway is started once more, and what it said is kept for the message.
 */
export async function pcscReaderReady(timeoutMs = 15_000): Promise<void> {
  if (await readerListed(timeoutMs)) return;
  const firstAnswer = `${lastAnswer || 'nothing'}; pcscd said: ${daemonOutput.trim() || 'nothing'}`;
  process.stderr.write(`pcscd came up without ${VIRTUAL_READER} (${firstAnswer}); starting it again\n`);
  await startPcscDaemon();
  if (await readerListed(timeoutMs)) return;
  throw new Error(
    `pcscd did not list the virtual reader (first start: ${firstAnswer}; second: ${lastAnswer || 'nothing'}, pcscd said: ${daemonOutput.trim() || 'nothing'}; running: ${pcscDaemons()})`,
  );
}

let lastAnswer = '';

async function readerListed(timeoutMs: number): Promise<boolean> {
  const probe = "const { Context } = require('smartcard'); const c = new Context(); console.log(c.listReaders().map((r) => r.name).join('|')); c.close();";
  const until = Date.now() + timeoutMs;
  lastAnswer = '';
  while (Date.now() < until) {
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    lastAnswer = `${result.stdout}${result.stderr}`.trim();
    if (result.stdout.includes(VIRTUAL_READER)) return true;
    await sleep(200);
  }
  return false;
}
