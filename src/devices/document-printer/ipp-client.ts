/**
 * A small IPP client for the few operations the kiosk asks CUPS: it encodes
 * its own requests (the library's serializer silently drops attributes it
 * does not know, such as CUPS's `purge-job`, which removes a finished job's
 * document), posts them over HTTP with a deadline and a size limit, and reads
 * the answer with `@sealsystems/ipp`'s parser. Whatever answers on the port
 * is untrusted: bytes that are no IPP answer become a DocumentPrinterError,
 * attributes of the wrong type read as absent, and nothing here can crash
 * the process.
 */
import http from 'node:http';
import { existsSync } from 'node:fs';
import ipp from '@sealsystems/ipp';
import { DocumentPrinterError } from './types';

/** Where cupsd listens: "host:port" (or "host", port 631) or a local socket path. */
export type CupsEndpoint = { kind: 'tcp'; host: string; port: number } | { kind: 'socket'; path: string };

/** CUPS's local socket on Debian; the CUPS tools use it first too. */
export const LOCAL_CUPS_SOCKET = '/run/cups/cups.sock';

/** The server the CUPS tools would use: CUPS_SERVER, else the local socket when it exists, else localhost:631. */
export function defaultCupsServer(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CUPS_SERVER?.trim();
  if (configured) return configured;
  return existsSync(LOCAL_CUPS_SOCKET) ? LOCAL_CUPS_SOCKET : 'localhost:631';
}

/** Reads a CUPS_SERVER-style value ("host", "host:port", "[::1]:631", "/path/to/socket"; "/version=1.1" is ignored). */
export function parseCupsServer(server: string): CupsEndpoint {
  const value = server.trim();
  if (value.startsWith('/')) return { kind: 'socket', path: value };
  const withoutVersion = value.replace(/\/version=.*$/, '');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(withoutVersion);
  const plain = /^([^:/\s]+)(?::(\d+))?$/.exec(withoutVersion);
  const match = bracketed ?? plain;
  if (!match) throw new DocumentPrinterError('unreachable', `not a CUPS server address: ${JSON.stringify(server)}`);
  const port = match[2] === undefined ? 631 : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DocumentPrinterError('unreachable', `bad port in ${JSON.stringify(server)}`);
  return { kind: 'tcp', host: match[1]!, port };
}

