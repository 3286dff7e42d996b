/**
 * The kiosk PC's Prometheus agent configuration (docs/fleet.md), rendered
 * from the shipped template `resources/fleet/agent/prometheus-agent.yml.template`:
 * scrape this kiosk's metrics on 127.0.0.1, remote-write to the kabupaten's
 * URL with basic auth whose password stays in its own file, and label every
 * series with the kiosk's identity. Every value is quoted for YAML here, so
 * a kecamatan's name or a URL can never add a key of its own to the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { identityLabels, UNSET, type KioskIdentity } from '../metrics/kiosk-identity';

/** Where the agent listens (127.0.0.1 only): `adm fleet status` asks it there, adm-fleet-agent.service starts it there. */
export const AGENT_LISTEN_ADDRESS = '127.0.0.1:9465';

/** The template as shipped, relative to the app's resources folder. */
export const AGENT_TEMPLATE = path.join('fleet', 'agent', 'prometheus-agent.yml.template');

/** The rendered file, relative to the kiosk's data directory (the systemd unit reads it there). */
export const AGENT_CONFIG_FILE = path.join('fleet', 'prometheus-agent.yml');

/** How often the agent scrapes and how patiently it sends; tests shorten these, a kiosk keeps the defaults. */
export interface AgentTiming {
  scrapeIntervalMs: number;
  scrapeTimeoutMs: number;
  batchSendDeadlineMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Every 30 s, as the kabupaten's alerts assume; sends batched for up to 30 s;
 * retries from 1 s up to one a minute while the link is down, so a village on
 * metered mobile data does not spend it knocking on a closed door.
 */
export const AGENT_TIMING: AgentTiming = {
  scrapeIntervalMs: 30_000,
  scrapeTimeoutMs: 10_000,
  batchSendDeadlineMs: 30_000,
  minBackoffMs: 1000,
  maxBackoffMs: 60_000,
};

export interface RemoteWrite {
  url: string;
  username: string;
  /** An absolute path; the agent reads the password from it at every send. */
  passwordFile: string;
}

export interface AgentConfigInput {
  identity: KioskIdentity;
  /** `metrics.port` from config.json (0: metrics off). */
  metricsPort: number;
  remoteWrite: RemoteWrite;
  timing?: Partial<AgentTiming>;
}

export type AgentConfigResult = { ok: true; text: string } | { ok: false; problem: string };

/** Renders the template, or says (in Bahasa Indonesia, for the technician) why this kiosk cannot have an agent yet. */
export function renderAgentConfig(template: string, input: AgentConfigInput): AgentConfigResult {
  const problem = refusal(input);
  if (problem) return { ok: false, problem };
  const timing = { ...AGENT_TIMING, ...input.timing };
  const { identity, remoteWrite } = input;
  const values: Record<string, string> = {
    ...Object.fromEntries(Object.entries(identityLabels(identity)).map(([label, value]) => [label, yamlString(value)])),
    scrape_interval: duration(timing.scrapeIntervalMs),
    // Prometheus refuses a timeout longer than the interval; a shortened interval takes the timeout with it.
    scrape_timeout: duration(Math.min(timing.scrapeTimeoutMs, timing.scrapeIntervalMs)),
    metrics_target: yamlString(`127.0.0.1:${input.metricsPort}`),
    // As the URL parser read it: a space or line break pasted around the address is gone, and one inside it
    // is percent-encoded, where Go's parser in Prometheus would refuse the whole file and the agent not start.
    remote_write_url: yamlString(new URL(remoteWrite.url).href),
    username: yamlString(remoteWrite.username),
    password_file: yamlString(remoteWrite.passwordFile),
    batch_send_deadline: duration(timing.batchSendDeadlineMs),
    min_backoff: duration(timing.minBackoffMs),
    max_backoff: duration(timing.maxBackoffMs),
  };
  const used = new Set<string>();
  const text = template.replace(/\{\{([a-z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the agent template names {{${name}}}, which the renderer does not know`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`the agent template lacks ${unused.map((name) => `{{${name}}}`).join(', ')}`);
  return { ok: true, text };
}

function refusal({ identity, metricsPort, remoteWrite }: AgentConfigInput): string | null {
  if (identity.kioskId === UNSET) {
    return 'kiosk.id belum diisi di config.json (contoh: "kiosk": { "id": "sukamaju-01" }). Tanpa itu kabupaten tidak dapat membedakan kios ini dari kios lain. Isi kiosk.id, lalu jalankan perintah ini lagi.';
  }
  if (metricsPort === 0) {
    return 'metrics.port di config.json bernilai 0: kios tidak menyajikan metrik, jadi agen tidak punya apa pun untuk dikirim. Hapus metrics.port (bawaan 9464) atau isi nomor port, lalu jalankan perintah ini lagi.';
  }
  const urlProblem = remoteWriteUrlProblem(remoteWrite.url);
  if (urlProblem) return urlProblem;
  if (remoteWrite.username.trim() === '') return 'Nama pengguna untuk server pusat (--user) kosong.';
  if (!path.isAbsolute(remoteWrite.passwordFile)) return `Berkas kata sandi harus ditulis dengan path lengkap (diberikan: ${remoteWrite.passwordFile}).`;
  return null;
}

/** Why the URL cannot be the remote_write URL, or null. A password inside the URL would end up in the file in clear. */
export function remoteWriteUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `Alamat remote_write bukan URL (diberikan: ${raw}). Contoh: https://prometheus.kabupaten.go.id/api/v1/write`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `Alamat remote_write harus diawali http:// atau https:// (diberikan: ${url.protocol}//...).`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'Alamat remote_write tidak boleh memuat nama pengguna atau kata sandi: berikan --user dan --password-file.';
  }
  return null;
}

/**
 * A YAML double-quoted scalar. Its escapes are a subset of JSON's, so the
 * value reads back the same in any YAML parser (Prometheus uses Go's yaml.v2);
 * line breaks of every kind, control characters and the byte-order mark are
 * escaped, so the value stays on its line.
 */
export function yamlString(value: string): string {
  let quoted = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if (code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
      quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    } else quoted += char;
  }
  return `${quoted}"`;
}

/** A Prometheus duration: "1m", "30s", "250ms". */
function duration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`not a duration in milliseconds: ${ms}`);
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * The shipped template, wherever the app runs from: the project folder
 * (development, tests), next to the bundle (dist/main/ two levels below), or
 * the installed package's resources folder (`/opt/ADM/resources/fleet`, from
 * electron-builder's extraResources; the bundle is then inside app.asar).
 */
export function findAgentTemplate(): string | null {
  const bases = [
    path.join(process.cwd(), 'resources'),
    typeof __dirname === 'undefined' ? null : path.join(__dirname, '..', '..', 'resources'),
    typeof __dirname === 'undefined' ? null : path.join(__dirname, '..', '..', '..'),
    (process as { resourcesPath?: string }).resourcesPath ?? null,
  ].filter((base): base is string => base !== null);
  return bases.map((base) => path.join(base, AGENT_TEMPLATE)).find((file) => existsSync(file)) ?? null;
}

export function readAgentTemplate(): string {
  const file = findAgentTemplate();
  if (!file) throw new Error(`the agent template (resources/${AGENT_TEMPLATE}) is missing from this installation`);
  return readFileSync(file, 'utf8');
}
