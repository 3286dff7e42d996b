/**
 * The resident's issued letters (`arsip`) and their files (`unduh`): recorded
 * answer shapes through a fake fetch, then the real client against the demo
 * village server, with the kiosk's PDF acceptance on what it downloads.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptLetterPdf } from '../../../src/main/letters/pdf-acceptance';
import { pdfText } from '../../../src/main/letters/pdf-text';
import { createOpensidClient, ISSUED_LETTER_LIMIT, mediaType } from '../../../src/main/village/opensid-client';
import type { VillageServer } from '../../../src/main/village/types';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';
import { ISSUED_LETTER_IDS, RESIDENTS } from '../../../tools/opensid-sim/seed';

const BASE = 'http://desa.test';
const TOKEN = 'token-budi';
const NIK = '3201011501850001';

/** What the technician's log received, line by line. */
function capturedLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

interface Seen {
  url: URL;
  headers: Headers;
}

/** A client whose fetch answers with `answer`; every request is kept in `seen`. */
function clientAnswering(answer: (url: URL) => Response, extra: { log?: pino.Logger } = {}) {
  const seen: Seen[] = [];
  const client = createOpensidClient({
    baseUrl: BASE,
    log: extra.log,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      seen.push({ url, headers: new Headers(init?.headers) });
      return answer(url);
    },
  });
  return { client, seen };
}

/** An `arsip` row as OpenSID's API service writes it (Fractal: string id, `file` a direct address). */
function arsipRow(id: string | number, attributes: Record<string, unknown> = {}) {
  return {
    type: 'arsip',
    id,
    attributes: {
      nomor_surat: `470/${id}/SKD/XI/2026`,
      jenis_surat: 'Keterangan Domisili',
      nama_pamong: 'H. Sudirman',
      tanggal: '2026-11-18 09:30:12',
      tte: 1,
      file: `${BASE}/desa/arsip/surat_keterangan_domisili_${NIK}_2026-11-18_${id}.pdf`,
      ...attributes,
    },
  };
}

