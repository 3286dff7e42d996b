import { describe, expect, it } from 'vitest';
import { createHidPosAssembler, parseHidPosReport } from '../../../src/devices/input/hid-pos';
import { hidPosReport as report } from '../../helpers/hid-devices';


describe('HID-POS reports', () => {
  it('reads a QR code in one report, with its AIM symbology', () => {
    expect(parseHidPosReport(report('ADM01-261202-MRW8E'))).toMatchObject({ symbology: ']Q1', more: false });
    expect(createHidPosAssembler().push(report('ADM01-261202-MRW8E'))).toEqual({ text: 'ADM01-261202-MRW8E', symbology: ']Q1' });
  });

  it('joins a scan that spans several reports', () => {
    const assembler = createHidPosAssembler();
    const long = 'X'.repeat(57) + 'Y'.repeat(20);
    expect(assembler.push(report(long.slice(0, 57), { more: true }))).toBeNull();
    expect(assembler.push(report(long.slice(57)))).toEqual({ text: long, symbology: ']Q1' });
  });

  it('drops a trailing CR/LF that some scanners add', () => {
    expect(createHidPosAssembler().push(report('2864434397\r\n', { symbology: ']E0' }))).toEqual({ text: '2864434397', symbology: ']E0' });
  });

  it.each([
    ['another report id', Uint8Array.from([0x01, 3, 0x5d, 0x51, 0x31, 0x41, 0x42, 0x43, 0])],
    ['a length past the report', Uint8Array.from([0x02, 200, 0x5d, 0x51, 0x31, 0x41, 0])],
    ['a report too short', Uint8Array.from([0x02, 1])],
  ])('refuses %s, and a broken report ends the scan', (_name, bad) => {
    expect(parseHidPosReport(bad)).toBeNull();
    const assembler = createHidPosAssembler();
    assembler.push(report('HALF', { more: true }));
    expect(assembler.push(bad)).toBeNull();
    expect(assembler.push(report('WHOLE'))).toEqual({ text: 'WHOLE', symbology: ']Q1' });
  });
});
