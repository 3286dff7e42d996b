// The Node.js version each start command needs, checked before anything runs
// so an old Node gives one clear sentence instead of a build tool's stack trace.
//   node scripts/check-node.mjs web        the web host, `adm`, the tests: Node 20.19+
//   node scripts/check-node.mjs electron   `npm start` and packaging (the Electron toolchain): Node 22.12+
import { pathToFileURL } from 'node:url';

export const REQUIRED_NODE = {
  web: { version: '20.19.0', what: 'the web host, the adm tool and the tests' },
  electron: { version: '22.12.0', what: 'the Electron app (npm start) and packaging' },
};

function parse(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match ? match.slice(1, 4).map(Number) : null;
}

/** Null when `actual` is at least the version `target` needs; otherwise the message for the technician. */
export function nodeVersionProblem(actual, target) {
  const need = REQUIRED_NODE[target];
  if (!need) throw new Error(`unknown start target ${target}`);
  const have = parse(actual);
  const wanted = parse(need.version);
  const older = !have || have[0] < wanted[0] || (have[0] === wanted[0] && (have[1] < wanted[1] || (have[1] === wanted[1] && have[2] < wanted[2])));
  if (!older) return null;
  return (
    `ADM: ${need.what} need Node.js ${need.version} or newer; this machine runs Node.js ${actual}. ` +
    'Install a current Node.js LTS (https://nodejs.org, or your distribution\'s nodejs package) and run the command again.'
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.versions.node, process.argv[2] ?? 'web');
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
