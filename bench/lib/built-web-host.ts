/**
 * The built web host (`dist/main/web-host.cjs`, run `npm run build` first) on
 * a data directory and a free port, as a kiosk PC starts it: resolves once it
 * prints its ready line, with its launch URL and how long that took.
 */
import { spawn } from 'node:child_process';
import { READY_LINE_PREFIX } from '../../src/main/web-host/ready-line';

export interface BuiltWebHost {
  url: string;
  /** From spawning the process to its ready line. */
  readyMs: number;
  /** SIGTERM, and resolves when the process has exited. */
  stop(): Promise<void>;
}

export function startBuiltWebHost(dataDir: string): Promise<BuiltWebHost> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['dist/main/web-host.cjs', '--port', '0'], { env: { ...process.env, ADM_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let output = '';
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith(READY_LINE_PREFIX));
      if (ready || !line) return;
      ready = true;
      const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ url: line.slice(READY_LINE_PREFIX.length).trim(), readyMs, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      if (!ready) reject(new Error(`web host exited before it was ready:\n${output}`));
    });
  });
}
