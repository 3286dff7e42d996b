/**
 * `adm fleet status`: asks the kiosk PC's Prometheus agent, over its HTTP API
 * on 127.0.0.1, two things a technician needs on site, in Bahasa Indonesia:
 * does the agent read this kiosk's metrics (its scrape target "adm"), and do
 * the samples leave for the kabupaten (its remote-write queue's own metrics:
 * the newest sample sent against the newest one written to its WAL, what is
 * pending, failed and retried).
 */

export interface AgentStatusInput {
  /** The agent's base URL, e.g. http://127.0.0.1:9465. */
  agentUrl: string;
  /** `metrics.port` from config.json: the port the agent should scrape. */
  metricsPort: number;
  /** Sent samples this much older than the newest scraped one mean they are not leaving (seconds). */
  lagLimitSeconds?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface AgentStatus {
  running: boolean;
  scraped: boolean;
  sending: boolean;
  lines: string[];
}

/** Two scrapes, a batch deadline and a slow send at the default timings (agent-config.ts) fit in this. */
const LAG_LIMIT_SECONDS = 120;

interface Target {
  labels: Record<string, string>;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  lastScrape: string;
  scrapeInterval?: string;
}

export async function agentStatus(input: AgentStatusInput): Promise<AgentStatus> {
  const { agentUrl, metricsPort } = input;
  const now = input.now ?? Date.now;
  const get = async (pathname: string) => fetch(new URL(pathname, agentUrl), { signal: AbortSignal.timeout(input.timeoutMs ?? 5000) });
  const lines: string[] = [];
  const stopped = (line: string): AgentStatus => ({ running: false, scraped: false, sending: false, lines: [...lines, line] });

  let ready: Response;
  try {
    ready = await get('/-/ready');
  } catch (error) {
    return stopped(
      `Agen Prometheus: TIDAK menjawab di ${agentUrl} (${reason(error)}). Nyalakan: sudo systemctl enable --now adm-fleet-agent.service; sebabnya: journalctl -u adm-fleet-agent -b`,
    );
  }
  if (ready.status === 503) return stopped(`Agen Prometheus: sedang bersiap di ${agentUrl} (membaca WAL-nya); tanyakan lagi sebentar lagi.`);
  if (!ready.ok) return stopped(`Agen Prometheus: menjawab ${ready.status} di ${agentUrl}; yang menjawab mungkin bukan agen kios.`);
  lines.push(`Agen Prometheus: berjalan di ${agentUrl}`);

  const scrape = await scrapeState(get, metricsPort, now());
  lines.push(...scrape.lines);
  const send = await sendState(get, input.lagLimitSeconds ?? LAG_LIMIT_SECONDS);
  lines.push(...send.lines);
  return { running: true, scraped: scrape.ok, sending: send.ok, lines };
}

type Get = (pathname: string) => Promise<Response>;

async function scrapeState(get: Get, metricsPort: number, now: number): Promise<{ ok: boolean; lines: string[] }> {
  const answer = await readJson(get, '/api/v1/targets?state=active');
  if ('problem' in answer) return { ok: false, lines: [`Kios terbaca agen: TIDAK DIKETAHUI (${answer.problem})`] };
  const targets = (answer.value as { data?: { activeTargets?: Target[] } }).data?.activeTargets ?? [];
  const target = targets.find((t) => t.labels.job === 'adm');
  if (!target) {
    return { ok: false, lines: ['Kios terbaca agen: TIDAK, agen tidak punya target "adm". Buat konfigurasinya dengan adm fleet agent-config, lalu sudo systemctl restart adm-fleet-agent.service'] };
  }
  const lines: string[] = [];
  const scrapedPort = Number(new URL(target.scrapeUrl).port);
  if (scrapedPort !== metricsPort) {
    lines.push(
      `Perhatian: agen membaca port ${scrapedPort}, sedangkan metrics.port kios ini ${metricsPort === 0 ? '0 (metrik mati)' : metricsPort}. Jalankan adm fleet agent-config lagi, lalu sudo systemctl restart adm-fleet-agent.service`,
    );
  }
  const last = Date.parse(target.lastScrape);
  const ago = Number.isNaN(last) || last <= 0 ? 'belum pernah' : `${Math.max(0, Math.round((now - last) / 1000))} detik lalu`;
  if (target.health === 'up') {
    lines.unshift(`Kios terbaca agen: YA, terakhir ${ago} (${target.scrapeUrl})`);
    return { ok: scrapedPort === metricsPort, lines };
  }
  const why = target.health === 'unknown' ? 'belum dicoba' : target.lastError || 'tanpa keterangan';
  lines.unshift(`Kios terbaca agen: TIDAK (${target.scrapeUrl}, terakhir dicoba ${ago}: ${why}). Aplikasi kios menyala? metrics.port bukan 0?`);
  return { ok: false, lines };
}

async function sendState(get: Get, lagLimitSeconds: number): Promise<{ ok: boolean; lines: string[] }> {
  let text: string;
  try {
    const answer = await get('/metrics');
    if (!answer.ok) return { ok: false, lines: [`Data ke kabupaten: TIDAK DIKETAHUI (agen menjawab ${answer.status} untuk /metrics)`] };
    text = await answer.text();
  } catch (error) {
    return { ok: false, lines: [`Data ke kabupaten: TIDAK DIKETAHUI (${reason(error)})`] };
  }
  const samples = parseSamples(text);
  const sum = (name: string) => samples.filter((s) => s.name === name).reduce((total, s) => total + s.value, 0);
  const max = (name: string) => Math.max(0, ...samples.filter((s) => s.name === name).map((s) => s.value));
  if (!samples.some((s) => s.name === 'prometheus_remote_storage_samples_pending')) {
    return { ok: false, lines: ['Data ke kabupaten: TIDAK, agen tidak punya tujuan remote_write. Buat konfigurasinya dengan adm fleet agent-config.'] };
  }
  const newestIn = max('prometheus_remote_storage_highest_timestamp_in_seconds');
  const newestSent = max('prometheus_remote_storage_queue_highest_sent_timestamp_seconds');
  const pending = sum('prometheus_remote_storage_samples_pending');
  const failed = sum('prometheus_remote_storage_samples_failed_total');
  const retried = sum('prometheus_remote_storage_samples_retried_total');
  const counts = `${pending} sampel menunggu, ${failed} ditolak, ${retried} dicoba ulang sejak agen mulai`;
  if (newestSent > 0 && newestIn - newestSent <= lagLimitSeconds) {
    return { ok: true, lines: [`Data ke kabupaten: YA, sampel terbaru yang terkirim ${Math.round(newestIn - newestSent)} detik lebih tua dari bacaan terakhir (${counts})`] };
  }
  const behind = newestSent > 0 ? `yang terkirim tertinggal ${Math.round(newestIn - newestSent)} detik dari bacaan terakhir` : 'belum satu pun terkirim';
  const advice =
    failed > 0
      ? 'Server pusat menolak kiriman (nama pengguna atau kata sandi salah? alamat salah?): periksa --user, berkas kata sandi dan --url, lalu jalankan adm fleet agent-config lagi.'
      : 'Periksa sambungan internet desa dan alamat server pusat; sampel tetap tersimpan di WAL agen dan terkirim setelah sambungan kembali.';
  return { ok: false, lines: [`Data ke kabupaten: TIDAK, ${behind} (${counts}). ${advice}`] };
}

interface Sample {
  name: string;
  value: number;
}

/** Metric name and value of each line of the Prometheus text format (labels are not needed here: the queues are summed). */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const raw = match[3]!;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, value });
  }
  return samples;
}

async function readJson(get: Get, pathname: string): Promise<{ value: unknown } | { problem: string }> {
  try {
    const answer = await get(pathname);
    if (!answer.ok) return { problem: `agen menjawab ${answer.status} untuk ${pathname}` };
    return { value: await answer.json() };
  } catch (error) {
    return { problem: reason(error) };
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause.message : null;
    return cause ?? error.message;
  }
  return String(error);
}
