/**
 * `--open`: show the kiosk in a system Chromium in kiosk/app mode, for kiosk PCs
 * that run the web host instead of Electron. Its own profile folder inside the
 * data directory keeps it apart from any personal browser profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const CANDIDATES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge'],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
  ],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
};

export function findChromium(
  platform: NodeJS.Platform = process.platform,
  searchPath: string = process.env.PATH ?? '',
  isExecutable: (file: string) => boolean = canExecute,
): string | null {
  for (const candidate of CANDIDATES[platform] ?? []) {
    if (path.isAbsolute(candidate)) {
      if (isExecutable(candidate)) return candidate;
      continue;
    }
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, candidate);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

export function chromiumKioskArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-translate',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-features=TranslateUI',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export function launchChromium(executable: string, url: string, dataDir: string): ChildProcess {
  const child = spawn(executable, chromiumKioskArgs(url, path.join(dataDir, 'chromium-profile')), {
    stdio: 'ignore',
    detached: false,
  });
  return child;
}

function canExecute(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
