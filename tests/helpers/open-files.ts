import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The files under `dir` this process holds open, relative to it and sorted
 * (Linux: read from /proc/self/fd). A leaked database connection or log
 * stream shows here whatever the code that opened it says.
 */
export function openFilesUnder(dir: string): string[] {
  const root = `${realpathSync(dir)}${path.sep}`;
  const files: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(path.join('/proc/self/fd', fd));
    } catch {
      continue; // closed since the folder was read (readdir's own descriptor among them)
    }
    if (target.startsWith(root)) files.push(path.relative(root, target));
  }
  return files.sort();
}
