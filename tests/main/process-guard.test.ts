import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installProcessGuards } from '../../src/main/process-guard';
import { createSilentLogger } from '../../src/main/logging/logger';

describe('process guards', () => {
  it('log an uncaught exception and an unhandled rejection instead of ending the process', () => {
    const log = createSilentLogger().root;
    const error = vi.spyOn(log, 'error');
    const fakeProcess = new EventEmitter();
    installProcessGuards(log, fakeProcess as unknown as Parameters<typeof installProcessGuards>[1]);
    // Without a listener EventEmitter would throw for 'error'-like events; with ours these are logged.
    expect(fakeProcess.listenerCount('uncaughtException')).toBe(1);
    fakeProcess.emit('uncaughtException', new Error('boom'));
    fakeProcess.emit('unhandledRejection', new Error('late'));
    expect(error.mock.calls.map((call) => call[1])).toEqual([
      'uncaught exception; the kiosk keeps running',
      'unhandled promise rejection; the kiosk keeps running',
    ]);
  });

  it('write to the log of the core serving now, when given a way to find it (the web host\'s restart replaces it)', () => {
    const first = createSilentLogger().root;
    const second = createSilentLogger().root;
    const [firstError, secondError] = [vi.spyOn(first, 'error'), vi.spyOn(second, 'error')];
    let serving = first;
    const fakeProcess = new EventEmitter();
    installProcessGuards(() => serving, fakeProcess as unknown as Parameters<typeof installProcessGuards>[1]);
    fakeProcess.emit('uncaughtException', new Error('before the restart'));
    serving = second;
    fakeProcess.emit('uncaughtException', new Error('after the restart'));
    expect(firstError).toHaveBeenCalledTimes(1);
    expect(secondError).toHaveBeenCalledTimes(1);
  });
});
