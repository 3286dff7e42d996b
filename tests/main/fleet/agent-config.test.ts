import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_TIMING, findAgentTemplate, remoteWriteUrlProblem, renderAgentConfig, yamlString, type AgentConfigInput } from '../../../src/main/fleet/agent-config';
import { UNSET } from '../../../src/main/metrics/kiosk-identity';
import { FLEET_EXTERNAL_LABELS } from '../../../src/main/metrics/metric-names';
import { promtoolCheckConfig } from '../../helpers/prometheus';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const template = readFileSync('resources/fleet/agent/prometheus-agent.yml.template', 'utf8');

function input(dir: string, change: Partial<AgentConfigInput> = {}): AgentConfigInput {
  const passwordFile = path.join(dir, 'remote-write.password');
  writeFileSync(passwordFile, 'rahasia\n', { mode: 0o600 });
  return {
    identity: { kioskId: 'sukamaju-01', kodeDesa: '3201012001', kecamatan: 'Cibinong', kabupaten: 'Kabupaten Bogor' },
    metricsPort: 9464,
    remoteWrite: { url: 'https://prometheus.bogorkab.go.id/api/v1/write', username: 'kiosk', passwordFile },
    ...change,
  };
}

function rendered(dir: string, change: Partial<AgentConfigInput> = {}): string {
  const result = renderAgentConfig(template, input(dir, change));
  if (!result.ok) throw new Error(result.problem);
  return result.text;
}

/** The value of `key:` on its own line, read back as the YAML double-quoted string it is (a JSON string, by construction). */
function quotedValue(text: string, key: string): string {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(`${key}: `));
  if (!line) throw new Error(`no ${key}: line`);
  return JSON.parse(line.trimStart().slice(key.length + 2)) as string;
}

/** `promtool check config --agent` on the rendered file: the exact check Prometheus's agent makes at start. */
function checkAgentConfig(dir: string, text: string) {
  const file = path.join(dir, 'prometheus-agent.yml');
  writeFileSync(file, text);
  return promtoolCheckConfig(file, true);
}

