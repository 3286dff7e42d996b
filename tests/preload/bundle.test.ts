// The kiosk window's preload as it ships: one file, nothing of the admin half, no zod, small.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { adminCallNames } from '../../src/shared/admin-contract-names';

async function bundle(entry: string): Promise<{ text: string; inputs: string[] }> {
  // The options of scripts/build-main.mjs for the preloads.
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome120',
    external: ['electron'],
    legalComments: 'none',
    write: false,
    metafile: true,
  });
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('kiosk preload bundle', () => {
  it('takes in nothing of the admin half', async () => {
    const { text, inputs } = await bundle('src/preload/kiosk.ts');
    expect(inputs.filter((file) => /admin/.test(file))).toEqual([]);
    expect(text).not.toContain('adm-admin:');
    // esbuild writes string literals in double quotes.
    for (const name of adminCallNames) expect(text).not.toContain(`"${name}"`);
  });

  it('carries no zod and stays small', async () => {
    const { text, inputs } = await bundle('src/preload/kiosk.ts');
    expect(inputs.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(text.length).toBeLessThan(4096);
  });

  it('is what the admin preload builds on too, with the admin names', async () => {
    const { text } = await bundle('src/preload/admin.ts');
    expect(text).toContain('adm-admin:call:');
    expect(text).toContain('"admin.unlock"');
  });
});
