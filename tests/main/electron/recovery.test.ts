import { describe, expect, it } from 'vitest';
import { PAGE_RECOVERY, backoffDelay, createPageRecovery, isPageLoadFailure } from '../../../src/main/electron/recovery';
import { RETRY_URL, shellPageUrl, startupFailedMessage } from '../../../src/main/electron/shell-page';

describe('page recovery', () => {
  it('doubles the delay per failure up to its ceiling', () => {
    const rules = { baseDelayMs: 1000, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => backoffDelay(n, rules))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(0, rules)).toBe(1000);
  });

  it('relaunches after repeated failures close together, and counts again after a quiet spell', () => {
    let now = 0;
    const recovery = createPageRecovery(() => now);
    const steps = [];
    for (let i = 0; i < PAGE_RECOVERY.relaunchAfter; i++) {
      steps.push(recovery.failed());
      now += 1000;
    }
    expect(steps.map((s) => s.action)).toEqual(['reload', 'reload', 'reload', 'relaunch']);
    expect(steps.slice(0, 3).map((s) => (s.action === 'reload' ? s.delayMs : null))).toEqual([1000, 2000, 4000]);

    now += PAGE_RECOVERY.windowMs;
    expect(recovery.failed()).toEqual({ action: 'reload', delayMs: 1000, failures: 1 });
  });

  it('counts only the main frame and not a load the shell itself replaced', () => {
    expect(isPageLoadFailure(-6, true)).toBe(true);
    expect(isPageLoadFailure(-105, true)).toBe(true);
    expect(isPageLoadFailure(-3, true)).toBe(false);
    expect(isPageLoadFailure(-6, false)).toBe(false);
  });
});

describe('the shell message page', () => {
  it('is a script-free page whose text is escaped and whose one link is the retry', () => {
    const url = shellPageUrl(startupFailedMessage(new Error('<script>alert(1)</script> & co'), 4));
    const html = decodeURIComponent(url.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/href="([^"]*)"/g)).toEqual([`href="${RETRY_URL}"`]);
    expect(html).toContain('Kios mencoba lagi sendiri dalam 4 detik.');
  });
});
