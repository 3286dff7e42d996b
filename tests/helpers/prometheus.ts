/**
 * Debian's real `prometheus` (2.42) for the fleet tests: the kiosk PC's agent
 * (`--enable-feature=agent`, on the configuration rendered from the shipped
 * template) and a central one that takes remote writes
 * (`--web.enable-remote-write-receiver`). Each runs on a free 127.0.0.1 port
 * with its own data folder, is waited for on `/-/ready`, and is stopped by its
 * pid (SIGTERM, then SIGKILL). A central one can be started again on the same
 * folder and port, as a kabupaten's server comes back after an outage.
 * .ci/run installs the prometheus package; without it this fails, saying so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port';
import path from 'node:path';
import { renderAgentConfig, type AgentConfigInput } from '../../src/main/fleet/agent-config';
import { parseSamples } from '../../src/main/fleet/agent-status';

export const PROMETHEUS = 'prometheus';
export const PROMTOOL = 'promtool';
const TEMPLATE = 'resources/fleet/agent/prometheus-agent.yml.template';

export interface PrometheusProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
  /** The instant query's result (`data.result`). */
  query(expr: string, time?: number): Promise<any[]>;
  /** `query_range`'s result (`data.result`); times in unix seconds. */
  queryRange(expr: string, start: number, end: number, stepSeconds: number): Promise<any[]>;
  /** GET a path of its HTTP API and its `data`. */
  api(pathname: string): Promise<any>;
  /** Its own metrics, summed over label sets, by name. */
  ownMetric(name: string): Promise<number>;
  /** SIGTERM by pid, SIGKILL when it has not exited after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export function requirePrometheus(): void {
  for (const program of [PROMETHEUS, PROMTOOL]) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) {
      throw new Error(`${program} is missing: apt-get install prometheus (Debian 12: 2.42, with promtool), as .ci/run does`);
    }
  }
}

/** The shipped template rendered as `adm fleet agent-config` renders it; tests shorten the timings through `timing`. */
export function renderShippedAgentConfig(input: AgentConfigInput): string {
  const rendered = renderAgentConfig(readFileSync(TEMPLATE, 'utf8'), input);
  if (!rendered.ok) throw new Error(rendered.problem);
  return rendered.text;
}

/** `promtool check config` (with `--agent` for an agent's file): its exit status and what it said. */
export function promtoolCheckConfig(file: string, agent: boolean): { status: number | null; output: string } {
  const check = spawnSync(PROMTOOL, ['check', 'config', ...(agent ? ['--agent'] : []), file], { encoding: 'utf8' });
  return { status: check.status, output: `${check.stdout}${check.stderr}` };
}

/** The kiosk PC's agent on `configText`, its WAL in `<dir>/wal`. */
export async function startAgent(dir: string, configText: string, port?: number): Promise<PrometheusProcess> {
  mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'prometheus-agent.yml');
  writeFileSync(configFile, configText, { mode: 0o600 });
  return startWithRetry(port, dir, (listen) => [
    '--enable-feature=agent',
    `--config.file=${configFile}`,
    `--storage.agent.path=${path.join(dir, 'wal')}`,
    `--web.listen-address=${listen}`,
  ]);
}

/** The kabupaten's Prometheus: scrapes nothing, takes remote writes, keeps its TSDB in `<dir>/tsdb`. Same dir and port: it comes back with its data. */
export async function startCentral(dir: string, port?: number): Promise<PrometheusProcess> {
  mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(configFile, 'global:\n  evaluation_interval: 1m\n');
  return startWithRetry(port, dir, (listen) => [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
    '--web.enable-remote-write-receiver',
    `--web.listen-address=${listen}`,
  ]);
}

/** Two tries on a port of its own choosing: another process may take the free port between the look and prometheus's bind. */
async function startWithRetry(port: number | undefined, dataDir: string, args: (listen: string) => string[]): Promise<PrometheusProcess> {
  requirePrometheus();
  if (port !== undefined) return startOnce(port, dataDir, args(`127.0.0.1:${port}`));
  try {
    const first = await freePort();
    return await startOnce(first, dataDir, args(`127.0.0.1:${first}`));
  } catch (first) {
    const second = await freePort();
    try {
      return await startOnce(second, dataDir, args(`127.0.0.1:${second}`));
    } catch (again) {
      throw new Error(`prometheus did not start: ${String(first)}; again: ${String(again)}`, { cause: again });
    }
  }
}

async function startOnce(port: number, dataDir: string, args: string[]): Promise<PrometheusProcess> {
  const child: ChildProcess = spawn(PROMETHEUS, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(String(error))));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;

  const stop = async (graceMs = 10_000) => {
    if (!running() || child.pid === undefined) return exited;
    process.kill(child.pid, 'SIGTERM');
    const killer = setTimeout(() => {
      if (running() && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(killer);
  };

  try {
    await untilReady(url, running, () => output);
  } catch (error) {
    await stop(2000);
    throw error;
  }

  const api = async (pathname: string) => {
    const answer = await fetch(`${url}${pathname}`, { signal: AbortSignal.timeout(10_000) });
    const body = (await answer.json()) as { status: string; data?: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`${pathname}: ${answer.status} ${body.error ?? JSON.stringify(body)}`);
    return body.data as any;
  };
  return {
    url,
    port,
    dataDir,
    pid: child.pid!,
    query: async (expr, time) => (await api(`/api/v1/query?${new URLSearchParams({ query: expr, ...(time === undefined ? {} : { time: String(time) }) })}`)).result,
    queryRange: async (expr, start, end, step) =>
      (await api(`/api/v1/query_range?${new URLSearchParams({ query: expr, start: String(start), end: String(end), step: `${step}s` })}`)).result,
    api,
    async ownMetric(name) {
      const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
      return parseSamples(text)
        .filter((sample) => sample.name === name)
        .reduce((total, sample) => total + sample.value, 0);
    },
    stop,
  };
}

/** Until `/-/ready` answers 200 (the agent has replayed its WAL, the central one its TSDB), or the process exits. */
async function untilReady(url: string, running: () => boolean, output: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until && running()) {
    try {
      const answer = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
      if (answer.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`prometheus on ${url} did not become ready (${running() ? 'still starting' : 'exited'}): ${output().trim()}`);
}

/** Polls `check` until it returns a value (not undefined), failing after `timeoutMs` with `what` and the last reason. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
