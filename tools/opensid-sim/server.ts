/**
 * The demo village server: a real HTTP server speaking the subset of the
 * OpenSID API service that the kiosk uses, quirks included (see the facts in
 * the project's OpenSID notes): JSON:API bodies with string ids, `{code,
 * messages}` app errors, 302/500 answers without `Accept: application/json`,
 * JSON strings inside the submit body, no idempotency, a login lock per
 * NIK + IP, a subscription check before every call, and issued letters
 * (`arsip`, `unduh`) whose download checks no owner and answers a missing
 * file with 200 and an empty body.
 *
 * Operator controls live outside /api under /_sim (see `handleControl`).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { jwtVerify, SignJWT } from 'jose';
import { checkQuery, collection, item, paginated, readPage, type Resource } from './jsonapi';
import { mergeFaults, NO_FAULTS, type SimFaults } from './faults';
import { letterPdf } from './letter-pdf';
import { PICTURES, pictureAt } from './pictures';
import {
  ARTICLES,
  ISSUED_LETTERS,
  LETTERS,
  REQUIREMENT_TYPES,
  RESIDENTS,
  VILLAGE,
  type SimFormField,
  type SimIssuedLetter,
  type SimLetter,
  type SimResident,
} from './seed';

export const SIM_VERSION = 'v2608.0.0';
export const STATUS_LABELS = [
  'Belum Lengkap',
  'Sedang Diperiksa',
  'Menunggu Tandatangan',
  'Siap Diambil',
  'Sudah Diambil',
  'Dibatalkan',
] as const;

const LOCK_LIMIT = 5;
const LOCK_WINDOW_MS = 60 * 60 * 1000;
const TOKEN_TTL_SECONDS = 604800;

export interface StoredRequest {
  id: number;
  residentId: number;
  nik: string;
  letterId: number;
  slug: string;
  status: number;
  isianForm: string | null;
  syarat: string;
  noHpAktif: string;
  keterangan: string | null;
  tanggalKirim: Date;
}

/** One call to the API as the server received it (no body, no token). */
export interface SimApiCall {
  method: string;
  path: string;
}

/** Calls kept for `apiCalls()`; a demo server left running drops the oldest. */
const API_CALLS_KEPT = 1000;

export interface OpensidSimOptions {
  port?: number;
  host?: string;
  faults?: Partial<SimFaults>;
  /** Clock for tanggal_kirim and lock windows (tests move it). */
  now?: () => Date;
}

