/**
 * `adm fleet agent-config | status`: connecting a kiosk to the kabupaten's
 * fleet monitoring (docs/fleet.md). `agent-config` writes the Prometheus
 * agent's configuration into the kiosk's data directory from config.json and
 * the cached village profile (the kiosk identity); `status` asks the running
 * agent whether it reads the kiosk and whether the samples leave. Neither
 * starts the kiosk's background work or its metrics port.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from './config/schema';
import { AGENT_CONFIG_FILE, AGENT_LISTEN_ADDRESS, readAgentTemplate, renderAgentConfig } from './fleet/agent-config';
import { agentStatus } from './fleet/agent-status';
import { writeAgentIdentity } from './fleet/agent-identity';
import { IDENTITY_LABELS, kioskIdentityView } from './metrics/kiosk-identity';
import type { VillageProfile } from './village/types';

type Out = (text: string) => void;

export const FLEET_USAGE = `adm fleet agent-config --url URL --user NAME --password-file FILE [--out FILE]
  adm fleet status [--port ${AGENT_LISTEN_ADDRESS.split(':')[1]}]`;

export interface FleetCommandInput {
  action: string | undefined;
  options: { url?: string; user?: string; passwordFile?: string; out?: string; port?: string };
  dataDir: string;
  config: KioskConfig;
  /** config.json could not be read: its values are defaults, not this kiosk's. */
  configProblem: string | null;
  profile: () => VillageProfile | null;
  out: Out;
}

export async function fleetCommand(input: FleetCommandInput): Promise<number> {
  if (input.action === 'agent-config') return agentConfigCommand(input);
  if (input.action === 'status') return statusCommand(input);
  input.out(`Usage: ${FLEET_USAGE}\n`);
  return 2;
}

function agentConfigCommand({ options, dataDir, config, configProblem, profile, out }: FleetCommandInput): number {
  if (configProblem) {
    out(`PERLU PETUGAS: ${configProblem}. Perbaiki config.json dulu: identitas kios diambil dari sana.\n`);
    return 1;
  }
  const { url, user, passwordFile } = options;
  if (!url || !user || !passwordFile) {
    out(`Berikan alamat server pusat, nama pengguna dan berkas kata sandinya:\n  ${FLEET_USAGE.split('\n')[0]}\n`);
    return 2;
  }
  const passwordPath = path.resolve(passwordFile);
  const passwordProblem = passwordFileProblem(passwordPath);
  if (passwordProblem) {
    out(`${passwordProblem}\n`);
    return 1;
  }
  const view = kioskIdentityView(config, profile());
  const rendered = renderAgentConfig(readAgentTemplate(), {
    identity: view.identity,
    metricsPort: config.metrics.port,
    remoteWrite: { url, username: user, passwordFile: passwordPath },
  });
  if (!rendered.ok) {
    out(`Ditolak: ${rendered.problem}\n`);
    return 1;
  }
  const target = options.out ? path.resolve(options.out) : path.join(dataDir, AGENT_CONFIG_FILE);
  try {
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, rendered.text, { mode: 0o600 });
    chmodSync(target, 0o600); // a file written before keeps its mode otherwise
    // The kiosk compares these labels with its own identity and asks for a technician when they drift apart
    // (`fleet/agent-identity.ts`); a file given elsewhere with --out is not the one the agent's unit reads.
    if (!options.out) writeAgentIdentity(dataDir, view.identity);
  } catch (error) {
    // A folder given as --out, a folder that cannot be made: said in the technician's words, not as a stack.
    out(`Konfigurasi agen tidak dapat ditulis ke ${target} (${error instanceof Error ? error.message : String(error)}). Berikan --out berupa nama berkas di folder yang dapat ditulis pengguna ini.\n`);
    return 1;
  }

  const { identity, sources } = view;
  const from = { config: 'config.json', server: 'profil desa dari server', unset: 'BELUM DIISI' } as const;
  out(`Konfigurasi agen Prometheus ditulis: ${target}\n`);
  out('Identitas kios yang dikirim ke kabupaten:\n');
  for (const [key, label] of Object.entries(IDENTITY_LABELS) as Array<[keyof typeof IDENTITY_LABELS, string]>) {
    out(`  ${label.padEnd(10)} ${identity[key]}  (${from[sources[key]]})\n`);
  }
  if (Object.values(sources).includes('unset')) {
    out('Perhatian: bagian yang BELUM DIISI terkirim sebagai "unset". Isi di config.json (village.code, village.kecamatan, village.kabupaten) atau hubungkan kios ke server desa, lalu jalankan perintah ini lagi.\n');
  }
  if (inPrivateTmp(passwordPath)) {
    out(
      `Perhatian: ${passwordPath} ada di folder sementara. Layanan agen (adm-fleet-agent.service, PrivateTmp) memakai /tmp tersendiri dan tidak akan menemukan berkas ini; /tmp juga dikosongkan saat komputer dinyalakan ulang. Pindahkan ke ~/.config/adm-fleet/, lalu jalankan perintah ini lagi.\n`,
    );
  }
  if (url.trim().startsWith('http://')) out('Perhatian: alamat http:// mengirim kata sandi tanpa enkripsi; pakai https:// bila server pusat mendukungnya.\n');
  out(
    [
      'Langkah berikutnya:',
      ...(options.out ? [`  (--out: salin berkas ini ke ${path.join(dataDir, AGENT_CONFIG_FILE)}, tempat layanan agen membacanya)`] : []),
      '  sudo systemctl enable --now adm-fleet-agent.service     (agen pertama kali)',
      '  sudo systemctl restart adm-fleet-agent.service          (agen sudah berjalan: baca konfigurasi baru)',
      '  adm fleet status                                        (sekitar satu menit kemudian: terbaca dan terkirim?)',
      '',
    ].join('\n'),
  );
  return 0;
}

/** The agent's unit runs with a /tmp and /var/tmp of its own (PrivateTmp=yes): files there are not the agent's. */
export function inPrivateTmp(file: string): boolean {
  return ['/tmp/', '/var/tmp/'].some((folder) => file.startsWith(folder));
}

/** Why the agent could not read its password from this file, or null. */
function passwordFileProblem(file: string): string | null {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return `${file} bukan berkas biasa: berikan berkas yang berisi kata sandi saja.`;
    if (readFileSync(file, 'utf8').trim() === '') return `${file} kosong: tulis kata sandi server pusat ke dalamnya.`;
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      return `${file} dapat dibaca pengguna lain: chmod 600 ${file}, lalu jalankan perintah ini lagi.`;
    }
    return null;
  } catch (error) {
    return `Berkas kata sandi ${file} tidak dapat dibaca (${error instanceof Error ? error.message : String(error)}). Buat sebagai pengguna kios, berisi kata sandi saja: (umask 077; nano ${file})`;
  }
}

async function statusCommand({ options, config, out }: FleetCommandInput): Promise<number> {
  const port = options.port ?? AGENT_LISTEN_ADDRESS.split(':')[1]!;
  if (!/^\d{1,5}$/.test(port)) {
    out(`--port: bukan nomor port (${port})\n`);
    return 2;
  }
  const status = await agentStatus({ agentUrl: `http://127.0.0.1:${port}`, metricsPort: config.metrics.port });
  out(`${status.lines.join('\n')}\n`);
  return status.running && status.scraped && status.sending ? 0 : 1;
}