/** The host part of `ipp://` URIs sent to this server (CUPS checks only the path). */
export function uriHost(endpoint: CupsEndpoint): string {
  if (endpoint.kind === 'socket') return 'localhost';
  return `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
}

/** IPP operation codes (RFC 8011 5.4.15; CUPS's own at 0x4000). */
export const IPP_OPERATION = {
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
  cupsGetDefault: 0x4001,
  cupsGetPrinters: 0x4002,
} as const;

/** IPP status codes the kiosk tells apart (RFC 8011 Appendix B). */
export const IPP_STATUS = { notFound: 0x0406 } as const;

/** Value tags for the request attributes the kiosk sends (RFC 8010 3.5.2). */
const VALUE_TAG = { integer: 0x21, boolean: 0x22, name: 0x42, keyword: 0x44, uri: 0x45, charset: 0x47, naturalLanguage: 0x48 } as const;
const OPERATION_ATTRIBUTES_TAG = 0x01;
const END_OF_ATTRIBUTES_TAG = 0x03;

export type IppRequestAttribute =
  | { name: string; type: 'integer'; values: number[] }
  | { name: string; type: 'boolean'; values: boolean[] }
  | { name: string; type: 'name' | 'keyword' | 'uri'; values: string[] };

/** The bytes of one IPP/2.0 request with operation attributes only (charset and language first, as RFC 8011 requires). */
export function encodeIppRequest(operation: number, requestId: number, attributes: IppRequestAttribute[]): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(9);
  header.writeUInt8(2, 0);
  header.writeUInt8(0, 1);
  header.writeUInt16BE(operation, 2);
  header.writeUInt32BE(requestId, 4);
  header.writeUInt8(OPERATION_ATTRIBUTES_TAG, 8);
  parts.push(header);
  const put = (tag: number, name: string, value: Buffer) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(3);
    head.writeUInt8(tag, 0);
    head.writeUInt16BE(nameBytes.length, 1);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(value.length, 0);
    parts.push(head, nameBytes, length, value);
  };
  const all: IppRequestAttribute[] = [
    { name: 'attributes-charset', type: 'keyword', values: ['utf-8'] },
    { name: 'attributes-natural-language', type: 'keyword', values: ['en'] },
    ...attributes,
  ];
  for (const attribute of all) {
    attribute.values.forEach((value, index) => {
      // Additional values of one attribute have an empty name (RFC 8010 3.1.5).
      const name = index === 0 ? attribute.name : '';
      if (typeof value === 'number') {
        const bytes = Buffer.alloc(4);
        bytes.writeInt32BE(value, 0);
        put(VALUE_TAG.integer, name, bytes);
      } else if (typeof value === 'boolean') {
        put(VALUE_TAG.boolean, name, Buffer.from([value ? 1 : 0]));
      } else {
        const tag =
          attribute.name === 'attributes-charset' ? VALUE_TAG.charset
          : attribute.name === 'attributes-natural-language' ? VALUE_TAG.naturalLanguage
          : VALUE_TAG[attribute.type as 'name' | 'keyword' | 'uri'];
        put(tag, name, Buffer.from(value, 'utf8'));
      }
    });
  }
  parts.push(Buffer.from([END_OF_ATTRIBUTES_TAG]));
  return Buffer.concat(parts);
}

/** One attribute group of an answer, read defensively: a value of the wrong type reads as absent. */
export class IppGroup {
  constructor(private readonly attributes: Readonly<Record<string, unknown>>) {}

  private values(name: string): unknown[] {
    if (!Object.hasOwn(this.attributes, name)) return [];
    const value = this.attributes[name];
    return Array.isArray(value) ? value : [value];
  }

  /** The first value as text ("lang\x1etext" values lose their language tag). */
  string(name: string): string | null {
    return this.strings(name)[0] ?? null;
  }

  strings(name: string): string[] {
    return this.values(name)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => (v.includes('\u001e') ? v.slice(v.indexOf('\u001e') + 1) : v));
  }

  /** An integer, or an enum the parser gave by name (looked up in `names`). */
  integer(name: string, names: Readonly<Record<string, number>> = {}): number | null {
    const value = this.values(name)[0];
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && Object.hasOwn(names, value)) return names[value] ?? null;
    return null;
  }

  boolean(name: string): boolean | null {
    const value = this.values(name)[0];
    return typeof value === 'boolean' ? value : null;
  }
}

export interface IppAnswer {
  /** The IPP status-code (0x0000-0x00ff: successful). */
  status: number;
  /** `status-message`, when the server sent one. */
  message: string | null;
  /** The groups with this delimiter (e.g. "printer-attributes-tag"), in order. */
  groups(tag: 'printer-attributes-tag' | 'job-attributes-tag'): IppGroup[];
}

export function isSuccess(answer: IppAnswer): boolean {
  return answer.status >= 0 && answer.status <= 0x00ff;
}

/** A parsed IPP answer, or a DocumentPrinterError for bytes that are none. */
export function readIppAnswer(bytes: Buffer): IppAnswer {
  let parsed: unknown;
  try {
    if (bytes.length < 9 || (bytes[0] !== 1 && bytes[0] !== 2)) throw new Error('no IPP version');
    const problem = ippLayoutProblem(bytes);
    if (problem !== null) throw new Error(problem);
    parsed = ipp.parse(bytes);
  } catch (error) {
    throw new DocumentPrinterError('unreachable', `the CUPS server's answer is not IPP (${error instanceof Error ? error.message : String(error)})`);
  }
  const record: Readonly<Record<string, unknown>> = isRecord(parsed) ? parsed : {};
  const groupsOf = (tag: string): IppGroup[] => {
    const value = Object.hasOwn(record, tag) ? record[tag] : undefined;
    return (Array.isArray(value) ? value : [value]).filter(isRecord).map((g) => new IppGroup(g));
  };
  const operation = groupsOf('operation-attributes-tag')[0];
  return {
    status: bytes.readUInt16BE(2),
    message: operation?.string('status-message') ?? null,
    groups: groupsOf,
  };
}

/*
 * `@sealsystems/ipp`'s parser trusts the bytes: it reads lengths as SIGNED
 * 16-bit numbers (from 0x8000 on its position moves backwards, and it loops
 * for ever on the kiosk's main thread), reads fixed-size values whatever
 * length they declare, and skips no bytes of a value type it does not know.
 * So the answer's layout is walked first, the way that parser walks it, and
 * only an answer it reads forward, value by value, is handed to it.
 */