export interface OpensidSim {
  readonly url: string;
  readonly port: number;
  requests(): StoredRequest[];
  /** Submits received and not yet answered (tests kill clients mid-submit). */
  submitsInFlight(): number;
  /** Login requests received so far (each counts toward the server's lock). */
  loginAttempts(): number;
  /** Tokens ended with /auth/logout so far. */
  logouts(): number;
  /** Every API call received so far (method and path, oldest first): tests show what a client did not ask. */
  apiCalls(): SimApiCall[];
  faults(): SimFaults;
  setFaults(patch: Partial<SimFaults>): void;
  setStatus(requestId: number, status: number): boolean;
  setLetterBroken(letterId: number, broken: boolean): void;
  /** An issued letter's stored file is gone (`unduh` answers 200 with an empty body), or back. False for an unknown id. */
  setIssuedLetterFileMissing(id: number, missing: boolean): boolean;
  /** An issued letter's signature state. False for an unknown id. */
  setIssuedLetterTte(id: number, tte: 0 | 1 | null): boolean;
  /** Stop listening (connections refused) or listen again on the same port. */
  setDown(down: boolean): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

class HttpError {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

const appError = (status: number, messages: string) => new HttpError(status, { code: status, messages });
const serverError = () => new HttpError(500, { message: 'Server Error' });

export async function startOpensidSim(options: OpensidSimOptions = {}): Promise<OpensidSim> {
  const baseNow = options.now ?? (() => new Date());
  const now = () => new Date(baseNow().getTime() + faults.clockOffsetSeconds * 1000);
  let loginCount = 0;
  let apiCalls: SimApiCall[] = [];
  const revoked = new Set<string>();
  const secret = randomBytes(32);
  const host = options.host ?? '127.0.0.1';
  let faults: SimFaults = mergeFaults(NO_FAULTS, options.faults ?? {});
  let requests: StoredRequest[] = [];
  let nextRequestId = 1;
  const lockCounters = new Map<string, { count: number; windowStart: number }>();
  const brokenLetters = new Set<number>();
  // Per server: a PIN change must not leak into another instance or survive reset().
  let residents: SimResident[] = structuredClone(RESIDENTS);
  let issuedLetters: SimIssuedLetter[] = structuredClone(ISSUED_LETTERS);
  const sockets = new Set<Socket>();
  let port = options.port ?? 0;
  let inFlight = 0;
  // The operator's outage (POST /_sim/down): the API drops every connection
  // while /_sim stays up to bring it back; `comeBack` ends a timed one.
  let apiDown = false;
  let comeBack: NodeJS.Timeout | null = null;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { message: 'Server Error', detail: String(error) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${host}:${port}`}`);
    const wantsJson = /application\/json/i.test(req.headers.accept ?? '');
    if (url.pathname.startsWith('/_sim/')) return handleControl(req, res, url);
    // Like a dead link: the connection ends with no answer at all.
    if (apiDown) return void req.socket.destroy();
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, { version: SIM_VERSION });
    const picture = req.method === 'GET' ? pictureAt(url.pathname) : null;
    if (picture) {
      const png = await picture;
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
      res.end(png);
      return;
    }
    // The letter files' direct addresses (`file` in the arsip list): the web server refuses them.
    if (url.pathname.startsWith('/desa/arsip/')) {
      res.writeHead(403, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end('<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>');
      return;
    }
    if (!url.pathname.startsWith('/api/v1/')) return send(res, 404, { message: 'Not Found' });
    apiCalls.push({ method: req.method ?? 'GET', path: url.pathname });
    if (apiCalls.length > API_CALLS_KEPT) apiCalls = apiCalls.slice(-API_CALLS_KEPT);

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.subscription === 'not-licensed') return send(res, 401, { message: 'Token not provided' });
    if (faults.subscription === 'unreachable') return send(res, 500, { message: 'Server Error' });

    try {
      const body = await readBody(req);
      const answer = await route(req, res, url, body, wantsJson);
      if (answer === 'handled') return;
      send(res, 200, answer);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (!wantsJson && error.status === 422) {
        // Laravel redirects back with the errors in the session.
        res.writeHead(302, { Location: `${url.origin}/` });
        res.end();
        return;
      }
      send(res, error.status, error.body);
    }
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Record<string, unknown>,
    wantsJson: boolean,
  ): Promise<unknown> {
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const baseUrl = `${url.origin}${path}`;

    if (method === 'POST' && path === '/api/v1/auth/login') return login(req, body);
    if (method === 'GET' && path === '/api/v1/profil-desa') return villageProfile(url.origin);

    // Everything else needs the resident's token.
    const resident = await authenticate(req, wantsJson);

    if (method === 'POST' && path === '/api/v1/auth/logout') {
      // jwt-auth blacklists the token: it is refused from now on.
      revoked.add(bearerToken(req) ?? '');
      return { code: 200, messages: 'Successfully logged out' };
    }
    if (method === 'POST' && path === '/api/v1/auth/change-pin') return changePin(resident, body);
    if (method === 'GET' && path === '/api/v1/layanan-mandiri/surat/jenis-permohonan') {
      return letterTypes(resident, url.searchParams, baseUrl);
    }
    if (method === 'GET' && path === '/api/v1/layanan-mandiri/surat/syarat') {
      return collection(
        Object.entries(REQUIREMENT_TYPES).map(([id, nama]) => ({ type: 'syarat', id, attributes: { nama } })),
      );
    }
    if (method === 'GET' && path === '/api/v1/layanan-mandiri/surat/permohonan') {
      return ownRequests(resident, url.searchParams, baseUrl);
    }
    if (method === 'GET' && path === '/api/v1/artikel') return articles(url.searchParams, baseUrl);
    if (method === 'GET' && path === '/api/v1/layanan-mandiri/surat/arsip') {
      return ownIssuedLetters(resident, url.searchParams, baseUrl, url.origin);
    }
    const downloadMatch = /^\/api\/v1\/layanan-mandiri\/surat\/([^/]+)\/unduh$/.exec(path);
    if (method === 'GET' && downloadMatch) return downloadLetter(decodeURIComponent(downloadMatch[1]!), res, wantsJson);
    const submitMatch = /^\/api\/v1\/layanan-mandiri\/surat\/([^/]+)\/permohonan$/.exec(path);
    if (method === 'POST' && submitMatch) {
      inFlight += 1;
      try {
        return await submit(resident, decodeURIComponent(submitMatch[1]!), body, res);
      } finally {
        inFlight -= 1;
      }
    }
    if (method === 'PUT' && submitMatch) return cancel(resident, submitMatch[1]!);
    throw new HttpError(404, { message: 'Not Found' });
  }

