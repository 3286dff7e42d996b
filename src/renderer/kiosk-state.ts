/**
 * Everything the resident has entered lives in this one reducer state, so a
 * reset (idle timeout, Batal) clears it in one step: back to `initialState`.
 * Components keep no resident data of their own.
 */
import type { IdentifiedResident, LetterDefinition, PrintResult, SubmittedRequest } from '../shared/contract';
import { BRING_ORIGINAL, firstMissingField } from '../shared/letter-form';
import { NIK_LENGTH } from '../shared/nik';
import { normalisePhone } from '../shared/phone';
import { PIN_LENGTH } from '../shared/pin';
import type { CallError } from '../shared/result';
import type { IssuedLetter } from '../shared/signed-letters';

export type Notice =
  | { kind: 'nik'; problem: string; params: Record<string, string | number> }
  | { kind: 'card-unknown' }
  | { kind: 'pin-incomplete'; count: number }
  /** The sign-in was refused after the PIN: the PIN has been cleared for the next try. */
  | { kind: 'pin-refused'; error: CallError }
  | { kind: 'call'; error: CallError };

/**
 * Field name -> its problem code: a `FieldProblem` (letter-form.ts), or "phone" for the phone number,
 * the shape the core's `validation` error carries. Kept as codes, not text, so a resident who switches
 * the language sees a problem already on screen in the new one (`fieldProblemText` words it).
 */
export type FieldErrors = NonNullable<CallError['fields']>;

export type FormStep = 'fields' | 'requirements' | 'phone' | 'confirm';

export interface LetterDraft {
  letter: LetterDefinition;
  step: FormStep;
  answers: Record<string, string>;
  /** Requirement id -> `BRING_ORIGINAL` or one of the resident's document ids. */
  requirements: Record<string, string>;
  phone: string;
  /** "Tidak punya nomor HP": the village office's number goes instead, and news comes through the office. */
  noPhone: boolean;
  /** Per-field problems from the last check (ours or the core's), as codes: worded when drawn. */
  errors: FieldErrors;
  /** The field open in the editor (its own screen, with its own help), or null. */
  editing: string | null;
}

export type KioskState =
  | { screen: 'attract' }
  /** `receipt`: signing in as the owner of a scanned receipt, with the PIN only (the core knows the NIK). */
  | {
      screen: 'identify';
      step: 'nik' | 'pin';
      nik: string;
      pin: string;
      busy: boolean;
      notice: Notice | null;
      receipt?: string;
      /** A card the kiosk does not know was tapped before the NIK was typed: the sign-in may teach the kiosk it. */
      cardTapped?: true;
    }
  | { screen: 'menu'; resident: IdentifiedResident }
  | { screen: 'letters'; resident: IdentifiedResident }
  | { screen: 'form'; resident: IdentifiedResident; draft: LetterDraft }
  /** `receipt`: what came of the receipt the core prints, null while it is printing. */
  | { screen: 'done'; resident: IdentifiedResident; submitted: SubmittedRequest; receipt: PrintResult | null }
  /** `highlight`: the reference of a scanned receipt, marked in the list. */
  | { screen: 'mine'; resident: IdentifiedResident; highlight?: string }
  | { screen: 'village'; resident: IdentifiedResident }
  /** "Surat Saya": the resident's issued letters. */
  | { screen: 'issued'; resident: IdentifiedResident }
  /** One issued letter's pages, and its print. */
  | { screen: 'letter-preview'; resident: IdentifiedResident; letter: IssuedLetter }
  /** A scanned receipt's status; `resident` when someone was signed in (back to the menu), else null. */
  | { screen: 'receipt'; reference: string; resident: IdentifiedResident | null };

