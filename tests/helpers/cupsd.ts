/**
 * A private CUPS for tests (devices.md "A4 printer (CUPS)"): Debian's cupsd in
 * the foreground with its own ServerRoot, spool, logs and temp folder in a
 * temp directory, listening on a free 127.0.0.1 port, and one cups-pdf queue
 * whose output goes to the test's own folder (through
 * `/etc/cups/cups-pdf-NAME.conf`, removed again on stop). Each test file
 * starts its own, so files run in parallel. .ci/run installs cups,
 * cups-client, cups-ipp-utils and printer-driver-cups-pdf; without them this
 * fails, saying so.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCupsPrinter } from '../../src/devices/document-printer/cups-printer';
import { freePort } from './free-port';

export interface PrivateCupsd {
  /** "127.0.0.1:PORT", for `-h` and CUPS_SERVER. */
  server: string;
  /** The cups-pdf queue. */
  queue: string;
  /** Where cups-pdf writes each job's PDF. */
  outputDir: string;
  /** cupsd's spool (RequestRoot): `d<job>-001` is a job's document while CUPS keeps it. */
  spoolDir: string;
  disable(): Promise<void>;
  enable(): Promise<void>;
  reject(): Promise<void>;
  accept(): Promise<void>;
  /** New jobs wait, held, until released (`job-hold-until-default=indefinite`); false: they print again. */
  holdNewJobs(hold: boolean): Promise<void>;
  /** Makes the queue CUPS's default. */
  setDefault(): Promise<void>;
  /** Waits until CUPS reports the job completed (or purged), then for cups-pdf's file of it. */
  waitForOutputPdf(jobId: number, timeoutMs?: number): Promise<Uint8Array>;
  stop(): Promise<void>;
}

const PROGRAMS = ['cupsd', 'lpadmin', 'lpstat', 'lp', 'cupsdisable', 'cupsenable', 'cupsaccept', 'cupsreject'];
const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';
const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';

function missingPrograms(): string[] {
  const missing = PROGRAMS.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`], { env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` } }).status !== 0);
  if (!existsSync(CUPS_PDF_PPD) || !existsSync(CUPS_PDF_BACKEND)) missing.push('printer-driver-cups-pdf');
  return missing;
}