  // --- auth ---------------------------------------------------------------

  async function login(req: IncomingMessage, body: Record<string, unknown>): Promise<unknown> {
    loginCount += 1;
    const credential = trimmed(body.credential);
    const password = trimmed(body.password);
    const key = `${(credential ?? '').toLowerCase()}|${req.socket.remoteAddress ?? ''}`;
    const counter = lockCounters.get(key);
    const nowMs = now().getTime();
    if (counter && nowMs - counter.windowStart >= LOCK_WINDOW_MS) lockCounters.delete(key);
    const current = lockCounters.get(key);
    // The lock check runs before validation.
    if (current && current.count >= LOCK_LIMIT) {
      const seconds = Math.ceil((current.windowStart + LOCK_WINDOW_MS - nowMs) / 1000);
      throw appError(403, `Terlalu banyak upaya masuk. Silahkan coba lagi dalam ${seconds} detik.`);
    }
    const errors: Record<string, string[]> = {};
    if (!credential) errors.credential = ['Credential wajib diisi.'];
    if (!password) errors.password = ['Password wajib diisi.'];
    if (Object.keys(errors).length > 0) throw validation(errors);
    // Legacy PIN hashes choke on non-digits (the real server answers 500).
    if (!/^\d+$/.test(password!)) throw serverError();

    const resident = residents.find((r) => r.nik === credential);
    if (!resident || resident.pin !== password) {
      const entry = lockCounters.get(key) ?? { count: 0, windowStart: nowMs };
      entry.count += 1;
      lockCounters.set(key, entry);
      throw appError(401, 'Identitas tersebut tidak cocok dengan data kami.');
    }
    lockCounters.delete(key);
    const token = await new SignJWT({ sub: String(resident.id) })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(randomBytes(8).toString('hex')) // as jwt-auth: every token differs, so a logout revokes only its own
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
      .sign(secret);
    return item({ type: 'penduduk', id: resident.id, attributes: residentAttributes(resident, token) });
  }

  async function authenticate(req: IncomingMessage, wantsJson: boolean): Promise<SimResident> {
    const token = bearerToken(req);
    const unauthenticated = (): HttpError =>
      // Without Accept: application/json the real server fails to redirect to a login route: 500.
      wantsJson ? new HttpError(401, { message: 'Unauthenticated.' }) : serverError();
    if (!token || revoked.has(token)) throw unauthenticated();
    try {
      const { payload } = await jwtVerify(token, secret);
      const resident = residents.find((r) => String(r.id) === payload.sub);
      if (!resident) throw unauthenticated();
      return resident;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw unauthenticated();
    }
  }