describe('the agent configuration', () => {
  it('is found where the app runs from, and is what the shipped template says', () => {
    expect(findAgentTemplate()).toBe(path.resolve('resources/fleet/agent/prometheus-agent.yml.template'));
  });

  it("scrapes job adm on 127.0.0.1 every 30 s, remote-writes with the password in its file, labelled with the kiosk's identity; promtool accepts it", () => {
    const dir = tempDir();
    const text = rendered(dir);
    const check = checkAgentConfig(dir, text);
    expect(check.output).toContain('SUCCESS');
    expect(check.status).toBe(0);
    expect(text).toMatch(/- job_name: adm\n {4}scrape_interval: 30s\n {4}scrape_timeout: 10s\n/);
    expect(text).toContain('- targets: ["127.0.0.1:9464"]');
    expect(quotedValue(text, '- url')).toBe('https://prometheus.bogorkab.go.id/api/v1/write');
    expect(quotedValue(text, 'username')).toBe('kiosk');
    expect(quotedValue(text, 'password_file')).toBe(path.join(dir, 'remote-write.password'));
    expect(text).not.toContain('rahasia');
    expect(text).not.toMatch(/^\s*password:/m);
    expect(FLEET_EXTERNAL_LABELS.map((label) => quotedValue(text, label))).toEqual(['sukamaju-01', '3201012001', 'Cibinong', 'Kabupaten Bogor']);
    expect(text).toMatch(/batch_send_deadline: 30s\n\s+min_backoff: 1s\n\s+max_backoff: 1m\n/);
    expect(text).not.toMatch(/\{\{[a-z_]+\}\}/);
  });

  it('rejects a check the renderer would pass wrongly (promtool is really consulted)', () => {
    const dir = tempDir();
    const broken = rendered(dir).replace('scrape_timeout: 10s', 'scrape_timeout: 40s');
    const check = checkAgentConfig(dir, broken);
    expect(check.status).not.toBe(0);
    expect(check.output).toMatch(/scrape timeout greater than scrape interval/);
  });

  it('keeps a hostile or odd value inside its quotes: no key of its own, read back exactly, still valid for promtool', () => {
    const dir = tempDir();
    const odd = {
      kecamatan: 'Cibinong"\n    injected: "yes" # \\ {{kiosk_id}}',
      kabupaten: 'Kab. Bogor: Barat\u2028baris\u0085lagi\u0007\ufeff',
    };
    const text = rendered(dir, { identity: { kioskId: 'sukamaju-01', kodeDesa: UNSET, ...odd } });
    expect(checkAgentConfig(dir, text).status).toBe(0);
    expect(text).not.toMatch(/^\s*injected:/m);
    expect(quotedValue(text, 'kecamatan')).toBe(odd.kecamatan);
    expect(quotedValue(text, 'kabupaten')).toBe(odd.kabupaten);
    expect(quotedValue(text, 'kode_desa')).toBe(UNSET);
    // Every line break of the value is escaped: the file has as many lines as with a plain name.
    expect(text.split(/\r\n|\n|\r|\u2028|\u2029|\u0085/).length).toBe(rendered(dir).split('\n').length);
  });

  it('takes shortened timings for tests, keeping the timeout within the interval', () => {
    const dir = tempDir();
    const text = rendered(dir, { timing: { scrapeIntervalMs: 1000, batchSendDeadlineMs: 500, minBackoffMs: 100, maxBackoffMs: 250 } });
    expect(text).toContain('scrape_interval: 1s');
    expect(text).toContain('scrape_timeout: 1s');
    expect(text).toMatch(/batch_send_deadline: 500ms\n\s+min_backoff: 100ms\n\s+max_backoff: 250ms\n/);
    expect(checkAgentConfig(dir, text).status).toBe(0);
    expect(AGENT_TIMING.scrapeIntervalMs).toBe(30_000);
  });

  it('refuses a kiosk without kiosk.id, saying so in Bahasa Indonesia', () => {
    const dir = tempDir();
    const result = renderAgentConfig(template, input(dir, { identity: { kioskId: UNSET, kodeDesa: '3201012001', kecamatan: 'Cibinong', kabupaten: 'Bogor' } }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('kiosk.id belum diisi di config.json') });
  });

  it('refuses metrics switched off (metrics.port 0)', () => {
    const result = renderAgentConfig(template, input(tempDir(), { metricsPort: 0 }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('metrics.port di config.json bernilai 0') });
  });

  it('refuses a URL that is not http(s), or that carries a password', () => {
    for (const url of ['ftp://pusat.example/write', 'file:///etc/passwd', 'prometheus.bogorkab.go.id/api/v1/write', 'javascript:alert(1)']) {
      expect(remoteWriteUrlProblem(url), url).toMatch(/^Alamat remote_write (harus diawali http|bukan URL)/);
    }
    expect(remoteWriteUrlProblem('https://kiosk:rahasia@pusat.example/api/v1/write')).toMatch(/tidak boleh memuat nama pengguna atau kata sandi/);
    expect(remoteWriteUrlProblem('http://10.0.0.5:9090/api/v1/write')).toBeNull();
    const dir = tempDir();
    const refused = renderAgentConfig(template, input(dir, { remoteWrite: { url: 'ftp://pusat.example/write', username: 'kiosk', passwordFile: '/tmp/p' } }));
    expect(refused.ok).toBe(false);
  });

  it('writes the URL as parsed: spaces or a line break pasted around it, or a space inside, never keep the agent from starting', () => {
    const dir = tempDir();
    const pasted = ' https://prometheus.bogorkab.go.id/api/v1/write\n';
    expect(remoteWriteUrlProblem(pasted)).toBeNull();
    const text = rendered(dir, { remoteWrite: { ...input(dir).remoteWrite, url: pasted } });
    expect(quotedValue(text, '- url')).toBe('https://prometheus.bogorkab.go.id/api/v1/write');
    expect(checkAgentConfig(dir, text)).toMatchObject({ status: 0 });
    const spaced = rendered(dir, { remoteWrite: { ...input(dir).remoteWrite, url: 'https://pusat.example/api/v1/write?kios=desa sukamaju' } });
    expect(quotedValue(spaced, '- url')).toBe('https://pusat.example/api/v1/write?kios=desa%20sukamaju');
    expect(checkAgentConfig(dir, spaced)).toMatchObject({ status: 0 });
  });

  it('refuses a relative password file path (the agent runs from another folder)', () => {
    const result = renderAgentConfig(template, input(tempDir(), { remoteWrite: { url: 'https://pusat.example/api/v1/write', username: 'kiosk', passwordFile: 'pw.txt' } }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('path lengkap') });
  });

  it('fails loudly on a template and renderer that disagree', () => {
    const dir = tempDir();
    expect(() => renderAgentConfig(`${template}\n# {{nope}}\n`, input(dir))).toThrow(/\{\{nope\}\}/);
    expect(() => renderAgentConfig(template.replace('{{kabupaten}}', '"x"'), input(dir))).toThrow(/lacks \{\{kabupaten\}\}/);
  });
});

describe('yamlString', () => {
  it('is a JSON string for every value, and leaves plain text alone', () => {
    for (const value of ['', 'Sukamaju', 'Kab. Bogor: Barat # 2', 'a"b\\c', 'tab\there', 'Ñusa Tenggara', '\u2028\u2029\u0085\u007f\ufeff\u0000']) {
      expect(JSON.parse(yamlString(value))).toBe(value);
    }
    expect(yamlString('Cibinong')).toBe('"Cibinong"');
  });
});
