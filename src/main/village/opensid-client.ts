/**
 * The OpenSID API client. Every answer is parsed with zod; every failure is a
 * `VillageError` value. `Accept: application/json` is always sent: without it
 * the server answers validation errors with a 302 and a missing token with 500.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { statusCodeFromLabel } from '../../shared/request-status';
import { classifyHttpError, classifyThrown, type ErrorBody, type VillageError } from './errors';
import { downloadImage, pictureRefusal } from './image-download';
import { isLetterId, toIssuedLetters } from './issued-letters';
import { describeBytes, readCappedBody } from './read-capped-body';
import {
  appMessage,
  articleAttributes,
  galleryPhoto,
  issuedLetterAttributes,
  itemBody,
  letterAttributes,
  loginAttributes,
  pageBody,
  profileAttributes,
  requestAttributes,
  requirementAttributes,
  resource,
  versionBody,
  type RawFormField,
} from './schemas';
import type {
  Article,
  LetterDownload,
  LetterType,
  ServerRequest,
  SubmitRequest,
  VillageProfile,
  VillageResult,
  VillageServer,
} from './types';

export interface OpensidClientOptions {
  baseUrl: string;
  /** Reads and login (ms). */
  readTimeoutMs?: number;
  /** Submitting a request: the server sends notifications before answering (ms). */
  submitTimeoutMs?: number;
  /**
   * A letter's file, headers and body (ms); the submit timeout when not given.
   * The read timeout suits JSON answers of a few KiB; a letter PDF of several
   * MiB over a village link of 1-2 Mbit/s takes tens of seconds, the same
   * order as a slow submit, whose timeout the technician already sets for
   * this village's link.
   */
  downloadTimeoutMs?: number;
  fetch?: typeof fetch;
  /** Where an answer refused for its size is said (the technician's log). */
  log?: Logger;
}

/** Keys OpenSID uses itself inside isian_form; answers never overwrite them. */
export const RESERVED_FORM_KEYS = new Set([
  'nomor', 'nik', 'id_surat', 'url_surat', 'url_remote', 'pilih_atas_nama', 'pamong', 'pamong_nip', 'jabatan', 'pamong_id',
]);
/** The kiosk reference rides inside the stored answers under this key. */
export const REFERENCE_FORM_KEY = 'referensi_kios';
const APPENDED_FIELDS = new Set(['keterangan', 'no_hp_aktif', 'syarat']);
const API = '/api/v1';
/**
 * No JSON answer of the API is near this: the largest are a page of 100
 * letter forms and ten articles whose HTML may carry pasted pictures inline,
 * a few hundred KiB to a few MiB. Past it the answer is not one we asked for.
 */
export const MAX_JSON_ANSWER_BYTES = 8 * 1024 * 1024;
/**
 * A listing read page by page (the letter types) is capped as a whole too:
 * each page under the per-answer cap could still add up to hundreds of MiB
 * (50 pages just under 8 MiB once held 2.3 GB). Two answers' worth is far
 * more than a real village's letters take (a few MiB).
 */
export const MAX_LISTING_BYTES = 16 * 1024 * 1024;
/** Rows asked per page of a listing: OpenSID's largest page. */
const LISTING_PAGE_SIZE = 100;
/**
 * How much the kiosk would ever show, with room to spare: OpenSID ships some
 * sixty letter formats and a village adds a few; a letter's form has tens of
 * fields; a choice lists tens of options, a few hundred at most (OpenSID's
 * longest built-in list, occupations, has about ninety). Beyond these a menu or a picker
 * is of no use to a resident, and the answer is not one a village server
 * means: refused as a whole, the cached letters stay in use.
 */
export const LETTER_LIMITS = { letters: 500, fieldsPerLetter: 200, optionsPerField: 1000 } as const;
/**
 * Issued letters read per listing: a resident collects a few letters a year;
 * the list is sorted newest first, so past this only old letters are left out
 * (rather than refusing the whole list, as for letter types).
 */
export const ISSUED_LETTER_LIMIT = 500;
/** An error answer (JSON, or a proxy's page) is read this far to find its message. */
const ERROR_ANSWER_BYTES = 64 * 1024;

type Method = 'GET' | 'POST' | 'PUT';
/** What the pages of one listing may still take, shared by its requests. */
interface ListingBudget {
  bytesLeft: number;
}
const ARTICLES_SHOWN = 10;

