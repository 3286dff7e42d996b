/**
 * The demo village server's issued letters: the `arsip` list (scoped to the
 * signed-in resident) and `unduh` with the real server's quirks (no owner
 * check, 200 with an empty body for a missing file, the 404 shape), and the
 * letter PDFs themselves (F4, real text, the signature block).
 */
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../../src/main/letters/pdf-text';
import { F4_POINTS } from '../../../tools/opensid-sim/letter-pdf';
import { ISSUED_LETTER_IDS, ISSUED_LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';

let sim: OpensidSim;
beforeEach(async () => {
  sim = await startOpensidSim();
});
afterEach(async () => {
  await sim.close();
});

const [budi, siti] = [RESIDENTS[0]!, RESIDENTS[1]!];
const ARSIP = '/api/v1/layanan-mandiri/surat/arsip';
const unduh = (id: number | string) => `/api/v1/layanan-mandiri/surat/${id}/unduh`;

interface ArsipRow {
  type: string;
  id: string;
  attributes: { nomor_surat: string | null; jenis_surat: string | null; nama_pamong: string; tanggal: string; tte: 0 | 1 | null; file: string };
}
interface ArsipPage {
  data: ArsipRow[];
  meta: { pagination: { total: number; total_pages: number; current_page: number } };
}

async function get(path: string, token?: string, accept = 'application/json') {
  const headers: Record<string, string> = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${sim.url}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function getJson<T>(path: string, token?: string) {
  const answer = await get(path, token);
  return { status: answer.status, body: JSON.parse(new TextDecoder().decode(answer.bytes)) as T };
}

async function control(path: string, body: unknown) {
  const response = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return response.status;
}

async function login(resident = budi): Promise<string> {
  const response = await fetch(`${sim.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ credential: resident.nik, password: resident.pin }),
  });
  const body = (await response.json()) as { data: { attributes: { access_token: { token: string } } } };
  return body.data.attributes.access_token.token;
}

describe('demo issued letters: seed', () => {
  it("gives Budi a signed 2-page letter, a waiting one, a paper one and a signed one whose file is missing; Siti a signed one", () => {
    const byId = new Map(ISSUED_LETTERS.map((l) => [l.id, l]));
    expect(new Set(ISSUED_LETTERS.map((l) => l.id)).size).toBe(ISSUED_LETTERS.length);
    expect(byId.get(ISSUED_LETTER_IDS.budiSigned)).toMatchObject({ residentId: budi.id, tte: 1, pages: 2, fileMissing: false });
    expect(byId.get(ISSUED_LETTER_IDS.budiWaiting)).toMatchObject({ residentId: budi.id, tte: 0 });
    expect(byId.get(ISSUED_LETTER_IDS.budiPaper)).toMatchObject({ residentId: budi.id, tte: null });
    expect(byId.get(ISSUED_LETTER_IDS.budiSignedMissing)).toMatchObject({ residentId: budi.id, tte: 1, fileMissing: true });
    expect(byId.get(ISSUED_LETTER_IDS.budiDraft)).toMatchObject({ residentId: budi.id, letterId: null, nomorSurat: null });
    expect(byId.get(ISSUED_LETTER_IDS.sitiSigned)).toMatchObject({ residentId: siti.id, tte: 1, fileMissing: false });
  });
});

describe('demo issued letters: the arsip list', () => {
  it('lists only the signed-in resident own letters, as JSON:API arsip rows with string ids, newest first with sort=-id', async () => {
    const mine = await getJson<ArsipPage>(`${ARSIP}?sort=-id`, await login(budi));
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((r) => r.id)).toEqual(['404', '403', '402', '401', '400']);
    expect(mine.body.data.map((r) => r.attributes.tte)).toEqual([1, null, 0, 1, null]);
    expect(mine.body.data.every((r) => r.type === 'arsip')).toBe(true);
    expect(mine.body.data.find((r) => r.id === '401')!.attributes).toMatchObject({
      nomor_surat: '470/041/SKD/XI/2026',
      jenis_surat: 'Keterangan Domisili',
      nama_pamong: 'H. Sudirman',
      tanggal: '2026-11-18 09:30:12',
    });
    expect(mine.body.data.find((r) => r.id === '400')!.attributes).toMatchObject({ nomor_surat: null, jenis_surat: null, tte: null });
    const hers = await getJson<ArsipPage>(`${ARSIP}?sort=-id`, await login(siti));
    expect(hers.body.data.map((r) => r.id)).toEqual([String(ISSUED_LETTER_IDS.sitiSigned)]);
  });

  it('pages (15 by default, as asked), keeps insertion order unless sorted, and filters by id, number and date', async () => {
    const token = await login();
    const unsorted = await getJson<ArsipPage>(ARSIP, token);
    expect(unsorted.body.data.map((r) => r.id)).toEqual(['400', '401', '402', '403', '404']);
    const second = await getJson<ArsipPage>(`${ARSIP}?sort=-id&page[size]=2&page[number]=2`, token);
    expect(second.body.data.map((r) => r.id)).toEqual(['402', '401']);
    expect(second.body.meta.pagination).toMatchObject({ total: 5, total_pages: 3, current_page: 2 });
    expect((await getJson<ArsipPage>(`${ARSIP}?filter[id]=401,405`, token)).body.data.map((r) => r.id)).toEqual(['401']);
    expect((await getJson<ArsipPage>(`${ARSIP}?filter[no_surat]=331/017/SKCK/XI/2026`, token)).body.data.map((r) => r.id)).toEqual(['402']);
    expect((await getJson<ArsipPage>(`${ARSIP}?filter[tanggal]=2026-11-2`, token)).body.data.map((r) => r.id)).toEqual(['402', '403']);
  });

  it('fails as the real server does: unknown filter 400, the nama filters an SQL error (500), no token 401', async () => {
    const token = await login();
    expect((await get(`${ARSIP}?filter[status]=1`, token)).status).toBe(400);
    expect((await get(`${ARSIP}?filter[nama]=Budi`, token)).status).toBe(500);
    expect((await get(`${ARSIP}?filter[pamong_nama]=Sudirman`, token)).status).toBe(500);
    expect((await get(ARSIP)).status).toBe(401);
  });

  it("names each letter's file by a direct address that the web server refuses (403)", async () => {
    const mine = await getJson<ArsipPage>(ARSIP, await login());
    const file = new URL(mine.body.data[1]!.attributes.file);
    expect(file.origin).toBe(sim.url);
    expect((await get(file.pathname)).status).toBe(403);
  });
});

describe('demo issued letters: unduh', () => {
  it("serves any letter of the village to any valid token (no owner check), as an attachment named with the owner's NIK", async () => {
    const answer = await get(unduh(ISSUED_LETTER_IDS.sitiSigned), await login(budi));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename=".*${siti.nik}.*\\.pdf"$`));
    expect(new TextDecoder().decode(answer.bytes.slice(0, 5))).toBe('%PDF-');
    expect((await get(unduh(ISSUED_LETTER_IDS.sitiSigned))).status).toBe(401);
  });

  it('answers a letter whose file is missing with 200, text/html and an empty body', async () => {
    const answer = await get(unduh(ISSUED_LETTER_IDS.budiSignedMissing), await login());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.bytes.length).toBe(0);
  });

  it('answers an unknown id with 404 and the model message (an HTML page without Accept: application/json)', async () => {
    const token = await login();
    const missing = await getJson<{ message: string }>(unduh(99), token);
    expect(missing).toEqual({ status: 404, body: { message: 'No query results for model [App\\Models\\LogSurat] 99' } });
    const html = await get(unduh(99), token, 'application/pdf');
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('serves real F4 PDFs: 2 pages of 210 x 330 mm with the letterhead, title, number, name and the signature block', async () => {
    const answer = await get(unduh(ISSUED_LETTER_IDS.budiSigned), await login());
    const doc = await PDFDocument.load(answer.bytes);
    expect(doc.getPageCount()).toBe(2);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(595.28, 1);
      expect(page.getHeight()).toBeCloseTo(935.43, 1);
    }
    expect(F4_POINTS.width).toBeCloseTo(595.28, 1);
    const { pages, text } = await pdfText(answer.bytes);
    expect(pages).toBe(2);
    for (const words of ['DESA SUKAMAJU', 'SURAT KETERANGAN DOMISILI', 'Nomor: 470/041/SKD/XI/2026', 'Budi Santoso', budi.nik]) {
      expect(text[0]).toContain(words);
    }
    expect(text[0]).not.toContain('Ditandatangani');
    expect(text[1]).toContain('Ditandatangani secara elektronik oleh H. Sudirman');
  });

  it('says the signature state on the letter: waiting (tte 0) and on paper (tte null) carry no electronic signature', async () => {
    const token = await login();
    const waiting = await pdfText((await get(unduh(ISSUED_LETTER_IDS.budiWaiting), token)).bytes);
    expect(waiting.text.join('\n')).toContain('Menunggu tanda tangan elektronik');
    const paper = await pdfText((await get(unduh(ISSUED_LETTER_IDS.budiPaper), token)).bytes);
    expect(paper.text.join('\n')).not.toMatch(/elektronik/);
    expect(paper.text.join('\n')).toContain('500/052/SKU/XI/2026');
  });
});

