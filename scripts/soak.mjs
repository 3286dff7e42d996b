// `npm run soak -- --sessions N [--json FILE] [--ci]`: bundles tools/soak/soak.ts
// for Node and runs it with --expose-gc (it samples memory after a full GC).
// npm test runs a short one (--sessions 300 --ci); run longer ones by hand.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { bundleDir, bundleEnv, bundleForNode } from './node-script.mjs';

const out = bundleDir('adm-soak-build-');
let status;
try {
  const outfile = path.join(out, 'soak.cjs');
  await bundleForNode('tools/soak/soak.ts', outfile);
  status = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit', env: bundleEnv() }).status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