function arsipPage(rows: unknown[], page: number, total: number, perPage = 100) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    data: rows,
    meta: { pagination: { total, count: rows.length, per_page: perPage, current_page: page, total_pages: totalPages } },
    links: { self: `${BASE}/api/v1/layanan-mandiri/surat/arsip?page[number]=${page}&page[size]=${perPage}` },
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('issued letters: the arsip list', () => {
  it('reads tte exactly (1, 0, null), keeps a missing nama_pamong and a null jenis_surat as null, never keeps file, newest first', async () => {
    const rows = [
      arsipRow('7', { tte: null }),
      arsipRow('9', { tte: 1 }),
      arsipRow('8', { tte: 0, jenis_surat: null }),
      // An older API version without nama_pamong.
      (() => {
        const row = arsipRow('10');
        delete (row.attributes as Partial<typeof row.attributes>).nama_pamong;
        return row;
      })(),
    ];
    const { log, lines } = capturedLog();
    const { client, seen } = clientAnswering(() => json(arsipPage(rows, 1, rows.length)), { log });
    const result = await client.issuedLetters(TOKEN);
    expect(result).toEqual({
      ok: true,
      value: [
        { id: '10', number: '470/10/SKD/XI/2026', letterName: 'Keterangan Domisili', official: null, date: '2026-11-18 09:30:12', tte: 1 },
        { id: '9', number: '470/9/SKD/XI/2026', letterName: 'Keterangan Domisili', official: 'H. Sudirman', date: '2026-11-18 09:30:12', tte: 1 },
        { id: '8', number: '470/8/SKD/XI/2026', letterName: null, official: 'H. Sudirman', date: '2026-11-18 09:30:12', tte: 0 },
        { id: '7', number: '470/7/SKD/XI/2026', letterName: 'Keterangan Domisili', official: 'H. Sudirman', date: '2026-11-18 09:30:12', tte: null },
      ],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url.pathname).toBe('/api/v1/layanan-mandiri/surat/arsip');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ sort: '-id', 'page[size]': '100', 'page[number]': '1' });
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(lines).toEqual([]);
  });

  it('reads every page (sort=-id, 100 a page) and keeps them newest first', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => 1000 - i);
    const { client, seen } = clientAnswering((url) => {
      const page = Number(url.searchParams.get('page[number]'));
      return json(arsipPage(ids.slice((page - 1) * 100, page * 100).map((id) => arsipRow(String(id))), page, ids.length));
    });
    const result = await client.issuedLetters(TOKEN);
    expect(seen.map((s) => s.url.searchParams.get('page[number]'))).toEqual(['1', '2']);
    expect(result.ok && result.value.map((l) => Number(l.id))).toEqual(ids);
  });

  it('keeps only the newest ISSUED_LETTER_LIMIT letters of a longer list, asking for no page past them, and says so once', async () => {
    const total = ISSUED_LETTER_LIMIT + 250;
    const { log, lines } = capturedLog();
    const { client, seen } = clientAnswering((url) => {
      const page = Number(url.searchParams.get('page[number]'));
      const rows = Array.from({ length: 100 }, (_, i) => arsipRow(String(total - (page - 1) * 100 - i)));
      return json(arsipPage(rows, page, total));
    }, { log });
    const result = await client.issuedLetters(TOKEN);
    expect(seen).toHaveLength(ISSUED_LETTER_LIMIT / 100);
    expect(result.ok && result.value.length).toBe(ISSUED_LETTER_LIMIT);
    expect(result.ok && result.value[0]!.id).toBe(String(total));
    expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
  });

  it.each([
    ['the string "1"', '1', 'string "1"'],
    ['2', 2, 'number 2'],
    ['true', true, 'boolean true'],
    ['an absent key', undefined, 'absent'],
    ['an object', { signed: 1 }, 'object'],
  ])('reads tte %s as null (collect at the counter), never as signed, said once in the log', async (_name, tte, said) => {
    const rows = [1, 2, 3].map((id) => {
      const row = arsipRow(String(id), { tte });
      if (tte === undefined) delete (row.attributes as Partial<typeof row.attributes>).tte;
      return row;
    });
    const { log, lines } = capturedLog();
    const { client } = clientAnswering(() => json(arsipPage(rows, 1, rows.length)), { log });
    const result = await client.issuedLetters(TOKEN);
    expect(result.ok && result.value.map((l) => l.tte)).toEqual([null, null, null]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, oddTte: { [said]: 3 } });
  });

  it('drops rows whose id is not a string of digits, and says how many once', async () => {
    const rows = [arsipRow('12'), arsipRow('abc'), arsipRow('12a'), arsipRow('-5'), arsipRow('1.5'), arsipRow(''), arsipRow(13)];
    const { log, lines } = capturedLog();
    const { client } = clientAnswering(() => json(arsipPage(rows, 1, rows.length)), { log });
    const result = await client.issuedLetters(TOKEN);
    // A number id (some serializers) is the same letter: kept as its digits.
    expect(result.ok && result.value.map((l) => l.id)).toEqual(['13', '12']);
    expect(lines).toEqual([expect.objectContaining({ level: 40, droppedIds: 5 })]);
  });

  it('passes an expired token on as unauthorised', async () => {
    const { client } = clientAnswering(() => json({ message: 'Unauthenticated.' }, 401));
    expect(await client.issuedLetters(TOKEN)).toMatchObject({ ok: false, error: { kind: 'unauthorised' } });
  });
});

