import { describe, expect, it } from 'vitest';
import { decodePrinterStatus, isStatusByte, statusRequest } from '../../../src/devices/printer/status-bytes';

describe('DLE EOT status', () => {
  it('asks with 10 04 n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it.each([
    [{ 1: 0x12, 2: 0x12, 4: 0x12 }, 'ready'],
    [{ 1: 0x12, 2: 0x12, 4: 0x1e }, 'paper-near-end'],
    [{ 1: 0x1a, 2: 0x32, 4: 0x72 }, 'paper-out'], // offline because the paper ran out
    [{ 1: 0x12, 2: 0x12, 4: 0x72 }, 'paper-out'],
    [{ 1: 0x1a, 2: 0x16, 4: 0x12 }, 'cover-open'],
    [{ 1: 0x1a, 2: 0x16, 4: 0x72 }, 'cover-open'], // open cover explains the paper sensor too
    [{ 1: 0x1a, 2: 0x52, 4: 0x12 }, 'error'],
    [{ 1: 0x1a, 2: 0x12, 4: 0x12 }, 'offline'],
  ] as const)('%o is %s', (replies, status) => {
    expect(decodePrinterStatus(replies)).toBe(status);
  });

  it('is unknown when any answer is missing or not a status byte', () => {
    expect(decodePrinterStatus({})).toBe('unknown');
    expect(decodePrinterStatus({ 1: 0x12, 2: 0x12 })).toBe('unknown');
    expect(decodePrinterStatus({ 1: 0x12, 2: 0x12, 4: 0x00 })).toBe('unknown');
    expect(decodePrinterStatus({ 1: 0x92, 2: 0x12, 4: 0x12 })).toBe('unknown');
  });

  it('recognises status bytes by their fixed bits', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x72)).toBe(true);
    expect(isStatusByte(0x13)).toBe(false);
    expect(isStatusByte(0x02)).toBe(false);
  });
});