  function changePin(resident: SimResident, body: Record<string, unknown>): unknown {
    const old = trimmed(body.pin);
    const next = trimmed(body.password);
    const confirm = trimmed(body.password_confirmation);
    if (!old || !next || next !== confirm) {
      throw validation({ password: ['Konfirmasi password tidak cocok.'] });
    }
    if (old !== resident.pin) throw appError(403, 'Pin lama yang anda masukkan tidak sesuai.');
    resident.pin = next;
    return { code: 200, messages: 'PIN berhasil diganti.' };
  }

  // --- letters and requests --------------------------------------------------

  function letterTypes(resident: SimResident, query: URLSearchParams, baseUrl: string): unknown {
    const checked = checkQuery(query, ['id', 'kode_surat', 'nama'], ['id', 'nama', 'kode_surat']);
    if (!checked.ok) throw new HttpError(400, { message: checked.message });
    let letters = [...LETTERS];
    const byId = checked.filters.get('id');
    const byCode = checked.filters.get('kode_surat');
    const byName = checked.filters.get('nama');
    if (byId) letters = letters.filter((l) => byId.split(',').includes(String(l.id)));
    if (byCode) letters = letters.filter((l) => l.kode === byCode);
    if (byName) letters = letters.filter((l) => l.nama.toLowerCase().includes(byName.toLowerCase()));
    if (checked.sort) letters = sortBy(letters, checked.sort, (l, key) => (key === 'kode_surat' ? l.kode : l[key as 'id' | 'nama']));
    const resources: Resource[] = letters.map((letter) => ({
      type: 'jenis-surat',
      id: letter.id,
      attributes: {
        kode: letter.kode,
        nama: letter.nama,
        slug: letter.slug,
        form_surat: brokenLetters.has(letter.id) ? null : formFor(letter, resident),
      },
    }));
    return paginated(resources, readPage(query), baseUrl, query);
  }

  function formFor(letter: SimLetter, resident: SimResident): SimFormField[] {
    return [
      ...letter.fields,
      { type: 'textarea', required: false, label: 'Keterangan', name: 'keterangan', placeholder: '' },
      { type: 'number', required: false, label: 'No. HP Aktif', name: 'no_hp_aktif', placeholder: '' },
      {
        type: 'select',
        required: true,
        label: 'Syarat',
        name: 'syarat',
        multiple: false,
        values: letter.syarat.map((syaratId) => ({
          label: REQUIREMENT_TYPES[syaratId]!,
          value: syaratId,
          form_surat: [
            {
              type: 'select',
              name: 'dokumen',
              values: resident.dokumen
                .filter((d) => d.syaratId === syaratId)
                .map((d) => ({ label: d.nama, value: d.id })),
            },
          ],
        })) as unknown as SimFormField['values'],
      },
    ];
  }

