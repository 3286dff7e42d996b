import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpensidSim, type OpensidSim } from '../../../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../../../tools/opensid-sim/seed';
import { checkNik } from '../../../src/shared/nik';

let sim: OpensidSim;
beforeEach(async () => {
  sim = await startOpensidSim();
});
afterEach(async () => {
  await sim.close();
});

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const budi = RESIDENTS[0]!;

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = { ...JSON_HEADERS, ...(init.headers as Record<string, string>) };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const response = await fetch(`${sim.url}${path}`, { ...init, headers, redirect: 'manual' });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: body as Record<string, any>, headers: response.headers };
}

async function login(nik = budi.nik, pin = budi.pin): Promise<string> {
  const res = await call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ credential: nik, password: pin }) });
  expect(res.status).toBe(200);
  return res.body.data.attributes.access_token.token;
}

function submitBody(letter = LETTERS[3]!, extra: Record<string, unknown> = {}) {
  return {
    id_surat: letter.id,
    keperluan: 'Melamar kerja',
    isian_form: JSON.stringify({ keperluan: 'Melamar kerja', adm_ref: 'ADM-01-TEST' }),
    syarat: JSON.stringify({ 2: '-1', 3: '-1' }),
    no_hp_aktif: '081234567801',
    keterangan: 'Ref kios ADM-01-TEST',
    ...extra,
  };
}

