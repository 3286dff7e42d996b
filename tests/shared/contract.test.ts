import { describe, expect, it } from 'vitest';
import { callNames, calls, eventNames, events, ipcChannel, isCallName, isEventName } from '../../src/shared/contract';

describe('contract', () => {
  it('names every call and event once, as namespace.verb', () => {
    for (const name of [...callNames, ...eventNames]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(new Set(callNames).size).toBe(callNames.length);
  });

  it('has a spec for exactly the listed names', () => {
    expect(Object.keys(calls).sort()).toEqual([...callNames].sort());
    expect(Object.keys(events).sort()).toEqual([...eventNames].sort());
  });

  it('derives distinct IPC channels for calls and events', () => {
    const channels = [...callNames.map(ipcChannel.call), ...eventNames.map(ipcChannel.event)];
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('recognises only its own names (not Object.prototype keys)', () => {
    expect(isCallName('kiosk.getInfo')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
    expect(isEventName('kiosk.infoChanged')).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });

  it('validates identify input strictly', () => {
    const schema = calls['session.identify'].input;
    expect(schema.safeParse({ nik: '3201011501900001', pin: '123456' }).success).toBe(true);
    expect(schema.safeParse({ nik: '3201011501900001', pin: '12345' }).success).toBe(false);
    expect(schema.safeParse({ nik: '3201011501900001', pin: '12345a' }).success).toBe(false);
    expect(schema.safeParse({ nik: '320101150190', pin: '123456' }).success).toBe(false);
    expect(schema.safeParse({ nik: '3201011501900001', pin: '123456', extra: 1 }).success).toBe(false);
    expect(schema.safeParse('3201011501900001').success).toBe(false);
  });
});
