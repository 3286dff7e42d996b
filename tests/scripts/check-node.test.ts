import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/check-node.mjs';

describe('the Node.js version check at start', () => {
  it('lets the web host run on 20.19 and newer, and names what is needed otherwise', () => {
    for (const version of ['20.19.0', '20.20.2', '22.0.0', '24.1.0', 'v22.12.0']) expect(nodeVersionProblem(version, 'web'), version).toBeNull();
    expect(nodeVersionProblem('20.18.3', 'web')).toBe(
      "ADM: the web host, the adm tool and the tests need Node.js 20.19.0 or newer; this machine runs Node.js 20.18.3. Install a current Node.js LTS (https://nodejs.org, or your distribution's nodejs package) and run the command again.",
    );
    expect(nodeVersionProblem('18.20.0', 'web')).toContain('need Node.js 20.19.0 or newer');
  });

  it('asks 22.12 of the Electron toolchain', () => {
    for (const version of ['22.12.0', '22.13.1', '24.0.0']) expect(nodeVersionProblem(version, 'electron'), version).toBeNull();
    for (const version of ['20.20.2', '22.11.9', '21.7.3']) expect(nodeVersionProblem(version, 'electron'), version).toContain('need Node.js 22.12.0 or newer');
  });

  it('stops the command with the message and a failing status', () => {
    const electron = spawnSync(process.execPath, ['scripts/check-node.mjs', 'electron'], { encoding: 'utf8' });
    const web = spawnSync(process.execPath, ['scripts/check-node.mjs', 'web'], { encoding: 'utf8' });
    // This check runs on whatever Node runs the tests; each target's answer must match the rule.
    expect(web.status).toBe(nodeVersionProblem(process.versions.node, 'web') ? 1 : 0);
    expect(electron.status).toBe(nodeVersionProblem(process.versions.node, 'electron') ? 1 : 0);
    expect(electron.stderr.trim()).toBe(nodeVersionProblem(process.versions.node, 'electron') ?? '');
  });
});