describe('demo village server', () => {
  it('seeds at least 20 residents with valid NIKs and 6-digit PINs, and the 15 default letters', () => {
    expect(RESIDENTS.length).toBeGreaterThanOrEqual(20);
    for (const r of RESIDENTS) {
      expect(checkNik(r.nik).valid, r.nik).toBe(true);
      expect(r.pin).toMatch(/^\d{6}$/);
    }
    expect(new Set(RESIDENTS.map((r) => r.nik)).size).toBe(RESIDENTS.length);
    expect(LETTERS.map((l) => l.kode)).toEqual([
      '500', 'S-13', 'S-01', 'S-02', 'S-12', 'S-30', 'S-16', 'S-08', 'S-11', '471.1', 'S-07', 'S-41', 'S-43', 'S-03', 'S-10',
    ]);
  });

  it('answers GET / with its version', async () => {
    expect((await call('/')).body).toEqual({ version: 'v2608.0.0' });
  });

  it('logs in with NIK + PIN and keeps only a JSON:API penduduk item', async () => {
    const res = await call('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ credential: budi.nik, password: budi.pin }),
    });
    expect(res.status).toBe(200);
    expect(res.body.data.type).toBe('penduduk');
    expect(typeof res.body.data.id).toBe('string');
    expect(res.body.data.attributes.access_token).toMatchObject({ token_type: 'Bearer', expires_in: 604800 });
    expect(res.body.data.attributes.dasar).toMatchObject({ nik: budi.nik, nama: budi.nama });
    expect(res.body.data.attributes.kelahiran.tanggal_lahir).toBe('15-01-1985');
  });

  it('accepts a form-encoded login too', async () => {
    const res = await call('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credential: budi.nik, password: budi.pin }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong PIN with 401 and locks after 5 failures per NIK + IP for the rest of the hour', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ credential: budi.nik, password: '000000' }) });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 401, messages: 'Identitas tersebut tidak cocok dengan data kami.' });
    }
    const locked = await call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ credential: budi.nik, password: budi.pin }) });
    expect(locked.status).toBe(403);
    expect(locked.body.messages).toMatch(/^Terlalu banyak upaya masuk\. Silahkan coba lagi dalam \d+ detik\.$/);
    // the lock runs before validation
    const empty = await call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ credential: budi.nik }) });
    expect(empty.status).toBe(403);
    // another NIK is not locked
    await login(RESIDENTS[1]!.nik, RESIDENTS[1]!.pin);
  });

  it('validates login input with 422, or redirects without Accept: application/json', async () => {
    const json = await call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({}) });
    expect(json.status).toBe(422);
    expect(json.body.message).toBe('Credential wajib diisi. (and 1 more error)');
    const html = await call('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({}), headers: { Accept: 'text/html' } });
    expect(html.status).toBe(302);
  });

  it('answers a missing token with 401 JSON, or 500 without Accept: application/json', async () => {
    expect((await call('/api/v1/layanan-mandiri/surat/permohonan')).status).toBe(401);
    expect((await call('/api/v1/layanan-mandiri/surat/permohonan')).body).toEqual({ message: 'Unauthenticated.' });
    expect((await call('/api/v1/layanan-mandiri/surat/permohonan', { headers: { Accept: 'text/html' } })).status).toBe(500);
    expect((await call('/api/v1/layanan-mandiri/surat/permohonan', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('pages letter types with string ids, absolute links and the three appended fields', async () => {
    const token = await login();
    const res = await call('/api/v1/layanan-mandiri/surat/jenis-permohonan?page[size]=10', { token });
    expect(res.body.meta.pagination).toEqual({ total: 15, count: 10, per_page: 10, current_page: 1, total_pages: 2 });
    expect(res.body.links.next).toBe(`${sim.url}/api/v1/layanan-mandiri/surat/jenis-permohonan?page[number]=2&page[size]=10`);
    const first = res.body.data[0];
    expect(first).toMatchObject({ type: 'jenis-surat', id: '1', attributes: { kode: '500', slug: 'surat-keterangan-usaha' } });
    const names = first.attributes.form_surat.map((f: { name: string }) => f.name);
    expect(names.slice(-3)).toEqual(['keterangan', 'no_hp_aktif', 'syarat']);
    const syarat = first.attributes.form_surat.at(-1);
    expect(syarat.required).toBe(true);
    // Budi uploaded his KK (requirement 2): it is listed as a document he can choose.
    const kk = syarat.values.find((v: { value: number }) => v.value === 2);
    expect(kk.form_surat[0].values).toEqual([{ label: 'KK Budi Santoso', value: 500 }]);
  });

  it('filters and sorts letter types, and refuses unknown filters and sorts with 400', async () => {
    const token = await login();
    const byName = await call('/api/v1/layanan-mandiri/surat/jenis-permohonan?filter[nama]=domisili&sort=-id', { token });
    expect(byName.body.data.map((d: { id: string }) => d.id)).toEqual(['12', '7']);
    const bad = await call('/api/v1/layanan-mandiri/surat/jenis-permohonan?filter[slug]=x', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Requested filter\(s\) `slug` are not allowed/);
    expect((await call('/api/v1/layanan-mandiri/surat/jenis-permohonan?sort=slug', { token })).status).toBe(400);
  });

  it('sends form_surat null for a letter it cannot build, and fails submitting it with 500', async () => {
    const token = await login();
    sim.setLetterBroken(4, true);
    const res = await call('/api/v1/layanan-mandiri/surat/jenis-permohonan?filter[id]=4', { token });
    expect(res.body.data[0].attributes.form_surat).toBeNull();
    const submit = await call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, {
      method: 'POST', token, body: JSON.stringify(submitBody()),
    });
    expect(submit.status).toBe(500);
  });

  it('stores a request, answering 200 with the status label and a microsecond UTC time', async () => {
    const token = await login();
    const res = await call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, {
      method: 'POST', token, body: JSON.stringify(submitBody()),
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      type: 'permohonan',
      id: '1',
      attributes: { nama_penduduk: 'Budi Santoso', jenis_surat: 'Keterangan Penduduk', status: 'Sedang Diperiksa' },
    });
    expect(res.body.data.attributes.tanggal_kirim).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const [stored] = sim.requests();
    expect(stored?.isianForm).toContain('ADM-01-TEST');
    expect(stored?.keterangan).toBe('Ref kios ADM-01-TEST');
  });

  it('validates submits the way the real server does', async () => {
    const token = await login();
    const slug = LETTERS[3]!.slug;
    const post = (body: unknown, s = slug) =>
      call(`/api/v1/layanan-mandiri/surat/${s}/permohonan`, { method: 'POST', token, body: JSON.stringify(body) });

    const missing = await post(submitBody(LETTERS[3], { keperluan: '  ', syarat: undefined }));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual({ keperluan: ['Keperluan wajib diisi.'], syarat: ['Syarat wajib diisi.'] });
    expect((await post(submitBody(LETTERS[3], { id_surat: undefined }))).status).toBe(500);
    expect((await post(submitBody(LETTERS[3], { id_surat: 999 }))).status).toBe(500);
    const badSlug = await post(submitBody(), 'no-such-letter');
    expect(badSlug.status).toBe(400);
    const objectForm = await post(submitBody(LETTERS[3], { isian_form: { keperluan: 'x' } }));
    expect(objectForm.status).toBe(400);
    const noPhone = await post(submitBody(LETTERS[3], { no_hp_aktif: '' }));
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.messages).toContain("Column 'no_hp_aktif' cannot be null");
    expect((await post(submitBody(LETTERS[3], { no_hp_aktif: '0'.repeat(51) }))).status).toBe(400);
    expect(sim.requests()).toHaveLength(0);
  });

  it('lists only the resident own requests, with filters, sort=-id and labels; cancels status 0/1 once', async () => {
    const token = await login();
    const other = await login(RESIDENTS[1]!.nik, RESIDENTS[1]!.pin);
    const slug = LETTERS[3]!.slug;
    for (let i = 0; i < 3; i++) {
      await call(`/api/v1/layanan-mandiri/surat/${slug}/permohonan`, { method: 'POST', token, body: JSON.stringify(submitBody()) });
    }
    await call(`/api/v1/layanan-mandiri/surat/${slug}/permohonan`, { method: 'POST', token: other, body: JSON.stringify(submitBody()) });
    sim.setStatus(2, 3);

    const list = await call('/api/v1/layanan-mandiri/surat/permohonan?sort=-id', { token });
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual(['3', '2', '1']);
    expect(list.body.data[1].attributes.status).toBe('Siap Diambil');
    const ready = await call('/api/v1/layanan-mandiri/surat/permohonan?filter[status]=3', { token });
    expect(ready.body.data.map((d: { id: string }) => d.id)).toEqual(['2']);
    expect((await call('/api/v1/layanan-mandiri/surat/permohonan?sort=tanggal_kirim', { token })).status).toBe(400);

    const cancel = await call('/api/v1/layanan-mandiri/surat/1/permohonan', { method: 'PUT', token });
    expect(cancel.body).toEqual({ code: 200, messages: 'Permohonan surat berhasil dibatalkan.' });
    expect((await call('/api/v1/layanan-mandiri/surat/1/permohonan', { method: 'PUT', token })).status).toBe(400);
    expect((await call('/api/v1/layanan-mandiri/surat/2/permohonan', { method: 'PUT', token })).status).toBe(400);
    expect((await call('/api/v1/layanan-mandiri/surat/4/permohonan', { method: 'PUT', token })).status).toBe(400);
  });

  it('serves the village profile without a token and articles only with one', async () => {
    const profile = await call('/api/v1/profil-desa');
    expect(profile.body.data).toMatchObject({ type: 'desa', attributes: { alamat: { nama_desa: 'Sukamaju' } } });
    expect((await call('/api/v1/artikel')).status).toBe(401);
    const token = await login();
    const articles = await call('/api/v1/artikel?sort=-tgl_upload', { token });
    expect(articles.body.data[0].attributes.title).toBe('Kerja Bakti Bersih Desa');
    expect(articles.body.data[0].attributes.komentar[0].email).toBeDefined();
  });

  it('plays the operator controls over HTTP', async () => {
    const token = await login();
    await call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, { method: 'POST', token, body: JSON.stringify(submitBody()) });
    expect((await call('/_sim/requests')).body.requests).toHaveLength(1);
    expect((await call('/_sim/requests/1/status', { method: 'POST', body: JSON.stringify({ status: 4 }) })).status).toBe(200);
    expect(sim.requests()[0]?.status).toBe(4);
    expect((await call('/_sim/requests/1/status', { method: 'POST', body: JSON.stringify({ status: 9 }) })).status).toBe(400);
    await call('/_sim/faults', { method: 'PUT', body: JSON.stringify({ latencyMs: 5, subscription: 'not-licensed' }) });
    expect(sim.faults()).toMatchObject({ latencyMs: 5, subscription: 'not-licensed' });
    await call('/_sim/reset', { method: 'POST' });
    expect(sim.requests()).toHaveLength(0);
    expect(sim.faults().subscription).toBe('ok');
  });
});