export function createOpensidClient(options: OpensidClientOptions): VillageServer {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const readTimeoutMs = options.readTimeoutMs ?? 10_000;
  const submitTimeoutMs = options.submitTimeoutMs ?? 45_000;
  const downloadTimeoutMs = options.downloadTimeoutMs ?? submitTimeoutMs;
  const doFetch = options.fetch ?? fetch;

  async function request<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    init: { token?: string; body?: unknown; timeoutMs?: number; context?: 'login' | 'other'; listing?: ListingBudget } = {},
  ): Promise<VillageResult<z.output<S>>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    // A pooled keep-alive connection may have died with a server restart or an
    // idle NAT timeout; requests that are safe to repeat get one more try.
    const mayRepeat = method === 'GET' || init.context === 'login';
    let response: Response;
    let text: string;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          redirect: 'manual',
          signal: AbortSignal.timeout(init.timeoutMs ?? readTimeoutMs),
        });
        // A page of a listing may take only what the listing has left.
        const listing = init.listing;
        const byListing = listing !== undefined && listing.bytesLeft < MAX_JSON_ANSWER_BYTES;
        const body = await readCappedBody(response, byListing ? listing.bytesLeft : MAX_JSON_ANSWER_BYTES);
        if (!body.ok) {
          const { capBytes, declaredBytes, message } = body.tooLarge;
          const what = byListing ? `answers to one listing larger than ${describeBytes(MAX_LISTING_BYTES)} together` : `answer ${message}`;
          const cap = byListing ? MAX_LISTING_BYTES : capBytes;
          options.log?.warn({ path, capBytes: cap, declaredBytes }, `${what} from the village server: not read further, connection released`);
          // Transient, not permanent: the server did answer (a submit may have
          // been stored, so the sync worker must look before sending again, as
          // after a 5xx), and the same call may be answered normally once the
          // server is fixed; a permanent error would park a request for good.
          return { ok: false, error: { kind: 'transient', reason: 'server', status: response.status, message: what } };
        }
        if (listing) listing.bytesLeft -= body.bytes.length;
        // TextDecoder drops a UTF-8 byte order mark, as response.text() did (some PHP servers send one).
        text = new TextDecoder().decode(body.bytes);
        break;
      } catch (error) {
        if (mayRepeat && attempt === 1 && isStaleConnection(error)) continue;
        return { ok: false, error: classifyThrown(error) };
      }
    }
    const json = parseJson(text);
    if (response.status >= 300) {
      return { ok: false, error: classifyHttpError(response.status, json as ErrorBody | null, init.context ?? 'other') };
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    // A 200 with {code, messages} is an app message; anything else is not the API we know.
    const message = appMessage.safeParse(json);
    if (message.success && message.data.code >= 400) {
      return { ok: false, error: classifyHttpError(message.data.code, json as ErrorBody, init.context ?? 'other') };
    }
    return { ok: false, error: unexpected(response.status, text) };
  }

  /** Refuses an answer for what it holds, loudly: the technician's log names the path and the cap. */
  function tooMuch(path: string, cap: Record<string, number>, what: string): { ok: false; error: VillageError } {
    options.log?.warn({ path, cap }, `answer from the village server refused: ${what}`);
    // Transient, as for an answer past its byte cap: the server did answer, and may answer sensibly once fixed.
    return { ok: false, error: { kind: 'transient', reason: 'server', message: `answer refused: ${what}` } };
  }

  /** A page holding more rows than asked for is not an answer to the question (and could hold anything). */
  function pageProblem(path: string, rows: number, pageSize: number) {
    return rows > pageSize ? tooMuch(path, { pageSize }, `a page of ${rows} rows where ${pageSize} were asked for`) : null;
  }

  /**
   * Every page of a listing, within `maxRows` rows (so within the pages they
   * take) and `MAX_LISTING_BYTES` together, each row checked by `rowProblem`
   * as its page arrives: whatever is refused, no further page is asked for.
   */
  async function allPages<A extends z.ZodType>(
    token: string,
    path: string,
    type: string,
    attributes: A,
    limits: {
      noun: string;
      maxRows: number;
      rowProblem: (attributes: z.output<A>) => [Record<string, number>, string] | null;
      /** Past maxRows, keep the first rows (a listing sorted newest first) instead of refusing the whole listing. */
      keepFirst?: boolean;
    },
  ) {
    const rows: Array<{ id: string; attributes: z.output<A> }> = [];
    const listing: ListingBudget = { bytesLeft: MAX_LISTING_BYTES };
    const maxPages = Math.ceil(limits.maxRows / LISTING_PAGE_SIZE);
    for (let page = 1; ; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const pagePath = `${path}${separator}page[size]=${LISTING_PAGE_SIZE}&page[number]=${page}`;
      const result = await request('GET', pagePath, pageBody(type, attributes), { token, listing });
      if (!result.ok) return result;
      // zod's generic output type does not narrow through pageBody<A>; the shape is checked at run time.
      const data = result.value.data as Array<{ id: string; attributes: z.output<A> }>;
      const { total, total_pages: totalPages } = result.value.meta.pagination;
      const wrongPage = pageProblem(pagePath, data.length, LISTING_PAGE_SIZE);
      if (wrongPage) return wrongPage;
      for (const row of data) {
        const problem = limits.rowProblem(row.attributes);
        if (problem) return tooMuch(pagePath, problem[0], problem[1]);
      }
      rows.push(...data);
      const count = Math.max(total, rows.length);
      if (limits.keepFirst) {
        if (rows.length >= limits.maxRows || page >= maxPages) {
          if (count > limits.maxRows || page < totalPages) {
            options.log?.warn({ path, cap: { [limits.noun]: limits.maxRows }, total: count }, `more than ${limits.maxRows} ${limits.noun}: only the first ${limits.maxRows} are read`);
          }
          return { ok: true as const, value: rows.slice(0, limits.maxRows) };
        }
      } else if (count > limits.maxRows || totalPages > maxPages) {
        return tooMuch(pagePath, { [limits.noun]: limits.maxRows }, `more than ${limits.maxRows} ${limits.noun} (${count} in ${totalPages} pages)`);
      }
      if (page >= totalPages) break;
    }
    return { ok: true as const, value: rows };
  }

  /**
   * A letter's file, unjudged: a 200 answer is the body up to `maxBytes` with
   * its media type, anything else a VillageError classified as for JSON
   * calls. The answer's headers are never logged: Content-Disposition names
   * the file after the resident's NIK.
   */
  async function downloadLetterFile(path: string, token: string, maxBytes: number): Promise<VillageResult<LetterDownload>> {
    // Laravel renders errors as JSON only when the FIRST acceptable type is
    // JSON (Request::wantsJson); otherwise an expired token is a 500 and a
    // missing letter an HTML page. The file itself is sent whatever Accept says.
    const headers = { Accept: 'application/json, application/pdf', Authorization: `Bearer ${token}` };
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await doFetch(`${baseUrl}${path}`, { method: 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(downloadTimeoutMs) });
        if (response.status !== 200) {
          // An error answer is a small JSON body; past the cap it is not one.
          const body = await readCappedBody(response, ERROR_ANSWER_BYTES);
          const json = body.ok ? parseJson(new TextDecoder().decode(body.bytes)) : null;
          return { ok: false, error: classifyHttpError(response.status, json as ErrorBody | null, 'other') };
        }
        const body = await readCappedBody(response, maxBytes);
        return {
          ok: true,
          value: {
            contentType: mediaType(response.headers.get('content-type')),
            // A copy that owns its memory: a small Buffer is a view into Node's
            // shared pool, which a structured clone (IPC) would send whole.
            body: body.ok ? new Uint8Array(body.bytes) : new Uint8Array(0),
            overCap: !body.ok,
          },
        };
      } catch (error) {
        if (attempt === 1 && isStaleConnection(error)) continue;
        return { ok: false, error: classifyThrown(error) };
      }
    }
  }

  return {
    async version() {
      const result = await request('GET', '/', versionBody);
      return result.ok ? { ok: true, value: result.value.version } : result;
    },

    async villageProfile() {
      const result = await request('GET', `${API}/profil-desa`, itemBody('desa', profileAttributes));
      if (!result.ok) return result;
      const a = result.value.data.attributes;
      const profile: VillageProfile = {
        villageName: a.alamat.nama_desa,
        villageTerm: a.config?.sebutan_desa ?? 'Desa',
        villageCode: villageCodeOf(a.alamat.kode_desa),
        districtName: a.alamat.nama_kecamatan ?? null,
        regencyName: a.alamat.nama_kabupaten ?? null,
        officeAddress: a.alamat.alamat_kantor ?? null,
        logoUrl: a.logo || null,
        operatorPhone: a.operator,
        gallery: (a.galeri ?? []).flatMap((entry) => {
          const photo = galleryPhoto.safeParse(entry);
          return photo.success ? [{ name: photo.data.nama ?? '', imageUrl: photo.data.url_gambar }] : [];
        }),
      };
      return { ok: true, value: profile };
    },

    async login(nik, pin) {
      const result = await request('POST', `${API}/auth/login`, itemBody('penduduk', loginAttributes), {
        body: { credential: nik, password: pin },
        context: 'login',
      });
      if (!result.ok) return result;
      const { id, attributes: a } = result.value.data;
      const gantiPin = a.ganti_pin;
      return {
        ok: true,
        value: {
          token: a.access_token.token,
          expiresIn: a.access_token.expires_in,
          residentId: id,
          name: a.dasar.nama,
          nik: a.dasar.nik,
          phone: a.alamat?.no_telepon ?? null,
          tagIdCard: a.dasar.status_kepemilikan_ktp?.tag_id_card ?? null,
          pinSetByOperator: gantiPin === 1 || gantiPin === '1' || gantiPin === true,
        },
      };
    },

    async logout(token) {
      const result = await request('POST', `${API}/auth/logout`, appMessage, { token });
      return result.ok ? { ok: true, value: null } : result;
    },

    async letterTypes(token) {
      const rows = await allPages(token, `${API}/layanan-mandiri/surat/jenis-permohonan?sort=nama`, 'jenis-surat', letterAttributes, {
        noun: 'letters',
        maxRows: LETTER_LIMITS.letters,
        rowProblem: letterFormProblem,
      });
      if (!rows.ok) return rows;
      const letters: LetterType[] = [];
      const unavailable: string[] = [];
      for (const row of rows.value) {
        // form_surat null: the server could not build the form; submitting it gives 500.
        if (row.attributes.form_surat === null) unavailable.push(row.attributes.nama);
        else letters.push(toLetterType(Number(row.id), row.attributes, row.attributes.form_surat));
      }
      return { ok: true, value: { letters, unavailable } };
    },

    async requirementTypes(token) {
      const result = await request('GET', `${API}/layanan-mandiri/surat/syarat`, collectionBody('syarat', requirementAttributes), { token });
      if (!result.ok) return result;
      return { ok: true, value: result.value.data.map((r) => ({ id: Number(r.id), name: r.attributes.nama })) };
    },

    async submitRequest(token, submission) {
      const result = await request(
        'POST',
        `${API}/layanan-mandiri/surat/${encodeURIComponent(submission.slug)}/permohonan`,
        itemBody('permohonan', requestAttributes),
        { token, body: submitBody(submission), timeoutMs: submitTimeoutMs },
      );
      return result.ok ? { ok: true, value: toServerRequest(result.value.data) } : result;
    },

    async listRequests(token, { pageSize = 20, page = 1 } = {}) {
      const path = `${API}/layanan-mandiri/surat/permohonan?sort=-id&page[size]=${pageSize}&page[number]=${page}`;
      const result = await request('GET', path, pageBody('permohonan', requestAttributes), { token });
      if (!result.ok) return result;
      return pageProblem(path, result.value.data.length, pageSize) ?? { ok: true, value: result.value.data.map(toServerRequest) };
    },

    async cancelRequest(token, serverId) {
      const result = await request('PUT', `${API}/layanan-mandiri/surat/${serverId}/permohonan`, appMessage, { token });
      if (!result.ok) return result;
      if (result.value.code !== 200) {
        return { ok: false, error: classifyHttpError(result.value.code, result.value, 'other') };
      }
      return { ok: true, value: result.value.messages };
    },

    async articles(token) {
      const path = `${API}/artikel?sort=-tgl_upload&page[size]=${ARTICLES_SHOWN}`;
      const result = await request('GET', path, pageBody('artikel', articleAttributes), { token });
      if (!result.ok) return result;
      const wrongPage = pageProblem(path, result.value.data.length, ARTICLES_SHOWN);
      if (wrongPage) return wrongPage;
      const articles: Article[] = result.value.data.map((a) => ({
        id: Number(a.id),
        title: a.attributes.title,
        html: a.attributes.text ?? '',
        createdAt: a.attributes.created_at ?? '',
        imageUrl: a.attributes.image || null,
      }));
      return { ok: true, value: articles };
    },

    async issuedLetters(token) {
      const rows = await allPages(token, `${API}/layanan-mandiri/surat/arsip?sort=-id`, 'arsip', issuedLetterAttributes, {
        noun: 'issued letters',
        maxRows: ISSUED_LETTER_LIMIT,
        rowProblem: () => null,
        keepFirst: true,
      });
      return rows.ok ? { ok: true, value: toIssuedLetters(rows.value, options.log) } : rows;
    },

    downloadLetter(token, id, maxBytes) {
      if (!isLetterId(id)) return Promise.resolve({ ok: false, error: { kind: 'permanent', status: 0, message: 'not a letter id' } });
      return downloadLetterFile(`${API}/layanan-mandiri/surat/${id}/unduh`, token, maxBytes);
    },

    image(address, maxBytes) {
      return downloadImage(address, { baseUrl, timeoutMs: readTimeoutMs, maxBytes, fetch: doFetch });
    },

    pictureRefusal(address) {
      return pictureRefusal(address, baseUrl);
    },
  };
}

