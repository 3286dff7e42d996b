import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs, findChromium } from '../../../src/main/web-host/browser-launcher';

describe('browser launcher', () => {
  it('finds the first Chromium-family browser on PATH', () => {
    const present = new Set(['/opt/b/google-chrome']);
    expect(findChromium('linux', '/usr/bin:/opt/b', (f) => present.has(f))).toBe('/opt/b/google-chrome');
    present.add('/usr/bin/chromium');
    expect(findChromium('linux', '/usr/bin:/opt/b', (f) => present.has(f))).toBe('/usr/bin/chromium');
  });

  it('answers null when there is none', () => {
    expect(findChromium('linux', '/nowhere', () => false)).toBeNull();
  });

  it('starts in kiosk app mode with its own profile', () => {
    const args = chromiumKioskArgs('http://127.0.0.1:4780/?token=t', '/data/chromium-profile');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:4780/?token=t');
    expect(args).toContain('--user-data-dir=/data/chromium-profile');
  });
});
