import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpensidClient, MAX_JSON_ANSWER_BYTES, MAX_LISTING_BYTES, villageCodeOf } from '../../../src/main/village/opensid-client';
import type { SubmitRequest, VillageServer } from '../../../src/main/village/types';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { startOversizedBodyServer, type OversizedBody, type OversizedBodyServer } from '../../helpers/oversized-body-server';

let sim: OpensidSim;
let client: VillageServer;
beforeEach(async () => {
  sim = await startOpensidSim();
  client = createOpensidClient({ baseUrl: sim.url, readTimeoutMs: 1000, submitTimeoutMs: 1500 });
});
afterEach(async () => {
  await sim.close();
});

const budi = RESIDENTS[0]!;
const penduduk = LETTERS.find((l) => l.kode === 'S-02')!;

async function token(): Promise<string> {
  const login = await client.login(budi.nik, budi.pin);
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  return login.value.token;
}

function submission(reference = 'ADM01-TEST-0001'): SubmitRequest {
  return {
    slug: penduduk.slug,
    letterId: penduduk.id,
    answers: { keperluan: 'Melamar kerja' },
    requirements: { 2: '-1', 3: '-1' },
    phone: '081234567801',
    note: null,
    reference,
  };
}

describe('OpenSID client against the demo server over HTTP', () => {
  it('reads the version and the village profile', async () => {
    expect(await client.version()).toEqual({ ok: true, value: 'v2608.0.0' });
    const profile = await client.villageProfile();
    expect(profile).toMatchObject({ ok: true, value: { villageName: 'Sukamaju', villageTerm: 'Desa', districtName: 'Cibinong', villageCode: '3201012001' } });
  });

  it('reads the gallery and fetches its pictures (PNG, checked by their bytes)', async () => {
    const profile = await client.villageProfile();
    if (!profile.ok) throw new Error(JSON.stringify(profile.error));
    expect(profile.value.gallery.map((photo) => photo.name)).toEqual(['Kantor Desa Sukamaju', 'Balai Dusun I', 'Posyandu Melati']);
    expect(profile.value.logoUrl).toBe(`${sim.url}/desa/logo/logo-desa.png`);
    const picture = await client.image(profile.value.gallery[0]!.imageUrl, 1024 * 1024);
    expect(picture).toMatchObject({ ok: true, value: { type: 'image/png' } });
    // The same picture, by a relative address (some servers give those).
    const relative = await client.image('/desa/upload/galeri/kecil_kantor-desa.png', 1024 * 1024);
    expect(relative.ok && picture.ok && relative.value.bytes.equals(picture.value.bytes)).toBe(true);
    expect(await client.image('/desa/upload/galeri/tidak-ada.png', 1024 * 1024)).toMatchObject({ ok: false, error: { kind: 'permanent', status: 404 } });
  });

  it('logs in and keeps only what the screens need', async () => {
    const login = await client.login(budi.nik, budi.pin);
    expect(login.ok).toBe(true);
    if (!login.ok) return;
    expect(Object.keys(login.value).sort()).toEqual(
      ['expiresIn', 'name', 'nik', 'phone', 'pinSetByOperator', 'residentId', 'tagIdCard', 'token'].sort(),
    );
    expect(login.value).toMatchObject({ name: 'Budi Santoso', nik: budi.nik, phone: '081234567801', tagIdCard: '1234567890', expiresIn: 604800 });
  });

  it('classifies a wrong PIN and the server lock (with its seconds)', async () => {
    const wrong = await client.login(budi.nik, '000000');
    expect(wrong).toEqual({ ok: false, error: { kind: 'wrong-credentials', message: 'Identitas tersebut tidak cocok dengan data kami.' } });
    for (let i = 0; i < 4; i++) await client.login(budi.nik, '000000');
    const locked = await client.login(budi.nik, budi.pin);
    expect(locked.ok).toBe(false);
    if (locked.ok) return;
    expect(locked.error.kind).toBe('locked');
    expect(locked.error.kind === 'locked' && locked.error.seconds).toBeGreaterThan(3500);
  });

  it('parses letter types into fields and requirements, hiding letters without a form', async () => {
    sim.setLetterBroken(penduduk.id, true);
    const result = await client.letterTypes(await token());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.letters).toHaveLength(14);
    expect(result.value.unavailable).toEqual(['Keterangan Penduduk']);
    const usaha = result.value.letters.find((l) => l.code === '500')!;
    expect(usaha.fields.map((f) => f.name)).toEqual(['nama_usaha', 'jenis_usaha', 'lama_usaha_(tahun)', 'alamat_usaha', 'keperluan']);
    expect(usaha.fields[1]).toMatchObject({ type: 'select', required: true, options: expect.arrayContaining([{ label: 'Jasa', value: 'Jasa' }]) });
    expect(usaha.requirements).toEqual([
      { id: 1, name: 'Surat Pengantar RT/RW', documents: [] },
      { id: 2, name: 'Fotokopi KK', documents: [{ label: 'KK Budi Santoso', value: '500' }] },
      { id: 3, name: 'Fotokopi KTP', documents: [{ label: 'KTP Budi Santoso', value: '501' }] },
    ]);
  });

  it('reads every page of letter types', async () => {
    const seen: string[] = [];
    const paging = createOpensidClient({
      baseUrl: sim.url,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    const login = await paging.login(budi.nik, budi.pin);
    if (!login.ok) throw new Error('login');
    await paging.letterTypes(login.value.token);
    expect(seen.filter((u) => u.includes('jenis-permohonan'))).toHaveLength(1); // 15 letters fit one page of 100
  });

  it('submits with the reference in isian_form and keterangan, then lists and cancels', async () => {
    const t = await token();
    const submitted = await client.submitRequest(t, submission());
    expect(submitted).toMatchObject({ ok: true, value: { id: 1, letterName: 'Keterangan Penduduk', statusCode: 1, statusLabel: 'Sedang Diperiksa' } });
    const stored = sim.requests()[0]!;
    expect(JSON.parse(stored.isianForm!)).toEqual({ keperluan: 'Melamar kerja', referensi_kios: 'ADM01-TEST-0001' });
    expect(JSON.parse(stored.syarat)).toEqual({ 2: '-1', 3: '-1' });
    expect(stored.keterangan).toBe('Ref kios: ADM01-TEST-0001');

    sim.setStatus(1, 0);
    const list = await client.listRequests(t);
    expect(list).toMatchObject({ ok: true, value: [{ id: 1, statusCode: 0, statusLabel: 'Belum Lengkap' }] });
    expect(await client.cancelRequest(t, 1)).toEqual({ ok: true, value: 'Permohonan surat berhasil dibatalkan.' });
    expect((await client.cancelRequest(t, 1)).ok).toBe(false);
  });

  it('returns per-field validation errors', async () => {
    const result = await client.submitRequest(await token(), { ...submission(), answers: {}, requirements: {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', fields: { keperluan: ['Keperluan wajib diisi.'] } } });
  });

  it('treats a missing phone number (400) as permanent with the server message', async () => {
    const result = await client.submitRequest(await token(), { ...submission(), phone: '' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'permanent', status: 400, message: expect.stringContaining('no_hp_aktif') } });
  });

  it('reports an invalid token as unauthorised', async () => {
    expect(await client.listRequests('expired.token.value')).toMatchObject({ ok: false, error: { kind: 'unauthorised' } });
  });

  it('drops article comments and keeps the text for sanitising', async () => {
    const result = await client.articles(await token());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value[0]).toMatchObject({ title: 'Kerja Bakti Bersih Desa', createdAt: '2026-11-25 16:30:00', imageUrl: null });
    expect(result.value[1]).toMatchObject({ title: 'Jadwal Posyandu Bulan Ini', imageUrl: `${sim.url}/desa/upload/artikel/sedang_1.png` });
    expect(JSON.stringify(result.value)).not.toContain('warga@contoh.invalid');
  });
});

describe('OpenSID client: faults', () => {
  it('not licensed (401 Token not provided) is unavailable', async () => {
    sim.setFaults({ subscription: 'not-licensed' });
    expect(await client.villageProfile()).toEqual({ ok: false, error: { kind: 'unavailable', message: 'Token not provided' } });
  });

  it('an unreachable subscription check (500) is transient', async () => {
    sim.setFaults({ subscription: 'unreachable' });
    expect(await client.villageProfile()).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'server', status: 500 } });
  });

  it('500 after insert is transient (the row exists)', async () => {
    const t = await token();
    sim.setFaults({ failAfterInsertRate: 1 });
    expect(await client.submitRequest(t, submission())).toMatchObject({ ok: false, error: { kind: 'transient', status: 500 } });
    expect(sim.requests()).toHaveLength(1);
  });

  it('a connection reset is transient (network)', async () => {
    const t = await token();
    sim.setFaults({ resetAfterInsertRate: 1 });
    expect(await client.submitRequest(t, submission())).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'network' } });
  });

  it('a submit that never answers times out (45 s in production, 1.5 s here)', async () => {
    const t = await token();
    sim.setFaults({ hangAfterInsertRate: 1 });
    expect(await client.submitRequest(t, submission())).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'timeout' } });
  });

  it('a slow submit within the timeout succeeds', async () => {
    const t = await token();
    sim.setFaults({ submitDelayMs: 600 });
    expect((await client.submitRequest(t, submission())).ok).toBe(true);
  });

  it('latency beyond the read timeout is a timeout', async () => {
    sim.setFaults({ latencyMs: 1500 });
    expect(await client.villageProfile()).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'timeout' } });
  });

  it('a server that is down is transient (network)', async () => {
    await sim.setDown(true);
    expect(await client.version()).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'network', message: 'ECONNREFUSED' } });
  });

  it('repeats a read once when a kept-alive connection died with a server restart', async () => {
    const t = await token();
    expect((await client.listRequests(t)).ok).toBe(true);
    await sim.setDown(true);
    await sim.setDown(false);
    expect(await client.listRequests(t)).toEqual({ ok: true, value: [] });
  });

  it('a body that is not the API (a proxy page) is unavailable', async () => {
    const proxy = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Maintenance</html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const other = createOpensidClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
      expect(await other.villageProfile()).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('OpenSID client: answers larger than their cap', () => {
  const MiB = 1024 * 1024;
  const profileStart = '{"data":{"type":"desa","id":"1","attributes":{"alamat":{"nama_desa":"Sukamaju"},"operator":"0812","galeri":"';
  let oversized: OversizedBodyServer | null = null;
  afterEach(async () => {
    await oversized?.close();
    oversized = null;
  });

  it.each<[string, OversizedBody]>([
    ['streamed without a Content-Length', { totalBytes: 64 * MiB, contentLength: 'none', prefix: profileStart }],
    ['with a true Content-Length', { totalBytes: 64 * MiB, contentLength: 'true', prefix: profileStart }],
    ['with a Content-Length claiming more than it sends', { totalBytes: 64 * MiB, contentLength: 256 * MiB, prefix: profileStart }],
    ['as an error answer (500)', { totalBytes: 64 * MiB, contentLength: 'none', prefix: '{"message":"', status: 500 }],
  ])('a 64 MiB profil-desa %s is refused at the cap, the rest never read, with a log line naming the path and the cap', async (_name, body) => {
    oversized = await startOversizedBodyServer(body);
    const warn = vi.fn();
    const other = createOpensidClient({ baseUrl: oversized.url, log: { warn } as unknown as Logger });
    expect(await other.villageProfile()).toEqual({
      ok: false,
      error: { kind: 'transient', reason: 'server', status: body.status ?? 200, message: `answer larger than 8 MiB` },
    });
    expect(MAX_JSON_ANSWER_BYTES).toBe(8 * MiB);
    const outcome = await oversized.outcomes[0]!;
    expect(outcome.finished).toBe(false);
    expect(outcome.written).toBeLessThan(body.totalBytes);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ path: '/api/v1/profil-desa', capBytes: 8 * MiB }),
      expect.stringContaining('larger than 8 MiB'),
    );
  });
});

