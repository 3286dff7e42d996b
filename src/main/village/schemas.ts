/**
 * zod schemas for the OpenSID API's JSON:API bodies. Objects strip unknown
 * keys, so personal data the kiosk does not need (address, family card, ...)
 * and article comments never get past parsing.
 */
import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform(String);
const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);
const nullableText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

export function resource<A extends z.ZodType>(type: string, attributes: A) {
  return z.object({ type: z.literal(type), id, attributes });
}

export function itemBody<A extends z.ZodType>(type: string, attributes: A) {
  return z.object({ data: resource(type, attributes) });
}

export function pageBody<A extends z.ZodType>(type: string, attributes: A) {
  return z.object({
    data: z.array(resource(type, attributes)),
    meta: z.object({
      pagination: z.object({ total: z.number(), current_page: z.number(), total_pages: z.number() }),
    }),
  });
}

export const loginAttributes = z.object({
  access_token: z.object({ token: z.string().min(1), expires_in: looseNumber.default(3600) }),
  ganti_pin: z.union([z.number(), z.string(), z.boolean()]).nullish(),
  dasar: z.object({
    nik: z.string(),
    nama: z.string(),
    status_kepemilikan_ktp: z.object({ tag_id_card: nullableText }).partial().nullish(),
  }),
  alamat: z.object({ no_telepon: nullableText }).partial().nullish(),
});

const option = z.object({ label: z.union([z.string(), z.number()]).transform(String), value: z.union([z.string(), z.number()]).transform(String) });

export const formField = z.object({
  type: z.string(),
  required: z.union([z.boolean(), z.number(), z.string()]).transform((v) => v === true || v === 1 || v === '1' || v === 'true'),
  label: z.string().nullish().transform((v) => v ?? ''),
  name: z.string(),
  placeholder: z.string().nullish(),
  values: z
    .array(
      option.extend({
        form_surat: z.array(z.object({ name: z.string(), values: z.array(option).nullish() })).nullish(),
      }),
    )
    .nullish(),
});
export type RawFormField = z.infer<typeof formField>;

export const letterAttributes = z.object({
  kode: nullableText,
  nama: z.string(),
  slug: z.string(),
  form_surat: z.array(formField).nullable(),
});

export const requestAttributes = z.object({
  jenis_surat: z.string(),
  status: z.string(),
  tanggal_kirim: z.string(),
});

export const requirementAttributes = z.object({ nama: z.string() });

/** One slider photo; entries that do not fit are dropped one by one, never the whole profile. */
export const galleryPhoto = z.object({ nama: z.string().nullish(), url_gambar: z.string().min(1) });

export const profileAttributes = z.object({
  logo: z.string().nullish(),
  galeri: z.array(z.unknown()).nullish(),
  operator: nullableText,
  alamat: z.object({
    nama_desa: z.string(),
    // A string on the servers seen; a number is read too. Anything but 10 digits (dots allowed) is no code.
    kode_desa: z.unknown().optional(),
    nama_kecamatan: z.string().nullish(),
    nama_kabupaten: z.string().nullish(),
    alamat_kantor: z.string().nullish(),
  }),
  config: z.object({ sebutan_desa: z.string().nullish() }).partial().nullish(),
});

export const articleAttributes = z.object({
  title: z.string(),
  text: z.string().nullish(),
  image: z.string().nullish(),
  created_at: z.string().nullish(),
});

/**
 * One row of the resident's `arsip` list. `tte` is kept as sent (any JSON
 * value, or absent) and read exactly by the client, so that nothing but the
 * number 1 can ever mean "signed". `file` is dropped: it is a direct address
 * the web server refuses, and the kiosk never uses it.
 */
export const issuedLetterAttributes = z.object({
  nomor_surat: nullableText,
  jenis_surat: nullableText,
  nama_pamong: nullableText,
  tanggal: nullableText,
  // Optional: an absent tte is read (as null) and logged, never a refused list.
  tte: z.unknown().optional(),
});

export const appMessage = z.object({ code: looseNumber, messages: z.string() });
export const versionBody = z.object({ version: z.string() });
