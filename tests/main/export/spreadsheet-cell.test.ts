import { describe, expect, it } from 'vitest';
import { neutraliseFormula, spreadsheetCell } from '../../../src/main/export/spreadsheet-cell';

describe('spreadsheet cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@A1', "'@A1"],
    ['\tA', "'\tA"],
    ['\rA', "'\rA"],
    [' \n =A1', "' \n =A1"],
    ['\uFF1DA1', "'\uFF1DA1"],
    ['Surat Keterangan Usaha', 'Surat Keterangan Usaha'],
    ['Surat = keterangan', 'Surat = keterangan'],
    ['e-mail', 'e-mail'],
    ['  Surat', '  Surat'],
    ["'=1+1", "'=1+1"],
    ['', ''],
  ])('neutralises a cell that would start a formula: %j -> %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('has a neutralised cell quoted, and leaves any other as it is', () => {
    expect(spreadsheetCell('=1+1')).toEqual({ value: "'=1+1", quoted: true });
    expect(spreadsheetCell('Surat Keterangan Usaha')).toBe('Surat Keterangan Usaha');
  });
});