/**
 * A village server that offers letter types in `offered` pages (Infinity: a
 * `total_pages` always one more than the page asked), each made by `page`,
 * and notes every page asked for.
 */
async function pagedLetterServer(offered: number, page: (number: number) => { data: string; total: number; totalPages: number }) {
  const asked: number[] = [];
  const server = createServer((req, res) => {
    const number = Number(/page\[number\]=(\d+)/.exec(decodeURIComponent(req.url ?? ''))?.[1] ?? 1);
    asked.push(number);
    const { data, total, totalPages } = page(number);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"data":[${data}],"meta":{"pagination":{"total":${total},"current_page":${number},"total_pages":${Math.min(totalPages, offered)}}}}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const option = (i: number) => `{"label":"Pilihan ${i}","value":"${i}"}`;
const field = (name: string, options: string[]) => `{"type":"select","required":true,"label":"${name}","name":"${name}","values":[${options.join(',')}]}`;
const letter = (id: number, fields: string[]) => `{"type":"jenis-surat","id":"${id}","attributes":{"kode":null,"nama":"Surat ${id}","slug":"surat-${id}","form_surat":[${fields.join(',')}]}}`;
const range = (count: number) => Array.from({ length: count }, (_, i) => i);
/** Options that each pass the schema, as many as fit just under the cap for one answer. */
const tinyOptionsUnderCap = () => {
  const options: string[] = [];
  for (let size = 0; size < MAX_JSON_ANSWER_BYTES - 4096; size += 24) options.push(`{"label":${options.length % 10},"value":1}`);
  return options;
};
/** 100 letters of 20 fields of 100 options: about 7 MiB, under the cap for one answer. */
const heavyPageOfLetters = () => range(100).map((i) => letter(i, range(20).map((f) => field(`isian_${f}`, range(100).map(option)))));

describe('OpenSID client: listings larger than the kiosk would show', () => {
  const MiB = 1024 * 1024;
  let paged: Awaited<ReturnType<typeof pagedLetterServer>> | null = null;
  afterEach(async () => {
    await paged?.close();
    paged = null;
  });

  it.each<[string, number, () => (n: number) => { data: string; total: number; totalPages: number }, RegExp, Record<string, unknown>]>([
    [
      'one letter per page whose choice holds options just under the answer cap (50 pages offered)',
      50,
      () => {
        const page = letter(1, [field('x', tinyOptionsUnderCap())]);
        return () => ({ data: page, total: 50, totalPages: 50 });
      },
      /^answer refused: letter surat-1 has a choice of \d+ options, more than 1000$/,
      { cap: { optionsPerField: 1000 } },
    ],
    [
      'a letter form of 300 fields',
      50,
      () => () => ({ data: letter(1, range(300).map((f) => field(`isian_${f}`, []))), total: 50, totalPages: 50 }),
      /^answer refused: letter surat-1 has 300 fields, more than 200$/,
      { cap: { fieldsPerLetter: 200 } },
    ],
    [
      'a requirement whose documents number 5,000',
      50,
      () => () => ({
        data: letter(1, [`{"type":"select","required":false,"label":"Syarat","name":"syarat","values":[{"label":"KK","value":"2","form_surat":[{"name":"dokumen","values":[${range(5000).map(option).join(',')}]}]}]}`]),
        total: 50,
        totalPages: 50,
      }),
      /^answer refused: letter surat-1 has a choice of 5000 options, more than 1000$/,
      { cap: { optionsPerField: 1000 } },
    ],
    [
      '5,000 letters in 50 pages',
      50,
      () => {
        const page = range(100).map((i) => letter(i, []));
        return () => ({ data: page.join(','), total: 5000, totalPages: 50 });
      },
      /^answer refused: more than 500 letters \(5000 in 50 pages\)$/,
      { cap: { letters: 500 } },
    ],
    [
      'pages that never end (each says there is one more)',
      Infinity,
      () => {
        const page = range(100).map((i) => letter(i, []));
        return (n) => ({ data: page.join(','), total: 100 * n, totalPages: n + 1 });
      },
      /^answer refused: more than 500 letters \(500 in 6 pages\)$/,
      { cap: { letters: 500 } },
    ],
    [
      'a page of 150 rows where 100 were asked for',
      50,
      () => () => ({ data: range(150).map((i) => letter(i, [])).join(','), total: 150, totalPages: 50 }),
      /^answer refused: a page of 150 rows where 100 were asked for$/,
      { cap: { pageSize: 100 } },
    ],
    [
      'pages of about 7 MiB each, every count within the limits (5 pages offered)',
      5,
      () => {
        const page = heavyPageOfLetters().join(',');
        expect(Buffer.byteLength(page)).toBeGreaterThan(6 * MiB);
        expect(Buffer.byteLength(page)).toBeLessThan(MAX_JSON_ANSWER_BYTES - 1024);
        return () => ({ data: page, total: 500, totalPages: 5 });
      },
      /^answers to one listing larger than 16 MiB together$/,
      { capBytes: MAX_LISTING_BYTES },
    ],
  ])('refuses %s and asks for no further page, with a log line naming the path and the cap', async (_name, offered, makePages, message, logged) => {
    paged = await pagedLetterServer(offered, makePages());
    const warn = vi.fn();
    const client = createOpensidClient({ baseUrl: paged.url, log: { warn } as unknown as Logger });
    const result = await client.letterTypes('token');
    expect(result).toMatchObject({ ok: false, error: { kind: 'transient', reason: 'server', message: expect.stringMatching(message) } });
    expect(paged.asked.length).toBeLessThan(Math.min(offered, 6));
    expect(paged.asked).toEqual(range(paged.asked.length).map((i) => i + 1));
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ path: expect.stringContaining('/api/v1/layanan-mandiri/surat/jenis-permohonan'), ...logged }),
      expect.stringMatching(/refused|larger than/),
    );
  });

  it('takes a listing within every limit, read page by page', async () => {
    const page = range(100).map((i) => letter(i, [field('pekerjaan', range(90).map(option))]));
    paged = await pagedLetterServer(5, (n) => ({ data: page.map((l) => l.replace(/"id":"(\d+)"/, (_m, id: string) => `"id":"${n * 1000 + Number(id)}"`)).join(','), total: 500, totalPages: 5 }));
    const client = createOpensidClient({ baseUrl: paged.url });
    const result = await client.letterTypes('token');
    expect(result.ok && result.value.letters).toHaveLength(500);
    expect(paged.asked).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a page of sent requests or articles holding more rows than asked for', async () => {
    const rows = (type: string, count: number, attributes: string) => range(count).map((i) => `{"type":"${type}","id":"${i}","attributes":${attributes}}`).join(',');
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const body = req.url!.includes('artikel')
        ? rows('artikel', 11, '{"title":"Kabar"}')
        : rows('permohonan', 21, '{"jenis_surat":"Surat","status":"Belum Lengkap","tanggal_kirim":"2026-01-01"}');
      res.end(`{"data":[${body}],"meta":{"pagination":{"total":21,"current_page":1,"total_pages":1}}}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createOpensidClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect(await client.listRequests('token', { pageSize: 20 })).toMatchObject({ ok: false, error: { kind: 'transient', message: 'answer refused: a page of 21 rows where 20 were asked for' } });
      expect(await client.articles('token')).toMatchObject({ ok: false, error: { kind: 'transient', message: 'answer refused: a page of 11 rows where 10 were asked for' } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('villageCodeOf', () => {
  it.each([
    ['3201012001', '3201012001'],
    ['32.01.01.2001', '3201012001'],
    [3201012001, '3201012001'],
    [' 3201012001 ', '3201012001'],
    ['320101200', null],
    ['32010120011', null],
    ['Sukamaju', null],
    [null, null],
    [undefined, null],
    [3.2e9 + 0.5, null],
  ])('reads %j as %j', (raw, code) => {
    expect(villageCodeOf(raw)).toBe(code);
  });
});