export type KioskAction =
  | { type: 'start' }
  | { type: 'digit'; digit: string }
  | { type: 'delete-digit' }
  | { type: 'clear' }
  | { type: 'nik-accepted' }
  | { type: 'back' }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'busy'; busy: boolean }
  /** The core refused the NIK + PIN (or cannot take the sign-in now). */
  | { type: 'pin-refused'; error: CallError }
  | { type: 'identified'; resident: IdentifiedResident }
  | { type: 'go'; screen: 'menu' | 'letters' | 'mine' | 'village' | 'issued' }
  | { type: 'open-issued'; letter: IssuedLetter }
  | { type: 'open-letter'; letter: LetterDefinition }
  | { type: 'answer'; name: string; value: string }
  | { type: 'requirement'; id: number; value: string }
  | { type: 'phone'; phone: string }
  | { type: 'no-phone' }
  | { type: 'form-step'; step: FormStep }
  | { type: 'form-errors'; errors: FieldErrors }
  /** Opens a field in the editor, or closes it (null). */
  | { type: 'edit-field'; name: string | null }
  | { type: 'submitted'; submitted: SubmittedRequest }
  /** The core finished printing a request's receipt (or could not print it). */
  | { type: 'receipt-printed'; reference: string; result: PrintResult }
  /** A card was tapped: the NIK it is known for, or null. */
  | { type: 'card'; nik: string | null }
  /** A receipt of this kiosk was scanned. */
  | { type: 'receipt-scanned'; reference: string }
  | { type: 'receipt-closed' }
  /** "Lihat status terbaru": the PIN of the receipt's owner (or, signed in, the resident's requests). */
  | { type: 'receipt-latest' }
  | { type: 'reset' };

export const initialState: KioskState = { screen: 'attract' };

/** Where a scanned receipt may open its status: never over a form, a keypad or a PIN, nor over a letter being printed. */
const RECEIPT_FROM: ReadonlySet<KioskState['screen']> = new Set(['attract', 'menu', 'letters', 'mine', 'village', 'done', 'issued']);

export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  if (action.type === 'reset') return initialState;
  if (action.type === 'receipt-scanned') {
    if (!RECEIPT_FROM.has(state.screen)) return state;
    return { screen: 'receipt', reference: action.reference, resident: 'resident' in state ? state.resident : null };
  }
  switch (state.screen) {
    case 'attract':
      if (action.type === 'card') {
        // A card fills in the NIK it is known for; the PIN is always asked.
        return action.nik
          ? { screen: 'identify', step: 'pin', nik: action.nik, pin: '', busy: false, notice: null }
          : { screen: 'identify', step: 'nik', nik: '', pin: '', busy: false, notice: { kind: 'card-unknown' }, cardTapped: true };
      }
      return action.type === 'start'
        ? { screen: 'identify', step: 'nik', nik: '', pin: '', busy: false, notice: null }
        : state;
    case 'identify':
      return identifyReducer(state, action);
    case 'receipt':
      if (action.type === 'receipt-latest') {
        return state.resident
          ? { screen: 'mine', resident: state.resident, highlight: state.reference }
          : { screen: 'identify', step: 'pin', nik: '', pin: '', busy: false, notice: null, receipt: state.reference };
      }
      if (action.type !== 'receipt-closed') return state;
      return state.resident ? { screen: 'menu', resident: state.resident } : initialState;
    default:
      return signedInReducer(state, action);
  }
}

type SignedIn = Exclude<KioskState, { screen: 'attract' } | { screen: 'identify' } | { screen: 'receipt' }>;