describe('fault injection', () => {
  it('relays a failing subscription check as 401 Token not provided, or 500 when unreachable', async () => {
    sim.setFaults({ subscription: 'not-licensed' });
    const res = await call('/api/v1/profil-desa');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Token not provided' });
    sim.setFaults({ subscription: 'unreachable' });
    expect((await call('/api/v1/profil-desa')).status).toBe(500);
  });

  it('answers 500 after inserting the row', async () => {
    const token = await login();
    sim.setFaults({ failAfterInsertRate: 1 });
    const res = await call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, { method: 'POST', token, body: JSON.stringify(submitBody()) });
    expect(res.status).toBe(500);
    expect(sim.requests()).toHaveLength(1);
  });

  it('drops the connection after inserting the row, or before', async () => {
    const token = await login();
    const post = () =>
      call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, { method: 'POST', token, body: JSON.stringify(submitBody()) });
    sim.setFaults({ resetAfterInsertRate: 1 });
    await expect(post()).rejects.toThrow();
    expect(sim.requests()).toHaveLength(1);
    sim.setFaults({ resetAfterInsertRate: 0, resetBeforeInsertRate: 1 });
    await expect(post()).rejects.toThrow();
    expect(sim.requests()).toHaveLength(1);
  });

  it('can be slow, or never answer after inserting', async () => {
    const token = await login();
    sim.setFaults({ submitDelayMs: 150 });
    const started = Date.now();
    await call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, { method: 'POST', token, body: JSON.stringify(submitBody()) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.setFaults({ submitDelayMs: 0, hangAfterInsertRate: 1 });
    await expect(
      call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, {
        method: 'POST', token, body: JSON.stringify(submitBody()), signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(sim.requests()).toHaveLength(2);
  });

  it('takes its API down over HTTP like a dead link, keeps /_sim up, and brings the API back with /_sim/up', async () => {
    const api = () => fetch(`${sim.url}/api/v1/layanan-mandiri/surat`, { headers: JSON_HEADERS }).then((res) => `answered ${res.status}`, (error: Error) => error.message);
    expect(await api()).toBe('answered 401');
    expect((await call('/_sim/down', { method: 'POST' })).body).toEqual({ ok: true, down: true, upInSeconds: null });
    expect(await api()).toBe('fetch failed');
    expect(await fetch(`${sim.url}/`).then(() => 'answered', () => 'no answer')).toBe('no answer');
    // The operator can still look and control while the API is down.
    expect((await call('/_sim/requests')).status).toBe(200);
    expect((await call('/_sim/up', { method: 'POST' })).body).toEqual({ ok: true, down: false });
    expect(await api()).toBe('answered 401');
  });

  it('comes back by itself after the seconds given to /_sim/down', async () => {
    expect((await call('/_sim/down', { method: 'POST', body: JSON.stringify({ seconds: 1 }) })).body).toEqual({ ok: true, down: true, upInSeconds: 1 });
    expect(await fetch(`${sim.url}/`).then(() => 'up', () => 'down')).toBe('down');
    await expect.poll(async () => fetch(`${sim.url}/`).then(() => 'up', () => 'down'), { timeout: 5000 }).toBe('up');
  });

  it('goes down (connections refused) and comes back on the same port with its data', async () => {
    const token = await login();
    await call(`/api/v1/layanan-mandiri/surat/${LETTERS[3]!.slug}/permohonan`, { method: 'POST', token, body: JSON.stringify(submitBody()) });
    const port = sim.port;
    await sim.setDown(true);
    await expect(fetch(`${sim.url}/`)).rejects.toThrow();
    await sim.setDown(false);
    expect(sim.port).toBe(port);
    expect((await call('/')).status).toBe(200);
    expect(sim.requests()).toHaveLength(1);
  });
});
