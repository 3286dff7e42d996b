import { describe, expect, it } from 'vitest';
import ipp from '@sealsystems/ipp';
import { defaultCupsServer, encodeIppRequest, parseCupsServer, readIppAnswer, uriHost } from '../../../src/devices/document-printer/ipp-client';
import { DocumentPrinterError } from '../../../src/devices/document-printer/types';

describe('CUPS server addresses', () => {
  it.each([
    ['localhost', { kind: 'tcp', host: 'localhost', port: 631 }],
    ['127.0.0.1:8631', { kind: 'tcp', host: '127.0.0.1', port: 8631 }],
    ['print.desa.local:631/version=1.1', { kind: 'tcp', host: 'print.desa.local', port: 631 }],
    ['[::1]:632', { kind: 'tcp', host: '::1', port: 632 }],
    ['/run/cups/cups.sock', { kind: 'socket', path: '/run/cups/cups.sock' }],
  ] as const)('reads %s', (server, endpoint) => {
    expect(parseCupsServer(server)).toEqual(endpoint);
  });

  it.each(['', 'host:99999', 'a b', 'host:port'])('refuses %j as unreachable', (server) => {
    expect(() => parseCupsServer(server)).toThrow(DocumentPrinterError);
  });

  it('names the host in URIs, brackets for IPv6', () => {
    expect(uriHost(parseCupsServer('[::1]:632'))).toBe('[::1]:632');
    expect(uriHost(parseCupsServer('/run/cups/cups.sock'))).toBe('localhost');
  });

  it('uses CUPS_SERVER as the CUPS tools do', () => {
    expect(defaultCupsServer({ CUPS_SERVER: '10.0.0.5:631' })).toBe('10.0.0.5:631');
    expect(defaultCupsServer({})).toMatch(/^(\/run\/cups\/cups\.sock|localhost:631)$/);
  });
});

describe('IPP requests', () => {
  it('encodes what the library parser reads back, charset and language first', () => {
    const bytes = encodeIppRequest(0x0008, 7, [
      { name: 'job-uri', type: 'uri', values: ['ipp://localhost/jobs/3'] },
      { name: 'requested-attributes', type: 'keyword', values: ['job-state', 'job-state-reasons'] },
      { name: 'job-id', type: 'integer', values: [3] },
      { name: 'purge-job', type: 'boolean', values: [true] },
    ]);
    expect(ipp.parse(bytes)).toMatchObject({
      version: '2.0',
      operation: 'Cancel-Job',
      id: 7,
      'operation-attributes-tag': {
        'attributes-charset': 'utf-8',
        'attributes-natural-language': 'en',
        'job-uri': 'ipp://localhost/jobs/3',
        'requested-attributes': ['job-state', 'job-state-reasons'],
        'job-id': 3,
        'purge-job': true,
      },
    });
    expect(bytes.subarray(8, 12)).toEqual(Buffer.from([0x01, 0x47, 0x00, 0x12]));
  });

  it('reads no IPP from bytes that are none', () => {
    expect(() => readIppAnswer(Buffer.from('<html>Forbidden</html>'))).toThrow(DocumentPrinterError);
    expect(() => readIppAnswer(Buffer.from([2, 0, 0, 0, 0, 0, 0, 1]))).toThrow(DocumentPrinterError);
  });

  it('reads an attribute named __proto__ without harm', () => {
    const name = Buffer.from('__proto__');
    const answer = readIppAnswer(Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 4, 0x44, 0, name.length]), name, Buffer.from([0, 1, 0x78, 3])]));
    const group = answer.groups('printer-attributes-tag')[0]!;
    expect(group.string('printer-state')).toBeNull();
    expect(group.strings('__proto__')).toEqual([]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses, at once, an answer whose lengths the library would read as negative (it would loop for ever)', () => {
    // A keyword whose value length is 0xfff0: to ipp.parse alone, -16, and it never returns.
    const negativeValue = Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 4, 0x44, 0, 1, 0x78, 0xff, 0xf0, 0x78, 3]);
    expect(() => readIppAnswer(negativeValue)).toThrow(DocumentPrinterError);
    // A lying length further on, behind a well-formed first attribute.
    const laterLie = Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 1, 0x47, 0, 1, 0x61, 0, 1, 0x75, 0x41, 0, 1, 0x62, 0x80, 0x00, 3]);
    expect(() => readIppAnswer(laterLie)).toThrow(DocumentPrinterError);
  });

  it('reads every kind of value CUPS sends, and answers or refuses any damaged copy of them without hanging', () => {
    const answer = printerAnswer();
    const group = readIppAnswer(answer).groups('printer-attributes-tag')[0]!;
    expect(group.string('printer-name')).toBe('Surat');
    expect(group.integer('printer-state', { idle: 3 })).toBe(3);
    expect(group.strings('printer-state-reasons')).toEqual(['none', 'media-low-report']);
    expect(group.boolean('printer-is-accepting-jobs')).toBe(true);
    expect(group.string('printer-state-message')).toBe('Siap');
    expect(group.string('printer-info')).toBe('Printer surat');

    // Damaged copies, the same ones every run: each is read or refused as no IPP, nothing else.
    let seed = 20261207;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (let copy = 0; copy < 3000; copy++) {
      const damaged = Buffer.from(answer);
      for (let change = 0; change < 1 + random(4); change++) damaged[random(damaged.length)] = random(256);
      try {
        readIppAnswer(damaged);
      } catch (error) {
        expect(error).toBeInstanceOf(DocumentPrinterError);
      }
    }
  });
});

