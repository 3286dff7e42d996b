import { describe, expect, it } from 'vitest';
import { interpretEscPos, renderJobText, UnknownCommandError } from '../../../src/devices/printer/escpos-interpreter';

describe('ESC/POS interpreter', () => {
  it('reads text, alignment, size, bold and a cut', () => {
    const bytes = Uint8Array.from([
      0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, ...Buffer.from('HALO'), 0x0a, 0x1b, 0x45, 0x00, 0x1d, 0x21, 0x11,
      ...Buffer.from('A-1'), 0x0a, 0x0a, 0x0a, 0x1d, 0x56, 0x00,
    ]);
    const job = interpretEscPos(bytes);
    expect(job.initialised).toBe(true);
    expect(job.items).toEqual([
      { kind: 'line', line: { text: 'HALO', align: 'center', width: 1, height: 1, bold: true, columnsUsed: 4 } },
      { kind: 'line', line: { text: 'A-1', align: 'center', width: 2, height: 2, bold: false, columnsUsed: 6 } },
      { kind: 'cut', feedLines: 2 },
    ]);
    expect(renderJobText(job, 10).split('\n')[0]).toBe('   HALO');
  });

  it('fails on commands it does not know, and on text that was not folded', () => {
    expect(() => interpretEscPos(Uint8Array.from([0x1b, 0x70, 0x00, 0x19, 0xfa]))).toThrow(UnknownCommandError);
    expect(() => interpretEscPos(Uint8Array.from([0x41, 0x82]))).toThrow(/unknown byte 0x82/);
    expect(() => interpretEscPos(Uint8Array.from([0x1d, 0x28, 0x6b, 0x09]))).toThrow(/truncated/);
  });

  it('notes status requests and the completion marker', () => {
    const job = interpretEscPos(Uint8Array.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04, 0x1d, 0x72, 0x01]));
    expect(job.statusRequests).toEqual([1, 4]);
    expect(job.completionMarker).toBe(true);
  });
});
