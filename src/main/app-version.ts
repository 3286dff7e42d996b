/**
 * The app's version for the admin status screen: put into the bundles at
 * build time (scripts/bundle-options.mjs); unbundled (tests, `tsx`) it is
 * read from the project's package.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

declare const __ADM_VERSION__: string | undefined;

export function appVersion(): string {
  if (typeof __ADM_VERSION__ === 'string') return __ADM_VERSION__;
  try {
    return (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