/** A Get-Printer-Attributes answer as CUPS writes one, with each kind of value the kiosk may meet. */
function printerAnswer(): Buffer {
  const parts: Buffer[] = [Buffer.from([2, 0, 0, 0, 0, 0, 0, 9])];
  const value = (tag: number, name: string, bytes: Buffer) => {
    const nameBytes = Buffer.from(name);
    const head = Buffer.alloc(3 + nameBytes.length + 2);
    head.writeUInt8(tag, 0);
    head.writeUInt16BE(nameBytes.length, 1);
    nameBytes.copy(head, 3);
    head.writeUInt16BE(bytes.length, 3 + nameBytes.length);
    parts.push(head, bytes);
  };
  const text = (tag: number, name: string, words: string) => value(tag, name, Buffer.from(words));
  const int = (tag: number, name: string, n: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32BE(n, 0);
    value(tag, name, bytes);
  };
  const withLanguage = (words: string) => {
    const language = Buffer.from('id');
    const textBytes = Buffer.from(words);
    const bytes = Buffer.alloc(4 + language.length + textBytes.length);
    bytes.writeUInt16BE(language.length, 0);
    language.copy(bytes, 2);
    bytes.writeUInt16BE(textBytes.length, 2 + language.length);
    textBytes.copy(bytes, 4 + language.length);
    return bytes;
  };
  parts.push(Buffer.from([0x01]));
  text(0x47, 'attributes-charset', 'utf-8');
  text(0x48, 'attributes-natural-language', 'en');
  text(0x41, 'status-message', 'successful-ok');
  parts.push(Buffer.from([0x04]));
  text(0x42, 'printer-name', 'Surat');
  int(0x23, 'printer-state', 3);
  text(0x44, 'printer-state-reasons', 'none');
  text(0x44, '', 'media-low-report');
  value(0x22, 'printer-is-accepting-jobs', Buffer.from([1]));
  text(0x41, 'printer-state-message', 'Siap');
  value(0x35, 'printer-info', withLanguage('Printer surat'));
  value(0x31, 'printer-current-time', Buffer.from([0x07, 0xea, 12, 7, 9, 30, 0, 0, 0x2b, 7, 0]));
  value(0x33, 'copies-supported', Buffer.from([0, 0, 0, 1, 0, 0, 0, 99]));
  value(0x10, 'printer-alert', Buffer.alloc(0));
  parts.push(Buffer.from([0x03]));
  return Buffer.concat(parts);
}