  async function submit(
    resident: SimResident,
    slug: string,
    body: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<unknown> {
    const stored = LETTERS.find((l) => l.slug === slug);
    if (!stored) throw appError(400, 'Attempt to read property "id" on null');
    // id_surat, not the slug, chooses the validation rules.
    const idSurat = Number(body.id_surat);
    const rules = LETTERS.find((l) => l.id === idSurat);
    if (!rules || brokenLetters.has(rules.id)) throw serverError();

    const errors: Record<string, string[]> = {};
    for (const field of rules.fields) {
      if (field.required && trimmed(body[field.name]) === null) errors[field.name] = [`${field.label} wajib diisi.`];
    }
    if (body.syarat === undefined || body.syarat === null || body.syarat === '') errors.syarat = ['Syarat wajib diisi.'];
    if (Object.keys(errors).length > 0) throw validation(errors);

    for (const key of ['isian_form', 'syarat'] as const) {
      const value = body[key];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw appError(400, `json_decode(): Argument #1 ($json) must be of type string, array given`);
      }
    }
    const noHp = trimmed(body.no_hp_aktif);
    if (noHp === null) {
      throw appError(400, "SQLSTATE[23000]: Integrity constraint violation: 1048 Column 'no_hp_aktif' cannot be null");
    }
    if (noHp.length > 50) {
      throw appError(400, "SQLSTATE[22001]: String data, right truncated: 1406 Data too long for column 'no_hp_aktif' at row 1");
    }

    if (Math.random() < faults.resetBeforeInsertRate) return dropConnection(res);
    const row: StoredRequest = {
      id: nextRequestId++,
      residentId: resident.id,
      nik: resident.nik,
      letterId: stored.id,
      slug: stored.slug,
      status: 1,
      isianForm: trimmed(body.isian_form),
      syarat: String(body.syarat),
      noHpAktif: noHp,
      keterangan: trimmed(body.keterangan),
      tanggalKirim: now(),
    };
    requests.push(row);

    // Notifications run after the INSERT, outside any transaction.
    if (faults.submitDelayMs > 0) await sleep(faults.submitDelayMs);
    if (Math.random() < faults.hangAfterInsertRate) return 'handled';
    if (Math.random() < faults.resetAfterInsertRate) return dropConnection(res);
    if (Math.random() < faults.failAfterInsertRate) throw serverError();
    return item(requestResource(row));
  }

  function ownRequests(resident: SimResident, query: URLSearchParams, baseUrl: string): unknown {
    const checked = checkQuery(query, ['id', 'status'], ['id']);
    if (!checked.ok) throw new HttpError(400, { message: checked.message });
    let rows = requests.filter((r) => r.residentId === resident.id);
    const byId = checked.filters.get('id');
    const byStatus = checked.filters.get('status');
    if (byId) rows = rows.filter((r) => byId.split(',').includes(String(r.id)));
    if (byStatus) rows = rows.filter((r) => byStatus.split(',').includes(String(r.status)));
    // No default order: the database's (insertion) order unless sorted.
    if (checked.sort) rows = sortBy(rows, checked.sort, (r) => r.id);
    return paginated(rows, readPage(query), baseUrl, query, requestResource);
  }

  function cancel(resident: SimResident, rawId: string): unknown {
    const row = requests.find((r) => String(r.id) === rawId && r.residentId === resident.id);
    if (!row || (row.status !== 0 && row.status !== 1)) {
      throw appError(400, 'Permohonan surat tidak dapat dibatalkan.');
    }
    row.status = 5;
    return { code: 200, messages: 'Permohonan surat berhasil dibatalkan.' };
  }

  function requestResource(row: StoredRequest): Resource {
    const resident = residents.find((r) => r.id === row.residentId)!;
    const letter = LETTERS.find((l) => l.id === row.letterId)!;
    return {
      type: 'permohonan',
      id: row.id,
      attributes: {
        nama_penduduk: resident.nama,
        jenis_surat: letter.nama,
        status: STATUS_LABELS[row.status],
        tanggal_kirim: microsecondIso(row.tanggalKirim),
      },
    };
  }

  // --- issued letters (arsip) ---------------------------------------------------

  function ownIssuedLetters(resident: SimResident, query: URLSearchParams, baseUrl: string, origin: string): unknown {
    // `nama` and `pamong_nama` are allowed filters naming columns that do not exist: an SQL error.
    const checked = checkQuery(query, ['id', 'no_surat', 'tanggal', 'nama', 'pamong_nama'], ['id', 'tanggal']);
    if (!checked.ok) throw new HttpError(400, { message: checked.message });
    if (checked.filters.has('nama') || checked.filters.has('pamong_nama')) throw serverError();
    // Scoped to the resident, and nothing else: drafts and unsigned letters are listed too.
    let rows = issuedLetters.filter((l) => l.residentId === resident.id);
    const byId = checked.filters.get('id');
    const byNumber = checked.filters.get('no_surat');
    const byDate = checked.filters.get('tanggal');
    if (byId) rows = rows.filter((l) => byId.split(',').includes(String(l.id)));
    if (byNumber) rows = rows.filter((l) => l.nomorSurat === byNumber);
    if (byDate) rows = rows.filter((l) => l.tanggal.startsWith(byDate));
    // No default order: the database's (insertion) order unless sorted.
    if (checked.sort) rows = sortBy(rows, checked.sort, (l, key) => (key === 'tanggal' ? l.tanggal : l.id));
    return paginated(rows, readPage(query), baseUrl, query, (l) => ({
      type: 'arsip',
      id: l.id,
      attributes: {
        nomor_surat: l.nomorSurat,
        jenis_surat: letterNameOf(l),
        nama_pamong: l.official.nama,
        tanggal: l.tanggal,
        tte: l.tte,
        // A direct address the web server refuses (403): clients must not use it.
        file: `${origin}/desa/arsip/${storedFileName(l)}`,
      },
    }));
  }

