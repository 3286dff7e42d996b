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
});