function run(command: string, args: string[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C' }, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startCupsd(): Promise<PrivateCupsd> {
  const missing = missingPrograms();
  if (missing.length > 0) {
    throw new Error(`CUPS for tests is missing (${missing.join(', ')}): apt-get install cups cups-client cups-ipp-utils printer-driver-cups-pdf, as .ci/run does`);
  }
  // Two tries: another process may take the free port between our look and cupsd's bind.
  try {
    return await startOnce();
  } catch (first) {
    try {
      return await startOnce();
    } catch (second) {
      throw new Error(`the private cupsd did not start: ${String(first)}; again: ${String(second)}`, { cause: second });
    }
  }
}

async function startOnce(): Promise<PrivateCupsd> {
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), 'adm-cupsd-'));
  // cupsd's filters and backends run as the lp user: they must reach the spool and temp folders below.
  chmodSync(root, 0o755);
  const dir = (name: string, mode: number) => {
    const full = path.join(root, name);
    mkdirSync(full, { recursive: true });
    chmodSync(full, mode);
    return full;
  };
  const spoolDir = dir('spool', 0o710);
  const tempDir = dir('tmp', 0o1777);
  const cacheDir = dir('cache', 0o770);
  const stateDir = dir('state', 0o755);
  const logDir = dir('log', 0o755);
  // cups-pdf writes as root or as the job's user; the folder is this test's alone.
  const outputDir = dir('out', 0o777);
  const server = `127.0.0.1:${port}`;
  const queue = `adm_test_${port}`;
  const cupsPdfConf = `/etc/cups/cups-pdf-${queue}.conf`;

  writeFileSync(
    path.join(root, 'cupsd.conf'),
    [
      `Listen ${server}`,
      'LogLevel warn',
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      // Job documents stay after completion, as on a kiosk with Debian's defaults: cancelAndPurge must remove them.
      'PreserveJobFiles Yes',
      'PreserveJobHistory Yes',
      '<Location />',
      '  Order allow,deny',
      '  Allow from 127.0.0.1',
      '</Location>',
      // Only this test's processes reach 127.0.0.1:PORT: no authentication for lpadmin, cupsdisable and the rest.
      '<Policy default>',
      '  JobPrivateAccess default',
      '  JobPrivateValues default',
      '  SubscriptionPrivateAccess default',
      '  SubscriptionPrivateValues default',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `RequestRoot ${spoolDir}`,
      `TempDir ${tempDir}`,
      `CacheDir ${cacheDir}`,
      `StateDir ${stateDir}`,
      `AccessLog ${path.join(logDir, 'access_log')}`,
      `ErrorLog ${path.join(logDir, 'error_log')}`,
      `PageLog ${path.join(logDir, 'page_log')}`,
      // Never the system's /run/cups/printcap.
      `Printcap ${path.join(root, 'printcap')}`,
      'FileDevice No',
      'Sandboxing Relaxed',
      '',
    ].join('\n'),
  );
  writeFileSync(cupsPdfConf, `Out ${outputDir}\nAnonDirName ${outputDir}\nLog ${logDir}\n`);

  let output = '';
  const daemon: ChildProcess = spawn('cupsd', ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-2000));
  daemon.stdout?.on('data', keep);
  daemon.stderr?.on('data', keep);
  daemon.on('error', (error) => keep(Buffer.from(String(error))));
  const exited = new Promise<void>((resolve) => daemon.once('close', () => resolve()));
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (daemon.exitCode === null && daemon.signalCode === null) {
      daemon.kill('SIGTERM');
      await exited;
    }
    rmSync(cupsPdfConf, { force: true });
    rmSync(root, { recursive: true, force: true });
  };

  try {
    await untilRunning(server, daemon, () => output, path.join(logDir, 'error_log'));
    await run('lpadmin', ['-h', server, '-p', queue, '-E', '-v', `cups-pdf:/${queue}`, '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd', '-o', 'TitlePref=1', '-o', 'Label=1']);
  } catch (error) {
    await stop();
    throw error;
  }

  const printer = createCupsPrinter({ server });
  return {
    server,
    queue,
    outputDir,
    spoolDir,
    disable: () => run('cupsdisable', ['-h', server, queue]).then(() => {}),
    enable: () => run('cupsenable', ['-h', server, queue]).then(() => {}),
    reject: () => run('cupsreject', ['-h', server, queue]).then(() => {}),
    accept: () => run('cupsaccept', ['-h', server, queue]).then(() => {}),
    holdNewJobs: (hold) => run('lpadmin', ['-h', server, '-p', queue, '-o', `job-hold-until-default=${hold ? 'indefinite' : 'no-hold'}`]).then(() => {}),
    setDefault: () => run('lpadmin', ['-h', server, '-d', queue]).then(() => {}),
    async waitForOutputPdf(jobId, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < until) {
        const job = await printer.job(queue, jobId);
        last = job.state;
        // The kiosk purges a job once CUPS completed it: CUPS then no longer knows it, and its file tells.
        if (job.state === 'completed' || job.state === 'not-found') {
          const file = readdirSync(outputDir).find((name) => name.startsWith(`job_${jobId}-`) && name.endsWith('.pdf'));
          if (file) return new Uint8Array(readFileSync(path.join(outputDir, file)));
          if (job.state === 'not-found') break;
          last = 'completed, but cups-pdf wrote no file';
        } else if (job.state !== 'pending' && job.state !== 'processing') {
          break;
        }
        await pause(100);
      }
      throw new Error(`job ${jobId} gave no PDF (last state: ${last}; output: ${readdirSync(outputDir).join(', ') || 'none'})`);
    },
    stop,
  };
}

/** Until `lpstat -r` says the scheduler runs (cupsd tells when it is up), or cupsd exits. */
async function untilRunning(server: string, daemon: ChildProcess, output: () => string, errorLog: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (daemon.exitCode !== null || daemon.signalCode !== null) break;
    const answer = spawnSync('lpstat', ['-h', server, '-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, timeout: 5000 });
    if (answer.stdout.includes('scheduler is running')) return;
    await pause(50);
  }
  const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-1500) : '';
  throw new Error(`cupsd on ${server} did not come up (${daemon.exitCode === null ? 'still starting' : `exited ${daemon.exitCode}`}): ${output().trim()} ${log.trim()}`);
}

/** The documents CUPS still keeps of a job in its spool (`d<5-digit job>-<n>`). */
export function spooledDocuments(cupsd: PrivateCupsd, jobId: number): string[] {
  const prefix = `d${String(jobId).padStart(5, '0')}-`;
  return readdirSync(cupsd.spoolDir).filter((name) => name.startsWith(prefix));
}
