/**
 * The outbox keeps why a request is not sent as text: the sync worker's
 * `<phase>: <what the connection or server said>` for a try that will be
 * repeated, `Ditolak server desa: ...` for a refusal, or one of its own
 * sentences (`MESSAGES`). Technicians read words, so this turns that text
 * into a code the screen words ("ECONNREFUSED" becomes "the village server
 * cannot be reached"), keeping the raw text for the small print.
 */
import type { OutboxProblemCode } from '../../shared/admin-contract';

export const REFUSED_PREFIX = 'Ditolak server desa: ';

export interface OutboxProblem {
  code: OutboxProblemCode;
  detail: string;
}

/** Node's and undici's codes for a server that is not there: refused, no route, no such name. */
const UNREACHABLE = /\b(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EADDRNOTAVAIL)\b/;
/** ... and for one that went quiet. */
const TIMEOUT = /\b(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)\b|did not answer in time/;
/** ... and for a connection cut in the middle. */
const DROPPED = /\b(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED)\b|socket hang up|other side closed|terminated|fetch failed/i;

export function outboxProblem(lastError: string | null): OutboxProblem | null {
  if (lastError === null || lastError === '') return null;
  if (lastError.startsWith(REFUSED_PREFIX)) return { code: 'refused', detail: lastError.slice(REFUSED_PREFIX.length) };
  const attempt = /^(login|list|submit): (.*)$/s.exec(lastError);
  if (!attempt) return { code: 'note', detail: lastError };
  const said = attempt[2]!;
  return { code: attemptProblem(said), detail: lastError };
}

function attemptProblem(said: string): OutboxProblemCode {
  if (UNREACHABLE.test(said)) return 'unreachable';
  if (TIMEOUT.test(said)) return 'timeout';
  if (DROPPED.test(said)) return 'dropped';
  if (said === 'Unauthenticated.') return 'signed-out';
  if (/terlalu banyak/i.test(said)) return 'locked';
  if (/^HTTP 5\d\d\b|^answer refused|server error/i.test(said)) return 'server-error';
  return 'server-unavailable';
}