/** A letter form larger than a resident could fill in, as the cap it passes and words for the log; or null. */
function letterFormProblem(letter: z.output<typeof letterAttributes>): [Record<string, number>, string] | null {
  const form = letter.form_surat ?? [];
  const { fieldsPerLetter, optionsPerField } = LETTER_LIMITS;
  if (form.length > fieldsPerLetter) return [{ fieldsPerLetter }, `letter ${letter.slug} has ${form.length} fields, more than ${fieldsPerLetter}`];
  const longest = longestChoice(form);
  if (longest > optionsPerField) return [{ optionsPerField }, `letter ${letter.slug} has a choice of ${longest} options, more than ${optionsPerField}`];
  return null;
}

/** The most options one choice of a form offers; requirements are the options of the `syarat` field, each with its documents as options of its own. */
function longestChoice(form: RawFormField[]): number {
  let longest = 0;
  for (const field of form) {
    const values = field.values ?? [];
    longest = Math.max(longest, values.length);
    for (const value of values) for (const inner of value.form_surat ?? []) longest = Math.max(longest, inner.values?.length ?? 0);
  }
  return longest;
}

/** Not paginated: `{data:[...]}` only. */
function collectionBody<A extends z.ZodType>(type: string, attributes: A) {
  return z.object({ data: z.array(resource(type, attributes)) });
}

