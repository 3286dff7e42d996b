/**
 * What a failed step of sending means for the request, decided from the
 * village server's error alone (nothing here touches the outbox): try again
 * after a backoff, back off because the server is down, fall back from a
 * refused token, wait out a lock, or stop and park it with the server's
 * refusal for a technician.
 */
import type { VillageError } from '../village/errors';
import { REFUSED_PREFIX } from './last-error';

/** The step of sending that failed. */
export type AttemptPhase = 'login' | 'list' | 'submit';

export type FailureClass =
  /** Try again after the request's backoff. `settle`: the server answered (5xx), nothing of this attempt is in flight. */
  | { kind: 'transient'; settle: boolean; serverDown: boolean }
  /** The server is down (or not licensed): try again later, the whole pass backs off. */
  | { kind: 'unavailable' }
  /** The token was refused; the server stored nothing (`clearAttempt` after a submit). */
  | { kind: 'token-refused'; clearAttempt: boolean }
  /** The server locked the NIK for `seconds`. */
  | { kind: 'locked'; seconds: number }
  /** The server refused the request itself: retrying cannot help. The server stored nothing. */
  | { kind: 'refused'; clearAttempt: boolean; message: string };

export function classifyFailure(error: VillageError, phase: AttemptPhase): FailureClass {
  const submitted = phase === 'submit';
  switch (error.kind) {
    case 'transient':
      // A server that answered (5xx) has nothing more in flight; a timeout or
      // a dropped connection may still land and stays in doubt.
      return { kind: 'transient', settle: submitted && error.reason === 'server', serverDown: error.reason === 'network' };
    case 'unavailable':
      return { kind: 'unavailable' };
    case 'unauthorised':
      return { kind: 'token-refused', clearAttempt: submitted };
    case 'locked':
      return { kind: 'locked', seconds: error.seconds };
    case 'validation': {
      const fields = Object.entries(error.fields)
        .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
        .join('; ');
      return { kind: 'refused', clearAttempt: submitted, message: `${REFUSED_PREFIX}${fields || error.message}` };
    }
    case 'wrong-credentials':
    case 'permanent':
      return { kind: 'refused', clearAttempt: submitted, message: `${REFUSED_PREFIX}${error.message}` };
  }
}