  /**
   * `unduh`: the stored file of ANY letter of the village by id. The real
   * server checks no owner (it only needs a valid token), so neither does this.
   */
  async function downloadLetter(rawId: string, res: ServerResponse, wantsJson: boolean): Promise<'handled'> {
    const letter = issuedLetters.find((l) => String(l.id) === rawId);
    if (!letter) {
      const message = `No query results for model [App\\Models\\LogSurat] ${rawId}`;
      if (wantsJson) throw new HttpError(404, { message });
      res.writeHead(404, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end('<html><head><title>Not Found</title></head><body>404 | Not Found</body></html>');
      return 'handled';
    }
    if (letter.fileMissing) {
      // The server only logs that the file is gone and answers 200 with nothing.
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': 0 });
      res.end();
      return 'handled';
    }
    const resident = residents.find((r) => r.id === letter.residentId)!;
    const pdf = await letterPdf({ letter, letterName: letterNameOf(letter), resident });
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': pdf.length,
      // The file name carries the resident's NIK, as the real server's does.
      'Content-Disposition': `attachment; filename="${storedFileName(letter)}"`,
    });
    res.end(pdf);
    return 'handled';
  }

  function setIssuedLetterFileMissing(id: number, missing: boolean): boolean {
    const letter = issuedLetters.find((l) => l.id === id);
    if (letter) letter.fileMissing = missing;
    return letter !== undefined;
  }

  function setIssuedLetterTte(id: number, tte: 0 | 1 | null): boolean {
    const letter = issuedLetters.find((l) => l.id === id);
    if (letter) letter.tte = tte;
    return letter !== undefined;
  }

  function storedFileName(letter: SimIssuedLetter): string {
    const nik = residents.find((r) => r.id === letter.residentId)?.nik ?? '0';
    const kind = (letterNameOf(letter) ?? 'surat').toLowerCase().replace(/[^a-z0-9]+/g, '_');
    return `surat_${kind}_${nik}_${letter.tanggal.slice(0, 10)}_${letter.id}.pdf`;
  }

  // --- content -----------------------------------------------------------------

  function villageProfile(origin: string): unknown {
    return item({
      type: 'desa',
      id: 1,
      attributes: {
        logo: `${origin}${PICTURES.logo}`,
        galeri: PICTURES.gallery.map((photo, i) => ({ id: i + 1, nama: photo.nama, url_gambar: `${origin}${photo.path}`, enabled: 1 })),
        branding: { nama_aplikasi: 'OpenSID' },
        operator: VILLAGE.operator,
        perangkat_desa: { nama_kepala_desa: VILLAGE.kepala_desa },
        alamat: {
          alamat_kantor: VILLAGE.alamat_kantor,
          kode_desa: VILLAGE.kode_desa,
          nama_desa: VILLAGE.nama_desa,
          nama_kecamatan: VILLAGE.nama_kecamatan,
          nama_kabupaten: VILLAGE.nama_kabupaten,
          nama_provinsi: VILLAGE.nama_provinsi,
          kode_pos: VILLAGE.kode_pos,
          lat: '-6.4815',
          lng: '106.8540',
        },
        config: { sebutan_desa: 'Desa', sebutan_kecamatan: 'Kecamatan', sebutan_kabupaten: 'Kabupaten' },
      },
    });
  }

  function articles(query: URLSearchParams, baseUrl: string): unknown {
    const checked = checkQuery(query, ['id'], ['id', 'tgl_upload']);
    if (!checked.ok) throw new HttpError(400, { message: checked.message });
    let rows = [...ARTICLES];
    if (checked.sort) rows = sortBy(rows, checked.sort, (a, key) => (key === 'tgl_upload' ? a.created_at : a.id));
    const resources = rows.map((a) => ({
      type: 'artikel',
      id: a.id,
      attributes: {
        title: a.title,
        text: a.text,
        image: a.id === 1 ? `${new URL(baseUrl).origin}${PICTURES.article(a.id)}` : null,
        created_at: a.created_at,
        // Never to be shown by a client: commenters' contact details.
        komentar: [{ id: a.id * 10, owner: 'Warga', email: 'warga@contoh.invalid', no_hp: '0812000000', komentar: 'Terima kasih' }],
      },
    }));
    return paginated(resources, readPage(query), baseUrl, query);
  }

  // --- operator controls (not part of the OpenSID API) ------------------------

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const statusMatch = /^\/_sim\/requests\/(\d+)\/status$/.exec(url.pathname);
    const brokenMatch = /^\/_sim\/letters\/(\d+)\/broken$/.exec(url.pathname);
    const issuedMatch = /^\/_sim\/arsip\/(\d+)\/(file|tte)$/.exec(url.pathname);
    if (method === 'GET' && url.pathname === '/_sim/requests') return send(res, 200, { requests });
    if (method === 'GET' && url.pathname === '/_sim/api-calls') return send(res, 200, { calls: apiCalls });
    if (method === 'POST' && statusMatch) {
      const ok = setStatus(Number(statusMatch[1]), Number(body.status));
      return send(res, ok ? 200 : 400, { ok });
    }
    if (method === 'POST' && brokenMatch) {
      handleBroken(Number(brokenMatch[1]), body.broken !== false && body.broken !== 'false');
      return send(res, 200, { ok: true });
    }
    if (method === 'POST' && issuedMatch) {
      const id = Number(issuedMatch[1]);
      if (issuedMatch[2] === 'file') {
        const ok = setIssuedLetterFileMissing(id, body.missing !== false && body.missing !== 'false');
        return send(res, ok ? 200 : 404, { ok });
      }
      const tte = body.tte === null || body.tte === 'null' ? null : Number(body.tte);
      const ok = (tte === null || tte === 0 || tte === 1) && setIssuedLetterTte(id, tte);
      return send(res, ok ? 200 : 400, { ok });
    }
    if (method === 'POST' && url.pathname === '/_sim/down') {
      // For demos: the API fails like a dead link until /_sim/up, or for `seconds` (1-600) when given.
      const seconds = body.seconds === undefined ? null : Math.min(600, Math.max(1, Number(body.seconds) || 30));
      setApiDown(true, seconds);
      return send(res, 200, { ok: true, down: true, upInSeconds: seconds });
    }
    if (method === 'POST' && url.pathname === '/_sim/up') {
      setApiDown(false, null);
      return send(res, 200, { ok: true, down: false });
    }
    if (method === 'POST' && url.pathname === '/_sim/reset') {
      reset();
      return send(res, 200, { ok: true });
    }
    if (url.pathname === '/_sim/faults') {
      if (method === 'PUT' || method === 'POST') faults = mergeFaults(faults, body);
      return send(res, 200, faults);
    }
    send(res, 404, { message: 'Not Found' });
  }

  function setApiDown(down: boolean, seconds: number | null): void {
    if (comeBack) clearTimeout(comeBack);
    comeBack = down && seconds !== null ? setTimeout(() => setApiDown(false, null), seconds * 1000) : null;
    comeBack?.unref();
    apiDown = down;
  }

  function setStatus(requestId: number, status: number): boolean {
    const row = requests.find((r) => r.id === requestId);
    if (!row || !Number.isInteger(status) || status < 0 || status > 5) return false;
    row.status = status;
    return true;
  }

  function handleBroken(letterId: number, broken: boolean): void {
    if (broken) brokenLetters.add(letterId);
    else brokenLetters.delete(letterId);
  }

  function reset(): void {
    requests = [];
    apiCalls = [];
    nextRequestId = 1;
    lockCounters.clear();
    brokenLetters.clear();
    residents = structuredClone(RESIDENTS);
    issuedLetters = structuredClone(ISSUED_LETTERS);
    faults = { ...NO_FAULTS };
  }

  async function listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
  }

  async function stopListening(): Promise<void> {
    setApiDown(false, null);
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  await listen();
  return {
    get url() {
      return `http://${host}:${port}`;
    },
    get port() {
      return port;
    },
    requests: () => requests.map((r) => ({ ...r })),
    submitsInFlight: () => inFlight,
    loginAttempts: () => loginCount,
    logouts: () => revoked.size,
    apiCalls: () => apiCalls.map((call) => ({ ...call })),
    faults: () => ({ ...faults }),
    setFaults: (patch) => {
      faults = mergeFaults(faults, patch);
    },
    setStatus,
    setLetterBroken: handleBroken,
    setIssuedLetterFileMissing,
    setIssuedLetterTte,
    async setDown(down) {
      if (down) await stopListening();
      else if (!server.listening) await listen();
    },
    reset,
    close: stopListening,
  };
}