function signedInReducer(state: SignedIn, action: KioskAction): KioskState {
  const { resident } = state;
  switch (action.type) {
    case 'go':
      return { screen: action.screen, resident };
    case 'open-letter': {
      // An uploaded document where the resident has one, else "bring the original paper".
      const requirements = Object.fromEntries(action.letter.requirements.map((r) => [String(r.id), r.documents[0]?.value ?? BRING_ORIGINAL]));
      const answers = Object.fromEntries(action.letter.fields.map((f) => [f.name, '']));
      const phone = normalisePhone(resident.phone).slice(0, 15);
      // A fresh form opens straight into its first required field.
      const editing = firstMissingField(action.letter.fields, answers);
      const draft: LetterDraft = { letter: action.letter, step: 'fields', answers, requirements, phone, noPhone: false, errors: {}, editing };
      return { screen: 'form', resident, draft };
    }
    case 'open-issued':
      // Only a letter the list offered to print opens its preview.
      return state.screen === 'issued' && action.letter.printable ? { screen: 'letter-preview', resident, letter: action.letter } : state;
    case 'submitted':
      return { screen: 'done', resident, submitted: action.submitted, receipt: null };
    case 'receipt-printed':
      return state.screen === 'done' && state.submitted.reference === action.reference ? { ...state, receipt: action.result } : state;
    default:
      break;
  }
  if (state.screen !== 'form') return state;
  const draft = state.draft;
  switch (action.type) {
    case 'answer': {
      const { [action.name]: _fixed, ...errors } = draft.errors;
      return { ...state, draft: { ...draft, answers: { ...draft.answers, [action.name]: action.value }, errors } };
    }
    case 'requirement':
      return { ...state, draft: { ...draft, requirements: { ...draft.requirements, [String(action.id)]: action.value } } };
    case 'phone': {
      const { phone: _fixed, ...errors } = draft.errors;
      return { ...state, draft: { ...draft, phone: action.phone.replace(/\D/g, '').slice(0, 15), noPhone: false, errors } };
    }
    case 'no-phone': {
      const { phone: _fixed, ...errors } = draft.errors;
      return { ...state, draft: { ...draft, phone: '', noPhone: true, errors, step: 'confirm' } };
    }
    case 'form-step':
      return { ...state, draft: { ...draft, step: action.step } };
    case 'form-errors':
      return { ...state, draft: { ...draft, errors: action.errors } };
    case 'edit-field':
      return { ...state, draft: { ...draft, editing: action.name !== null && draft.letter.fields.some((f) => f.name === action.name) ? action.name : null } };
    default:
      return state;
  }
}

type Identifying = Extract<KioskState, { screen: 'identify' }>;

function identifyReducer(state: Identifying, action: KioskAction): KioskState {
  if (action.type === 'identified') {
    return state.receipt ? { screen: 'mine', resident: action.resident, highlight: state.receipt } : { screen: 'menu', resident: action.resident };
  }
  if (state.busy && action.type !== 'busy' && action.type !== 'notice') return state;
  const field = state.step === 'nik' ? 'nik' : 'pin';
  const max = state.step === 'nik' ? NIK_LENGTH : PIN_LENGTH;
  switch (action.type) {
    case 'start':
      return state;
    case 'digit':
      if (!/^\d$/.test(action.digit) || state[field].length >= max) return state;
      return { ...state, [field]: state[field] + action.digit, notice: null };
    case 'delete-digit':
      return { ...state, [field]: state[field].slice(0, -1), notice: null };
    case 'clear':
      return { ...state, [field]: '', notice: null };
    case 'nik-accepted':
      return { ...state, step: 'pin', pin: '', notice: null };
    case 'card':
      // While the PIN is being typed a tap changes nothing (it never leaks into the PIN, nor becomes this resident's card).
      if (state.step !== 'nik') return state;
      if (action.nik) return { ...state, step: 'pin', nik: action.nik, pin: '', notice: null, cardTapped: undefined };
      // Only a tap before any digit is the resident's own card; one after typing began may be anyone's.
      return { ...state, notice: { kind: 'card-unknown' }, cardTapped: state.nik === '' ? true : undefined };
    case 'back':
      // From the PIN step back to the NIK (or to the scanned receipt); from the NIK step back to the start.
      if (state.receipt) return { screen: 'receipt', reference: state.receipt, resident: null };
      return state.step === 'pin' ? { ...state, step: 'nik', pin: '', notice: null } : initialState;
    case 'notice':
      return { ...state, notice: action.notice };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'pin-refused':
      // Whatever the reason, the PIN is typed again from empty: six filled dots would only
      // swallow the next taps until the resident found "Kosongkan", and the PIN leaves memory sooner.
      return { ...state, pin: '', notice: { kind: 'pin-refused', error: action.error } };
    default:
      return state;
  }
}
