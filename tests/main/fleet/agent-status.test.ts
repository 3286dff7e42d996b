// `adm fleet status` against a stand-in for the agent's HTTP API, answering as
// Prometheus 2.42 does (the fleet-agent test asks the real one).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { agentStatus, parseSamples } from '../../../src/main/fleet/agent-status';
import { freePort } from '../../helpers/free-port';

const NOW = Date.parse('2026-03-02T03:00:00Z');
const QUEUE = '{remote_name="5b3dd7",url="https://pusat.example/api/v1/write"}';

interface FakeAgent {
  ready?: number;
  target?: { health: 'up' | 'down' | 'unknown'; port?: number; lastError?: string; secondsAgo?: number } | null;
  /** Newest sample written, newest sent (unix seconds), pending, failed, retried; null: no remote_write at all. */
  queue?: { newestIn: number; newestSent: number; pending?: number; failed?: number; retried?: number } | null;
}

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function fakeAgent(agent: FakeAgent): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/-/ready') {
      res.writeHead(agent.ready ?? 200).end('Prometheus Agent is Ready.\n');
    } else if (url.pathname === '/api/v1/targets') {
      const t = agent.target;
      const activeTargets = t
        ? [
            {
              labels: { job: 'adm', instance: `127.0.0.1:${t.port ?? 9464}` },
              scrapeUrl: `http://127.0.0.1:${t.port ?? 9464}/metrics`,
              health: t.health,
              lastError: t.lastError ?? '',
              lastScrape: t.health === 'unknown' ? '0001-01-01T00:00:00Z' : new Date(NOW - (t.secondsAgo ?? 12) * 1000).toISOString(),
              scrapeInterval: '30s',
            },
          ]
        : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { activeTargets, droppedTargets: [] } }));
    } else if (url.pathname === '/metrics') {
      const q = agent.queue;
      const lines = ['# HELP prometheus_agent_active_series x', 'prometheus_agent_active_series 150'];
      if (q) {
        lines.push(
          `prometheus_remote_storage_highest_timestamp_in_seconds ${q.newestIn}`,
          `prometheus_remote_storage_queue_highest_sent_timestamp_seconds${QUEUE} ${q.newestSent}`,
          `prometheus_remote_storage_samples_pending${QUEUE} ${q.pending ?? 0}`,
          `prometheus_remote_storage_samples_failed_total${QUEUE} ${q.failed ?? 0}`,
          `prometheus_remote_storage_samples_retried_total${QUEUE} ${q.retried ?? 0}`,
        );
      }
      res.writeHead(200).end(`${lines.join('\n')}\n`);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ask = (agentUrl: string, metricsPort = 9464) => agentStatus({ agentUrl, metricsPort, now: () => NOW });
const inSeconds = NOW / 1000;

describe('adm fleet status', () => {
  it('says the kiosk is read and its samples leave', async () => {
    const url = await fakeAgent({ target: { health: 'up' }, queue: { newestIn: inSeconds - 12, newestSent: inSeconds - 15 } });
    const status = await ask(url);
    expect(status).toMatchObject({ running: true, scraped: true, sending: true });
    expect(status.lines).toEqual([
      `Agen Prometheus: berjalan di ${url}`,
      'Kios terbaca agen: YA, terakhir 12 detik lalu (http://127.0.0.1:9464/metrics)',
      'Data ke kabupaten: YA, sampel terbaru yang terkirim 3 detik lebih tua dari bacaan terakhir (0 sampel menunggu, 0 ditolak, 0 dicoba ulang sejak agen mulai)',
    ]);
  });

  it('says where to start the agent when nothing answers', async () => {
    const status = await ask(`http://127.0.0.1:${await freePort()}`);
    expect(status).toMatchObject({ running: false, scraped: false, sending: false });
    expect(status.lines.join('\n')).toMatch(/^Agen Prometheus: TIDAK menjawab .*ECONNREFUSED.*sudo systemctl enable --now adm-fleet-agent\.service/);
  });

  it('says the agent is still starting while it replays its WAL (503)', async () => {
    const status = await ask(await fakeAgent({ ready: 503 }));
    expect(status.running).toBe(false);
    expect(status.lines.at(-1)).toMatch(/sedang bersiap/);
  });

  it("says the kiosk is not read, with the agent's reason", async () => {
    const lastError = 'Get "http://127.0.0.1:9464/metrics": dial tcp 127.0.0.1:9464: connect: connection refused';
    const url = await fakeAgent({ target: { health: 'down', lastError, secondsAgo: 4 }, queue: { newestIn: inSeconds, newestSent: inSeconds } });
    const status = await ask(url);
    expect(status).toMatchObject({ running: true, scraped: false, sending: true });
    expect(status.lines[1]).toBe(`Kios terbaca agen: TIDAK (http://127.0.0.1:9464/metrics, terakhir dicoba 4 detik lalu: ${lastError}). Aplikasi kios menyala? metrics.port bukan 0?`);
  });

  it('notices an agent that scrapes another port than metrics.port', async () => {
    const url = await fakeAgent({ target: { health: 'up', port: 9464 }, queue: { newestIn: inSeconds, newestSent: inSeconds } });
    const status = await ask(url, 9470);
    expect(status.scraped).toBe(false);
    expect(status.lines.join('\n')).toContain('agen membaca port 9464, sedangkan metrics.port kios ini 9470. Jalankan adm fleet agent-config lagi');
  });

  it('says samples are held back while the link is down, and that they wait in the WAL', async () => {
    const url = await fakeAgent({ target: { health: 'up' }, queue: { newestIn: inSeconds, newestSent: inSeconds - 600, pending: 2400, retried: 9000 } });
    const status = await ask(url);
    expect(status).toMatchObject({ scraped: true, sending: false });
    expect(status.lines[2]).toBe(
      'Data ke kabupaten: TIDAK, yang terkirim tertinggal 600 detik dari bacaan terakhir (2400 sampel menunggu, 0 ditolak, 9000 dicoba ulang sejak agen mulai). Periksa sambungan internet desa dan alamat server pusat; sampel tetap tersimpan di WAL agen dan terkirim setelah sambungan kembali.',
    );
  });

  it('points at the credentials when the central server refuses the samples', async () => {
    const url = await fakeAgent({ target: { health: 'up' }, queue: { newestIn: inSeconds, newestSent: 0, failed: 350 } });
    const status = await ask(url);
    expect(status.sending).toBe(false);
    expect(status.lines[2]).toMatch(/^Data ke kabupaten: TIDAK, belum satu pun terkirim \(0 sampel menunggu, 350 ditolak.*nama pengguna atau kata sandi salah/);
  });

  it('says an agent without target adm or remote_write was not set up by adm fleet agent-config', async () => {
    const status = await ask(await fakeAgent({ target: null, queue: null }));
    expect(status).toMatchObject({ running: true, scraped: false, sending: false });
    expect(status.lines.slice(1).join('\n')).toMatch(/tidak punya target "adm".*\n.*tidak punya tujuan remote_write/);
  });
});

describe('parseSamples', () => {
  it('reads names and values, labels with spaces and braces included, and skips comments', () => {
    const text = '# HELP x y\na_total{u="http://h/a b",x="}"} 3\nb 1.5e+09\nc NaN\n\nd{} +Inf\n';
    expect(parseSamples(text)).toEqual([
      { name: 'a_total', value: 3 },
      { name: 'b', value: 1.5e9 },
      { name: 'd', value: Infinity },
    ]);
  });
});
