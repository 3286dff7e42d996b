// What the Debian package installs on a kiosk PC (resources/linux): every file
// the install script names is shipped, every start command names the installed
// binary, the scripts are valid shell, and the cage loop restarts the kiosk
// exactly when it should. (Packaging itself runs only on a release machine.)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../src/main/data-dir';
import { AGENT_CONFIG_FILE, AGENT_LISTEN_ADDRESS } from '../../src/main/fleet/agent-config';
import { useTempDirs } from '../helpers/temp-dir';

const require = createRequire(import.meta.url);
const { getConfig } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string, options: null): Promise<Record<string, unknown>>;
};
const tempDir = useTempDirs();
const linux = (file: string) => path.join('resources/linux', file);
const read = (file: string) => readFileSync(linux(file), 'utf8');

/** `[Section]` -> key -> values, as systemd and XDG desktop files are written. */
function parseIni(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const pair = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`not a key=value line: ${line}`);
    current.set(pair[1]!, [...(current.get(pair[1]!) ?? []), pair[2]!]);
  }
  return sections;
}

describe('Linux install resources', async () => {
  const config = (await getConfig(process.cwd(), 'electron-builder.yml', null)) as {
    productName: string;
    linux: { executableName: string; extraResources: Array<{ from: string; to: string }> };
    deb: { afterInstall: string; afterRemove: string; recommends: string[] };
  };
  // electron-builder's deb installs the app in /opt/<productName>; extraResources land in its resources/.
  const installDir = `/opt/${config.productName}`;
  const binary = `${installDir}/${config.linux.executableName}`;
  const shipped = (file: string) => `${installDir}/resources/${config.linux.extraResources.find((r) => r.from === 'resources/linux')!.to}/${file}`;

  it('ships every file the install script copies', () => {
    const script = read('after-install.sh');
    const source = /^SRC=(.*)$/m.exec(script)![1];
    expect(source).toBe(path.posix.dirname(shipped('x')));
    const removal = read('after-remove.sh');
    for (const file of ['99-adm-printer.rules', '99-adm-readers.rules', 'adm-kiosk.service', 'adm-kiosk-cage.service', 'adm-fleet-agent.service']) {
      expect(script).toContain(file);
      expect(removal, `after-remove.sh removes ${file}`).toContain(file);
      expect(existsSync(linux(file)), file).toBe(true);
    }
    expect(config.deb.afterInstall).toBe('resources/linux/after-install.sh');
    expect(config.deb.afterRemove).toBe('resources/linux/after-remove.sh');
  });

  it('starts the installed binary from each start entry, with restarts by exit status under systemd', () => {
    const desktop = parseIni(read('adm-kiosk.desktop')).get('Desktop Entry')!;
    expect(desktop.get('Type')).toEqual(['Application']);
    expect(desktop.get('Exec')![0]!.split(' ')[0]).toBe(binary);

    const user = parseIni(read('adm-kiosk.service'));
    expect(user.get('Service')!.get('ExecStart')![0]!.split(' ')[0]).toBe(binary);
    expect(user.get('Service')!.get('Environment')).toContain('ADM_RESTART_BY_EXIT_CODE=1');
    expect(user.get('Service')!.get('Restart')).toEqual(['on-failure']);
    expect(user.get('Install')!.get('WantedBy')).toEqual(['graphical-session.target']);

    const cage = parseIni(read('adm-kiosk-cage.service'));
    const service = cage.get('Service')!;
    expect(service.get('User')).toEqual(['kiosk']);
    expect(service.get('PAMName')).toEqual(['login']);
    expect(cage.get('Unit')!.get('Conflicts')).toEqual(['getty@tty1.service']);
    const exec = service.get('ExecStart')![0]!;
    expect(exec.startsWith('/usr/bin/cage ')).toBe(true);
    expect(exec.split(' ').at(-1)).toBe(shipped('adm-kiosk-loop.sh'));
    expect(read('adm-kiosk-loop.sh')).toContain(`\${ADM_KIOSK_BINARY:-${binary}}`);
  });

  describe('the fleet health agent (adm-fleet-agent.service)', () => {
    const xdgDataHome = process.env.XDG_DATA_HOME;
    afterEach(() => {
      if (xdgDataHome === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = xdgDataHome;
    });
    const unit = parseIni(read('adm-fleet-agent.service'));
    const service = unit.get('Service')!;
    const exec = service.get('ExecStart')![0]!.split(' ');
    const fleetDir = /^ADM_FLEET_DIR=(.*)$/.exec(service.get('Environment')!.find((e) => e.startsWith('ADM_FLEET_DIR='))!)![1]!;
    const flag = (name: string) => exec.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);

    it("runs Debian's prometheus in agent mode as the kiosk user from boot, on 127.0.0.1 only, restarted after a failure", () => {
      expect(exec[0]).toBe('/usr/bin/prometheus');
      expect(exec).toContain('--enable-feature=agent');
      expect(flag('--web.listen-address')).toBe(AGENT_LISTEN_ADDRESS);
      expect(AGENT_LISTEN_ADDRESS.startsWith('127.0.0.1:')).toBe(true);
      expect(service.get('User')).toEqual(['kiosk']);
      expect(service.get('Restart')).toEqual(['on-failure']);
      expect(unit.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
      expect(config.deb.recommends).toContain('prometheus');
    });

    it("reads the file adm fleet agent-config writes and keeps its WAL in the kiosk user's data directory", () => {
      // WorkingDirectory=~ is the kiosk user's home; ADM_FLEET_DIR is relative to it, as the data directory is to $HOME.
      expect(service.get('WorkingDirectory')).toEqual(['~']);
      delete process.env.XDG_DATA_HOME;
      expect(path.join(homedir(), fleetDir)).toBe(path.join(resolveDataDir({}), path.dirname(AGENT_CONFIG_FILE)));
      expect(flag('--config.file')).toBe(`\${ADM_FLEET_DIR}/${path.basename(AGENT_CONFIG_FILE)}`);
      expect(flag('--storage.agent.path')).toBe('${ADM_FLEET_DIR}/wal');
    });

    it('names only flags the installed prometheus has', () => {
      const help = spawnSync('prometheus', ['--help'], { encoding: 'utf8' });
      const known = `${help.stdout}${help.stderr}`;
      for (const arg of exec.slice(1)) expect(known, arg).toContain(arg.split('=')[0]);
    });
  });

  it('has valid shell scripts, executable', () => {
    for (const script of ['after-install.sh', 'after-remove.sh', 'adm-kiosk-loop.sh']) {
      const check = spawnSync('sh', ['-n', linux(script)], { encoding: 'utf8' });
      expect(check.status, `${script}: ${check.stderr}`).toBe(0);
      expect(statSync(linux(script)).mode & 0o111, script).not.toBe(0);
    }
  });

  it('has udev rules made only of match and assignment keys', () => {
    for (const file of ['99-adm-printer.rules', '99-adm-readers.rules']) {
      const rules = read(file)
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'));
      expect(rules.length, file).toBeGreaterThan(0);
      for (const rule of rules) {
        for (const pair of rule.split(/,\s*/)) expect(pair, `${file}: ${rule}`).toMatch(/^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|=|\+=)"[^"]*"$/);
      }
    }
  });

  it('the cage loop starts the kiosk again after a restart (75), and ends with a clean quit (0)', () => {
    const dir = tempDir();
    const statuses = path.join(dir, 'statuses');
    const runs = path.join(dir, 'runs');
    writeFileSync(statuses, '75\n75\n0\n');
    const fake = path.join(dir, 'adm-kiosk');
    // Each run records its arguments and restart setting, then exits with the next status in the list.
    writeFileSync(
      fake,
      `#!/bin/sh\necho "$ADM_RESTART_BY_EXIT_CODE $*" >> "${runs}"\nstatus=$(head -n 1 "${statuses}")\nsed -i 1d "${statuses}"\nexit "$status"\n`,
    );
    chmodSync(fake, 0o755);
    const loop = spawnSync('sh', [linux('adm-kiosk-loop.sh')], { encoding: 'utf8', env: { ...process.env, ADM_KIOSK_BINARY: fake }, timeout: 10_000 });
    expect(loop.status).toBe(0);
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toEqual(Array(3).fill('1 --no-demo --ozone-platform-hint=auto'));
  });
});