/** Value tags the parser reads as exactly their declared length (octetString, begCollection, text, name, keyword, uri, ...). */
const READ_AS_DECLARED = new Set([0x30, 0x34, 0x41, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a]);
/** Value tags it reads as a fixed number of bytes (integer, boolean, enum, dateTime, resolution, rangeOfInteger). */
const FIXED_SIZE: ReadonlyMap<number, number> = new Map([[0x21, 4], [0x22, 1], [0x23, 4], [0x31, 11], [0x32, 9], [0x33, 8]]);
/** textWithLanguage, nameWithLanguage: a language and a text, each with its own length. */
const WITH_LANGUAGE = new Set([0x35, 0x36]);
/** Tags below this are group delimiters (the parser reads 0x0f as a value tag). */
const FIRST_VALUE_TAG = 0x0f;
/** An extension: the real tag follows in four bytes. */
const EXTENSION_TAG = 0x7f;
/** The largest length the parser reads as positive. */
const MAX_LENGTH = 0x7fff;

/** Why the parser could not read `bytes` forward safely, or null. */
function ippLayoutProblem(bytes: Buffer): string | null {
  let at = 8;
  const length = (what: string): number | string => {
    if (at + 2 > bytes.length) return `truncated ${what} length at ${at}`;
    const value = bytes.readUInt16BE(at);
    at += 2;
    if (value > MAX_LENGTH) return `${what} length ${value} at ${at - 2}`;
    if (at + value > bytes.length) return `${what} past the end at ${at - 2}`;
    return value;
  };
  if (bytes[at]! >= FIRST_VALUE_TAG) return 'no attribute group first';
  while (at < bytes.length) {
    const tag = bytes[at]!;
    if (tag === END_OF_ATTRIBUTES_TAG) return null;
    if (tag < FIRST_VALUE_TAG) {
      // After a value, a delimiter followed by two zero bytes reads to the parser as another value of that attribute.
      if (at > 8 && bytes[at + 1] === 0 && bytes[at + 2] === 0) return `delimiter 0x${tag.toString(16)} read as a value at ${at}`;
      at += 1;
      continue;
    }
    at += 1;
    // The real tag follows in four bytes (read signed, as the parser does). Where those start with two zero
    // bytes the parser may read them as a value's empty name instead: such an answer is refused.
    let valueTag = tag;
    if (tag === EXTENSION_TAG) {
      if (at + 4 > bytes.length || (bytes[at] === 0 && bytes[at + 1] === 0)) return `extension tag at ${at - 1}`;
      valueTag = bytes.readInt32BE(at);
      at += 4;
    }
    const name = length('name');
    if (typeof name === 'string') return name;
    at += name;
    const value = length('value');
    if (typeof value === 'string') return value;
    const fixed = FIXED_SIZE.get(valueTag);
    const fits =
      fixed !== undefined ? value === fixed
      : WITH_LANGUAGE.has(valueTag) ? languageValueFits(bytes, at, value)
      : READ_AS_DECLARED.has(valueTag) || value === 0;
    if (!fits) return `value of tag ${valueTag} with ${value} bytes at ${at}`;
    at += value;
  }
  return 'no end-of-attributes tag';
}

/** A with-language value the parser reads in its standard form: language length (under 256), language, text length, text. */
function languageValueFits(bytes: Buffer, at: number, value: number): boolean {
  if (value < 4 || bytes[at] !== 0) return false;
  const language = bytes.readUInt16BE(at);
  if (2 + language + 2 > value) return false;
  const text = bytes.readUInt16BE(at + 2 + language);
  return 2 + language + 2 + text === value;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Larger answers are no answer to the few attributes the kiosk asks for. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** Posts one IPP request and reads the answer within `timeoutMs`; every failure is a DocumentPrinterError('unreachable'). */
export function ippCall(endpoint: CupsEndpoint, resource: string, body: Buffer, timeoutMs: number): Promise<IppAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => IppAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const fail = (detail: string) =>
      settle(() => {
        throw new DocumentPrinterError('unreachable', detail);
      });
    const where = endpoint.kind === 'socket' ? { socketPath: endpoint.path } : { host: endpoint.host, port: endpoint.port };
    const request = http.request({
      ...where,
      path: resource,
      method: 'POST',
      // A fresh connection per call: nothing lingers when cupsd restarts, and nothing keeps the process alive.
      agent: false,
      headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: endpoint.kind === 'socket' ? 'localhost' : uriHost(endpoint) },
    });
    const timer = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`);
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => fail(error.message));
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        fail(`HTTP ${response.statusCode ?? '?'} from the CUPS server`);
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          fail(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => fail(error.message));
      response.on('end', () => settle(() => readIppAnswer(Buffer.concat(chunks))));
      // A connection that closes before the answer ends leaves no answer.
      response.on('close', () => fail('the CUPS server closed the connection mid-answer'));
    });
    request.end(body);
  });
}
