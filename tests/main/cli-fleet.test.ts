import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli';
import { inPrivateTmp } from '../../src/main/cli-fleet';
import { technicianNotices } from '../../src/main/admin/technician-notices';
import { createKioskCore } from '../../src/main/core';
import { saveConfig } from '../../src/main/config/store';
import { defaultConfig, type KioskConfig } from '../../src/main/config/schema';
import { createReferenceCache } from '../../src/main/village/reference-cache';
import { promtoolCheckConfig } from '../helpers/prometheus';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

async function adm(dataDir: string, ...args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runCli(args, (t) => (text += t), { ADM_DATA_DIR: dataDir });
  return { code, text };
}

/** A kiosk whose config.json says `adjust`, with the village profile the server last gave cached. */
async function kiosk(adjust: (config: KioskConfig) => void = () => {}): Promise<{ dir: string; passwordFile: string }> {
  const dir = tempDir();
  const config = defaultConfig();
  config.kiosk.id = 'sukamaju-01';
  config.metrics.port = 9470;
  adjust(config);
  await saveConfig(dir, config);
  const core = createKioskCore({ dataDir: dir, watchConfig: false });
  createReferenceCache(core.db).saveProfile({
    villageName: 'Sukamaju',
    villageTerm: 'Desa',
    villageCode: '3201012001',
    districtName: 'Cibinong',
    regencyName: 'Kabupaten Bogor',
    officeAddress: null,
    logoUrl: null,
    operatorPhone: null,
    gallery: [],
  });
  await core.close();
  const passwordFile = path.join(tempDir(), 'remote-write.password');
  writeFileSync(passwordFile, 'rahasia-kabupaten\n', { mode: 0o600 });
  return { dir, passwordFile };
}

const URL_OF_CENTRAL = 'https://prometheus.bogorkab.go.id/api/v1/write';