// --- helpers ---------------------------------------------------------------

/** `jenis_surat`: the letter format's name, or null when the format is gone. */
function letterNameOf(letter: SimIssuedLetter): string | null {
  return LETTERS.find((l) => l.id === letter.letterId)?.nama ?? null;
}

function residentAttributes(resident: SimResident, token: string) {
  return {
    access_token: { token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS },
    ganti_pin: resident.gantiPin,
    dasar: {
      foto: null,
      nik: resident.nik,
      nama: resident.nama,
      status_kepemilikan_ktp: { wajib_ktp: 'WAJIB', ktp_el: 'KTP-EL', status_rekam: 'SUDAH REKAM', tag_id_card: resident.tagIdCard },
      no_kk: resident.noKk,
      agama: 'ISLAM',
      pekerjaan: 'WIRASWASTA',
    },
    kelahiran: { tempat_lahir: resident.tempatLahir, tanggal_lahir: resident.tanggalLahir, akta_lahir: null },
    alamat: {
      no_telepon: resident.noTelepon,
      email: null,
      dusun: resident.dusun,
      rt: resident.rt,
      rw: resident.rw,
      alamat_sekarang: `${resident.dusun} RT ${resident.rt} RW ${resident.rw}`,
    },
  };
}

function validation(errors: Record<string, string[]>): HttpError {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const message = more > 0 ? `${messages[0]} (and ${more} more error${more > 1 ? 's' : ''})` : messages[0];
  return new HttpError(422, { message, errors });
}

/** The server trims strings and turns "" into null. */
function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function trimmed(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

function sortBy<T>(rows: T[], sort: string, key: (row: T, field: string) => unknown): T[] {
  const descending = sort.startsWith('-');
  const field = sort.replace(/^-/, '');
  return [...rows].sort((a, b) => {
    const x = key(a, field) as string | number;
    const y = key(b, field) as string | number;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

/** `2026-08-10T02:15:30.000000Z`: Laravel's ISO format with microseconds. */
export function microsecondIso(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function dropConnection(res: ServerResponse): 'handled' {
  res.socket?.destroy();
  return 'handled';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (/application\/json/i.test(req.headers['content-type'] ?? '')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      throw new HttpError(400, { message: 'Malformed JSON' });
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