describe('demo issued letters: operator controls', () => {
  it("makes a letter's file missing or back, sets its tte, refuses other values, and reset restores the seed", async () => {
    const token = await login();
    expect(await control(`/_sim/arsip/${ISSUED_LETTER_IDS.budiSigned}/file`, { missing: true })).toBe(200);
    expect((await get(unduh(ISSUED_LETTER_IDS.budiSigned), token)).bytes.length).toBe(0);
    expect(await control(`/_sim/arsip/${ISSUED_LETTER_IDS.budiSigned}/file`, { missing: false })).toBe(200);
    expect((await get(unduh(ISSUED_LETTER_IDS.budiSigned), token)).headers.get('content-type')).toBe('application/pdf');

    expect(await control(`/_sim/arsip/${ISSUED_LETTER_IDS.budiWaiting}/tte`, { tte: 1 })).toBe(200);
    const signedNow = await getJson<ArsipPage>(`${ARSIP}?filter[id]=${ISSUED_LETTER_IDS.budiWaiting}`, token);
    expect(signedNow.body.data[0]!.attributes.tte).toBe(1);
    const pdf = await pdfText((await get(unduh(ISSUED_LETTER_IDS.budiWaiting), token)).bytes);
    expect(pdf.text.join('\n')).toContain('Ditandatangani secara elektronik oleh H. Sudirman');
    expect(await control(`/_sim/arsip/${ISSUED_LETTER_IDS.budiWaiting}/tte`, { tte: 2 })).toBe(400);
    expect(await control('/_sim/arsip/999/file', { missing: true })).toBe(404);

    expect(sim.setIssuedLetterTte(ISSUED_LETTER_IDS.budiPaper, 0)).toBe(true);
    await control('/_sim/reset', {});
    const restored = await getJson<ArsipPage>(`${ARSIP}?sort=-id`, await login());
    expect(restored.body.data.map((r) => r.attributes.tte)).toEqual([1, null, 0, 1, null]);
  });
});

describe('demo village server: the API call log', () => {
  it('keeps each API call (method and path, no token), serves it at /_sim/api-calls, leaves /_sim out, and reset empties it', async () => {
    const token = await login();
    await get(unduh(ISSUED_LETTER_IDS.budiSigned), token);
    await get(`${ARSIP}?sort=-id`, token);
    await getJson('/_sim/requests');
    const expected = [
      { method: 'POST', path: '/api/v1/auth/login' },
      { method: 'GET', path: unduh(ISSUED_LETTER_IDS.budiSigned) },
      { method: 'GET', path: ARSIP },
    ];
    expect(sim.apiCalls()).toEqual(expected);
    expect((await getJson<{ calls: unknown }>('/_sim/api-calls')).body.calls).toEqual(expected);
    await control('/_sim/reset', {});
    expect(sim.apiCalls()).toEqual([]);
  });
});
