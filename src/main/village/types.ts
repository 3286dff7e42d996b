/**
 * The village server as the kiosk needs it. `opensid-client.ts` implements it
 * for the OpenSID API service; another server flavour would implement the
 * same interface.
 */
import type { RequestStatusCode } from '../../shared/request-status';
import type { VillageError } from './errors';
import type { DownloadedImage } from './image-download';

export type VillageResult<T> = { ok: true; value: T } | { ok: false; error: VillageError };

export interface ResidentLogin {
  token: string;
  /** Seconds the token is valid for. */
  expiresIn: number;
  residentId: string;
  name: string;
  nik: string;
  phone: string | null;
  /** e-KTP chip id as OpenSID stores it, if registered. */
  tagIdCard: string | null;
  /** The operator set the PIN; the resident should change it (not enforced by the API). */
  pinSetByOperator: boolean;
}

export interface FormFieldOption {
  label: string;
  value: string;
}

export interface LetterFormField {
  type: string;
  name: string;
  label: string;
  required: boolean;
  placeholder: string | null;
  options: FormFieldOption[];
}

export interface LetterRequirement {
  id: number;
  name: string;
  /** The resident's own uploaded documents for this requirement. */
  documents: FormFieldOption[];
}

export interface LetterType {
  id: number;
  code: string | null;
  name: string;
  slug: string;
  /** The letter's own fields, without the appended keterangan/no_hp_aktif/syarat. */
  fields: LetterFormField[];
  requirements: LetterRequirement[];
}

export interface VillageProfile {
  villageName: string;
  villageTerm: string;
  /** Kode desa, 10 digits (Kemendagri), or null when the server's is missing or not one. */
  villageCode: string | null;
  districtName: string | null;
  regencyName: string | null;
  officeAddress: string | null;
  logoUrl: string | null;
  operatorPhone: string | null;
  /** The village's slider photos (`galeri`), as the server names them. */
  gallery: GalleryPhoto[];
}

export interface GalleryPhoto {
  name: string;
  imageUrl: string;
}

export interface ServerRequest {
  id: number;
  letterName: string;
  statusCode: RequestStatusCode | null;
  statusLabel: string;
  submittedAt: string;
}

export interface SubmitRequest {
  slug: string;
  letterId: number;
  /** Answers keyed by form field name (all of them, required or not). */
  answers: Record<string, string>;
  /** Requirement id -> document id, or `BRING_ORIGINAL` (shared/letter-form.ts). */
  requirements: Record<string, string>;
  phone: string;
  note: string | null;
  /** The kiosk's own reference, stored inside the answers and the note. */
  reference: string;
}

export interface Article {
  id: number;
  title: string;
  html: string;
  createdAt: string;
  imageUrl: string | null;
}

/** One entry of the resident's `arsip` list (`opensid-api.md` "Issued letters"). */
export interface IssuedLetterRecord {
  /** The server's id (a string of digits). */
  id: string;
  number: string | null;
  /** jenis_surat: the letter's name, or null. */
  letterName: string | null;
  /** nama_pamong: the signing official, or null (missing in some versions). */
  official: string | null;
  /** tanggal as the server wrote it, or null. */
  date: string | null;
  /** Read exactly: 1 signed, 0 waiting for the signature, null not signed electronically. */
  tte: 0 | 1 | null;
}

/**
 * A letter's download as the server answered it, unjudged (the kiosk's rules
 * are `letters/pdf-acceptance.ts`). A non-200 answer is a VillageError.
 */
export interface LetterDownload {
  /** The Content-Type header's media type (lower case, without parameters), or null. */
  contentType: string | null;
  /** The body, read up to the cap the caller gave (empty when it went past: nothing read is kept then). */
  body: Uint8Array;
  /** The body went past the cap (reading stopped there). */
  overCap: boolean;
}

export interface VillageServer {
  version(): Promise<VillageResult<string>>;
  villageProfile(): Promise<VillageResult<VillageProfile>>;
  login(nik: string, pin: string): Promise<VillageResult<ResidentLogin>>;
  logout(token: string): Promise<VillageResult<null>>;
  letterTypes(token: string): Promise<VillageResult<{ letters: LetterType[]; unavailable: string[] }>>;
  requirementTypes(token: string): Promise<VillageResult<Array<{ id: number; name: string }>>>;
  submitRequest(token: string, request: SubmitRequest): Promise<VillageResult<ServerRequest>>;
  listRequests(token: string, options?: { pageSize?: number; page?: number }): Promise<VillageResult<ServerRequest[]>>;
  cancelRequest(token: string, serverId: number): Promise<VillageResult<string>>;
  articles(token: string): Promise<VillageResult<Article[]>>;
  /** The resident's issued letters (all pages, newest first, within a sane cap). */
  issuedLetters(token: string): Promise<VillageResult<IssuedLetterRecord[]>>;
  /** One letter's file by id. The server checks no owner: callers pass only ids the resident's own list showed. */
  downloadLetter(token: string, id: string, maxBytes: number): Promise<VillageResult<LetterDownload>>;
  /** A picture the server pointed at (logo, gallery, article), checked to be one (`image-download.ts`). */
  image(address: string, maxBytes: number): Promise<VillageResult<DownloadedImage>>;
  /** Why a picture at this address is never fetched nor shown (another origin than the server's), or null. */
  pictureRefusal(address: string): string | null;
}