export function submitBody(submission: SubmitRequest): Record<string, unknown> {
  const answers = Object.fromEntries(
    Object.entries(submission.answers).filter(([key]) => !RESERVED_FORM_KEYS.has(key) && !APPENDED_FIELDS.has(key)),
  );
  const reference = `Ref kios: ${submission.reference}`;
  return {
    // Top-level copies are what the server validates; isian_form is what it stores.
    ...answers,
    id_surat: submission.letterId,
    isian_form: JSON.stringify({ ...answers, [REFERENCE_FORM_KEY]: submission.reference }),
    syarat: JSON.stringify(submission.requirements),
    no_hp_aktif: submission.phone,
    keterangan: submission.note ? `${submission.note}\n${reference}` : reference,
  };
}

function toLetterType(id: number, attributes: { kode: string | null; nama: string; slug: string }, form: RawFormField[]): LetterType {
  const syarat = form.find((f) => f.name === 'syarat');
  return {
    id,
    code: attributes.kode,
    name: attributes.nama,
    slug: attributes.slug,
    fields: form
      .filter((f) => !APPENDED_FIELDS.has(f.name))
      .map((f) => ({
        type: f.type,
        name: f.name,
        label: f.label,
        required: f.required,
        placeholder: f.placeholder ?? null,
        options: (f.values ?? []).map(({ label, value }) => ({ label, value })),
      })),
    requirements: (syarat?.values ?? []).map((value) => ({
      id: Number(value.value),
      name: value.label,
      documents: (value.form_surat?.find((f) => f.name === 'dokumen')?.values ?? []).map(({ label, value: v }) => ({ label, value: v })),
    })),
  };
}

function toServerRequest(row: { id: string; attributes: z.output<typeof requestAttributes> }): ServerRequest {
  return {
    id: Number(row.id),
    letterName: row.attributes.jenis_surat,
    statusLabel: row.attributes.status,
    statusCode: statusCodeFromLabel(row.attributes.status),
    submittedAt: row.attributes.tanggal_kirim,
  };
}

/** `application/PDF; charset=binary` -> `application/pdf`; null when absent or empty. */
export function mediaType(header: string | null): string | null {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

function isStaleConnection(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function unexpected(status: number, text: string): VillageError {
  return {
    kind: 'unavailable',
    message: `unexpected answer from the village server (HTTP ${status}): ${text.slice(0, 120).replace(/\s+/g, ' ')}`,
  };
}

/** The profile's `kode_desa` as 10 digits, or null: a code is read, never guessed. */
export function villageCodeOf(raw: unknown): string | null {
  const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/\./g, '') : '';
  return /^\d{10}$/.test(text) ? text : null;
}
