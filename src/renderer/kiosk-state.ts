/**
 * Everything the resident has entered lives in this one reducer state, so a
 * reset (idle timeout, Batal) clears it in one step: back to `initialState`.
 * Components keep no resident data of their own.
 */
import { NIK_LENGTH } from '../shared/nik';
import { PIN_LENGTH } from '../shared/pin';
import type { CallError } from '../shared/result';

export type Notice =
  | { kind: 'nik'; problem: string; params: Record<string, string | number> }
  | { kind: 'pin-incomplete'; count: number }
  | { kind: 'call'; error: CallError };

export type KioskState =
  | { screen: 'attract' }
  | { screen: 'identify'; step: 'nik' | 'pin'; nik: string; pin: string; busy: boolean; notice: Notice | null };

export type KioskAction =
  | { type: 'start' }
  | { type: 'digit'; digit: string }
  | { type: 'delete-digit' }
  | { type: 'clear' }
  | { type: 'nik-accepted' }
  | { type: 'back' }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'busy'; busy: boolean }
  | { type: 'reset' };

export const initialState: KioskState = { screen: 'attract' };

export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  if (action.type === 'reset') return initialState;
  if (state.screen === 'attract') {
    return action.type === 'start'
      ? { screen: 'identify', step: 'nik', nik: '', pin: '', busy: false, notice: null }
      : state;
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
    case 'back':
      // From the PIN step back to the NIK; from the NIK step back to the start.
      return state.step === 'pin' ? { ...state, step: 'nik', pin: '', notice: null } : initialState;
    case 'notice':
      return { ...state, notice: action.notice };
    case 'busy':
      return { ...state, busy: action.busy };
  }
}
