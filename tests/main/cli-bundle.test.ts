/**
 * The bundled `adm` (dist/main/cli.cjs), as shipped: native modules stay
 * external and class names survive bundling (the receipt encoder recognises
 * raster images by them), so a raster QR test slip prints from the bundle.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
});

describe('bundled adm', () => {
  it('prints a test slip with a raster QR code', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ printer: { qr: 'raster', profile: 'generic-80' } }));
    const out = execFileSync(process.execPath, ['dist/main/cli.cjs', 'printer', 'test'], { env: { ...process.env, ADM_DATA_DIR: dir } });
    expect(JSON.parse(String(out))).toMatchObject({ outcome: 'printed', profile: 'generic-80' });
    const folder = path.join(dir, 'printer-output');
    const text = readFileSync(path.join(folder, readdirSync(folder).find((f) => f.endsWith('.txt'))!), 'utf8');
    expect(text).toContain('[gambar');
    expect(text).toContain('TES PRINTER ADM');
  });

  it('finds the agent template next to the bundle, run from any folder', () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ kiosk: { id: 'sukamaju-01' } }));
    const passwordFile = path.join(elsewhere, 'password');
    writeFileSync(passwordFile, 'rahasia', { mode: 0o600 });
    const cli = path.resolve('dist/main/cli.cjs');
    const args = [cli, 'fleet', 'agent-config', '--url', 'https://pusat.example/api/v1/write', '--user', 'kiosk', '--password-file', passwordFile];
    const out = execFileSync(process.execPath, args, { cwd: elsewhere, env: { ...process.env, ADM_DATA_DIR: dir } });
    expect(String(out)).toContain('Konfigurasi agen Prometheus ditulis');
    expect(readFileSync(path.join(dir, 'fleet', 'prometheus-agent.yml'), 'utf8')).toContain('kiosk_id: "sukamaju-01"');
  });
});