describe('issued letters: downloading a file', () => {
  const pdfBytes = new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(2000)}\n%%EOF`);
  const attachment = { 'Content-Disposition': `attachment; filename="surat_keterangan_domisili_${NIK}_2026-11-18_401.pdf"` };

  it('asks with the token, JSON first in Accept (for JSON errors) and the PDF too, and returns the body and its type', async () => {
    const { log, lines } = capturedLog();
    const { client, seen } = clientAnswering(() => new Response(pdfBytes, { headers: { 'Content-Type': 'application/pdf', ...attachment } }), { log });
    const result = await client.downloadLetter(TOKEN, '401', 1024 * 1024);
    expect(seen[0]!.url.pathname).toBe('/api/v1/layanan-mandiri/surat/401/unduh');
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.get('accept')).toBe('application/json, application/pdf');
    expect(result).toEqual({ ok: true, value: { contentType: 'application/pdf', body: pdfBytes, overCap: false } });
    // The file name (with the NIK) is nowhere in the log.
    expect(JSON.stringify(lines)).not.toContain(NIK);
  });

  it('keeps an empty 200 text/html answer as it is (the missing-file quirk is judged later)', async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8' } }));
    expect(await client.downloadLetter(TOKEN, '404', 1024)).toEqual({ ok: true, value: { contentType: 'text/html', body: new Uint8Array(0), overCap: false } });
  });

  it('turns a 404 for an unknown id into a permanent error with the server message', async () => {
    const { client } = clientAnswering(() => json({ message: 'No query results for model [App\\Models\\LogSurat] 99' }, 404));
    expect(await client.downloadLetter(TOKEN, '99', 1024)).toEqual({
      ok: false,
      error: { kind: 'permanent', status: 404, message: 'No query results for model [App\\Models\\LogSurat] 99' },
    });
  });

  it('classifies other failures as the JSON calls do (expired token, server error)', async () => {
    expect(await clientAnswering(() => json({ message: 'Unauthenticated.' }, 401)).client.downloadLetter(TOKEN, '1', 1024)).toMatchObject({
      ok: false,
      error: { kind: 'unauthorised' },
    });
    expect(await clientAnswering(() => json({ message: 'Server Error' }, 500)).client.downloadLetter(TOKEN, '1', 1024)).toMatchObject({
      ok: false,
      error: { kind: 'transient', status: 500 },
    });
  });

  it.each([
    ['declared by Content-Length', true],
    ['found while reading', false],
  ])('stops at the cap (%s): overCap, nothing kept, the rest never read', async (_name, declare) => {
    const cap = 4096;
    let sent = 0;
    const chunk = new Uint8Array(1024).fill(0x41);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
        if (sent >= 1024 * 1024) controller.close();
      },
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/pdf' };
    if (declare) headers['Content-Length'] = String(1024 * 1024);
    const { client } = clientAnswering(() => new Response(stream, { headers }));
    const result = await client.downloadLetter(TOKEN, '401', cap);
    expect(result).toEqual({ ok: true, value: { contentType: 'application/pdf', body: new Uint8Array(0), overCap: true } });
    expect(sent).toBeLessThan(64 * 1024);
  });

  it('keeps a body exactly at the cap', async () => {
    const { client } = clientAnswering(() => new Response(pdfBytes, { headers: { 'Content-Type': 'application/pdf' } }));
    expect(await client.downloadLetter(TOKEN, '401', pdfBytes.length)).toMatchObject({ ok: true, value: { overCap: false, body: pdfBytes } });
  });

  it.each([
    ['application/pdf; charset=binary', 'application/pdf'],
    ['Application/PDF', 'application/pdf'],
    [' text/html ; charset=UTF-8', 'text/html'],
    [null, null],
    ['', null],
  ])('reads the media type of Content-Type %j as %j', async (header, type) => {
    expect(mediaType(header)).toBe(type);
    const headers = new Headers();
    if (header !== null) headers.set('Content-Type', header);
    const { client } = clientAnswering(() => new Response(pdfBytes, { headers }));
    expect(await client.downloadLetter(TOKEN, '401', 1024 * 1024)).toMatchObject({ ok: true, value: { contentType: type } });
  });

  it.each(['abc', '1/../2', '', '12a', '-1'])('asks nothing for an id that is not digits (%j)', async (id) => {
    const { client, seen } = clientAnswering(() => new Response(pdfBytes));
    expect(await client.downloadLetter(TOKEN, id, 1024)).toMatchObject({ ok: false, error: { kind: 'permanent' } });
    expect(seen).toHaveLength(0);
  });
});

describe('issued letters from the demo village server', () => {
  let sim: OpensidSim;
  let client: VillageServer;
  afterEach(async () => {
    await sim.close();
  });

  async function tokenOf(resident = RESIDENTS[0]!): Promise<string> {
    const login = await client.login(resident.nik, resident.pin);
    if (!login.ok) throw new Error(JSON.stringify(login.error));
    return login.value.token;
  }

  async function start(options: Parameters<typeof startOpensidSim>[0] = {}, timeouts = { readTimeoutMs: 2000, submitTimeoutMs: 5000 }) {
    sim = await startOpensidSim(options);
    client = createOpensidClient({ baseUrl: sim.url, ...timeouts });
  }

  it("lists Budi's own letters newest first, each state read as sent", async () => {
    await start();
    const result = await client.issuedLetters(await tokenOf());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((l) => [l.id, l.tte])).toEqual([
      [String(ISSUED_LETTER_IDS.budiSignedMissing), 1],
      [String(ISSUED_LETTER_IDS.budiPaper), null],
      [String(ISSUED_LETTER_IDS.budiWaiting), 0],
      [String(ISSUED_LETTER_IDS.budiSigned), 1],
      [String(ISSUED_LETTER_IDS.budiDraft), null],
    ]);
    expect(result.value.find((l) => l.id === String(ISSUED_LETTER_IDS.budiSigned))).toEqual({
      id: '401',
      number: '470/041/SKD/XI/2026',
      letterName: 'Keterangan Domisili',
      official: 'H. Sudirman',
      date: '2026-11-18 09:30:12',
      tte: 1,
    });
    expect(result.value.find((l) => l.id === String(ISSUED_LETTER_IDS.budiDraft))).toMatchObject({ number: null, letterName: null });
  });

  it('accepts the signed letter (2 pages, with the name and number) and finds the missing one missing', async () => {
    await start();
    const token = await tokenOf();
    const maxBytes = 4 * 1024 * 1024;
    const signed = await client.downloadLetter(token, String(ISSUED_LETTER_IDS.budiSigned), maxBytes);
    if (!signed.ok) throw new Error(JSON.stringify(signed.error));
    const accepted = await acceptLetterPdf(signed.value, { maxBytes });
    expect(accepted).toMatchObject({ ok: true, pages: 2 });
    if (!accepted.ok) return;
    const { text } = await pdfText(accepted.pdf);
    expect(text[0]).toContain('Budi Santoso');
    expect(text[0]).toContain('470/041/SKD/XI/2026');
    expect(text[1]).toContain('Ditandatangani secara elektronik oleh H. Sudirman');

    const missing = await client.downloadLetter(token, String(ISSUED_LETTER_IDS.budiSignedMissing), maxBytes);
    if (!missing.ok) throw new Error(JSON.stringify(missing.error));
    expect(await acceptLetterPdf(missing.value, { maxBytes })).toMatchObject({ ok: false, problem: 'missing' });
  });

  it("is served another resident's letter by id (no owner check on the server), and a 404 for an unknown id", async () => {
    await start();
    const token = await tokenOf();
    const list = await client.issuedLetters(token);
    expect(list.ok && list.value.map((l) => l.id)).not.toContain(String(ISSUED_LETTER_IDS.sitiSigned));
    const other = await client.downloadLetter(token, String(ISSUED_LETTER_IDS.sitiSigned), 4 * 1024 * 1024);
    expect(other).toMatchObject({ ok: true, value: { contentType: 'application/pdf' } });
    expect(await client.downloadLetter(token, '999', 1024)).toMatchObject({ ok: false, error: { kind: 'permanent', status: 404 } });
  });

  it('gives a download the download timeout, where a list must answer within the read timeout', async () => {
    await start({}, { readTimeoutMs: 300, submitTimeoutMs: 5000 });
    const token = await tokenOf();
    // A slow village link: every answer starts 600 ms late.
    sim.setFaults({ latencyMs: 600 });
    expect(await client.issuedLetters(token)).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'timeout' } });
    expect(await client.downloadLetter(token, String(ISSUED_LETTER_IDS.budiSigned), 4 * 1024 * 1024)).toMatchObject({ ok: true });
  });
});