describe('adm fleet agent-config', () => {
  it("writes the agent's configuration (0600) into the data directory from config.json and the cached profile, and says what to do next", async () => {
    const { dir, passwordFile } = await kiosk((config) => (config.village.kecamatan = 'Cibinong Barat'));
    const { code, text } = await adm(dir, 'fleet', 'agent-config', '--url', URL_OF_CENTRAL, '--user', 'kiosk-sukamaju', '--password-file', passwordFile);
    expect(text).toContain(`Konfigurasi agen Prometheus ditulis: ${path.join(dir, 'fleet', 'prometheus-agent.yml')}`);
    expect(code).toBe(0);
    const file = path.join(dir, 'fleet', 'prometheus-agent.yml');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('    kiosk_id: "sukamaju-01"\n    kode_desa: "3201012001"\n    kecamatan: "Cibinong Barat"\n    kabupaten: "Kabupaten Bogor"\n');
    expect(written).toContain('- targets: ["127.0.0.1:9470"]');
    expect(written).toContain(`password_file: "${passwordFile}"`);
    expect(written).not.toContain('rahasia');
    expect(promtoolCheckConfig(file, true).status).toBe(0);
    expect(text).toMatch(/kecamatan\s+Cibinong Barat\s+\(config\.json\)/);
    expect(text).toMatch(/kabupaten\s+Kabupaten Bogor\s+\(profil desa dari server\)/);
    expect(text).toContain('sudo systemctl enable --now adm-fleet-agent.service');
    expect(text).toContain('adm fleet status');
    // No unset part, no plain http (the tests' password files are in /tmp, which has its own warning).
    expect(text.split('\n').filter((line) => line.startsWith('Perhatian') && !line.includes('folder sementara'))).toEqual([]);
  });

  it('asks for a technician once the kiosk identity drifts from the labels the agent was configured with, until written again', async () => {
    const { dir, passwordFile } = await kiosk();
    const write = () => adm(dir, 'fleet', 'agent-config', '--url', URL_OF_CENTRAL, '--user', 'kiosk-sukamaju', '--password-file', passwordFile);
    expect((await write()).code).toBe(0);
    const notices = async () => {
      const core = createKioskCore({ dataDir: dir, watchConfig: false });
      try {
        return technicianNotices(
          { ...core, demoMode: false, config: { current: core.config }, references: createReferenceCache(core.db), metricsPortBusy: () => null, adminAuth: { pinSet: () => true } },
          { printerStatus: 'ready', server: null, unreadableSecrets: 0, diskFreeBytes: null },
        ).filter((notice) => notice.code === 'fleet-identity-changed');
      } finally {
        await core.close();
      }
    };
    expect(await notices()).toEqual([]);
    // The technician renames the kiosk and sets the kecamatan by hand; the agent still sends the old labels.
    const config = defaultConfig();
    config.kiosk.id = 'sukamaju-09';
    config.village.kecamatan = 'Cibinong Barat';
    config.metrics.port = 9470;
    await saveConfig(dir, config);
    expect(await notices()).toEqual([{ code: 'fleet-identity-changed', labels: 'kiosk_id, kecamatan' }]);
    expect((await write()).code).toBe(0);
    expect(await notices()).toEqual([]);
  });

  it('writes to --out instead, saying where the service reads it; warns about an unset part and plain http', async () => {
    const { passwordFile } = await kiosk();
    const out = path.join(tempDir(), 'agent.yml');
    // A kiosk that has never reached its village server: no profile cached, nothing in config.json but kiosk.id.
    const dirWithoutProfile = tempDir();
    await saveConfig(dirWithoutProfile, { ...defaultConfig(), kiosk: { ...defaultConfig().kiosk, id: 'sukamaju-02' } });
    const { code, text } = await adm(dirWithoutProfile, 'fleet', 'agent-config', '--url', 'http://10.0.0.5:9090/api/v1/write', '--user', 'k', '--password-file', passwordFile, '--out', out);
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(path.join(dirWithoutProfile, 'fleet', 'prometheus-agent.yml'))).toBe(false);
    expect(existsSync(path.join(dirWithoutProfile, 'fleet', 'agent-identity.json'))).toBe(false); // not what the agent's unit reads
    expect(text).toContain(`salin berkas ini ke ${path.join(dirWithoutProfile, 'fleet', 'prometheus-agent.yml')}`);
    expect(text).toMatch(/kode_desa\s+unset\s+\(BELUM DIISI\)/);
    expect(text).toContain('Perhatian: bagian yang BELUM DIISI terkirim sebagai "unset"');
    expect(text).toContain('Perhatian: alamat http:// mengirim kata sandi tanpa enkripsi');
  });

  it('says, without a stack, that --out cannot be a folder', async () => {
    const { dir, passwordFile } = await kiosk();
    const folder = tempDir();
    const { code, text } = await adm(dir, 'fleet', 'agent-config', '--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', passwordFile, '--out', folder);
    expect(code).toBe(1);
    expect(text).toContain(`Konfigurasi agen tidak dapat ditulis ke ${folder} (EISDIR`);
    expect(text).not.toContain('Konfigurasi agen Prometheus ditulis');
  });

  it('warns that a password file in /tmp is not one the agent service sees (its own /tmp), and is gone at the next boot', async () => {
    expect(inPrivateTmp('/home/kiosk/.config/adm-fleet/remote-write.password')).toBe(false);
    expect(inPrivateTmp('/var/tmp/pw')).toBe(true);
    expect(inPrivateTmp('/tmpfiles/pw')).toBe(false);
    const { dir } = await kiosk();
    const inTmp = path.join('/tmp', `adm-fleet-password-${process.pid}`);
    writeFileSync(inTmp, 'rahasia\n', { mode: 0o600 });
    try {
      const { code, text } = await adm(dir, 'fleet', 'agent-config', '--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', inTmp);
      expect(code).toBe(0);
      expect(text).toContain(`Perhatian: ${inTmp} ada di folder sementara.`);
      expect(text).toContain('PrivateTmp');
    } finally {
      rmSync(inTmp, { force: true });
    }
  });

  it('refuses a kiosk without kiosk.id and writes nothing', async () => {
    const { dir, passwordFile } = await kiosk((config) => (config.kiosk.id = null));
    const { code, text } = await adm(dir, 'fleet', 'agent-config', '--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', passwordFile);
    expect(code).toBe(1);
    expect(text).toMatch(/^Ditolak: kiosk\.id belum diisi di config\.json/m);
    expect(existsSync(path.join(dir, 'fleet'))).toBe(false);
  });

  it('refuses a URL that is not http(s), a missing, empty or open password file, and missing options', async () => {
    const { dir, passwordFile } = await kiosk();
    const run = (...args: string[]) => adm(dir, 'fleet', 'agent-config', ...args);
    expect((await run('--url', 'ftp://pusat.example/write', '--user', 'k', '--password-file', passwordFile)).text).toMatch(/harus diawali http:\/\/ atau https:\/\//);
    expect((await run('--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', path.join(dir, 'nope'))).text).toMatch(/tidak dapat dibaca/);
    const empty = path.join(tempDir(), 'empty');
    writeFileSync(empty, '\n', { mode: 0o600 });
    expect((await run('--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', empty)).text).toMatch(/kosong/);
    const open = path.join(tempDir(), 'open');
    writeFileSync(open, 'rahasia');
    chmodSync(open, 0o644); // the kiosk's umask (077) would have kept it private
    const openAnswer = await run('--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', open);
    expect(openAnswer).toEqual({ code: 1, text: expect.stringContaining(`dapat dibaca pengguna lain: chmod 600 ${open}`) });
    expect((await run('--url', URL_OF_CENTRAL)).code).toBe(2);
    expect(existsSync(path.join(dir, 'fleet'))).toBe(false);
  });

  it('refuses while config.json is unreadable: its identity would be the defaults', async () => {
    const { dir, passwordFile } = await kiosk();
    writeFileSync(path.join(dir, 'config.json'), '{ "kiosk": { "id": "sukamaju-01" ');
    const { code, text } = await adm(dir, 'fleet', 'agent-config', '--url', URL_OF_CENTRAL, '--user', 'k', '--password-file', passwordFile);
    expect(code).toBe(1);
    expect(text).toContain('Perbaiki config.json dulu');
    expect(existsSync(path.join(dir, 'fleet'))).toBe(false);
  });
});

describe('adm fleet', () => {
  it('status says the agent does not answer on the port asked, exit 1', async () => {
    const { dir } = await kiosk();
    const { code, text } = await adm(dir, 'fleet', 'status', '--port', '9');
    expect(code).toBe(1);
    expect(text).toMatch(/^Agen Prometheus: TIDAK menjawab di http:\/\/127\.0\.0\.1:9 /);
  });

  it('shows its usage for an unknown subcommand', async () => {
    const { dir } = await kiosk();
    const { code, text } = await adm(dir, 'fleet', 'nope');
    expect(code).toBe(2);
    expect(text).toContain('adm fleet agent-config --url URL --user NAME --password-file FILE [--out FILE]');
  });
});
