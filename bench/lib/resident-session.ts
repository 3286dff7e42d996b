/**
 * One resident's errand through the real core, as the screens drive it:
 * sign in with NIK + PIN, open the letter list, send a letter request, wait
 * for its receipt to print, look at "Permohonan Saya", finish. Used by the
 * memory benchmark and the soak run (`npm run soak`).
 */
import type { KioskCore } from '../../src/main/core';
import type { Result } from '../../src/shared/result';
import { LETTERS, RESIDENTS } from '../../tools/opensid-sim/seed';

/** A letter of the demo server with no fields and no requirements to fill in. */
const LETTER = LETTERS.find((letter) => letter.kode === 'S-03')!;

/** The receipts printed (or not) from now on, by reference: an event that comes before the submit's answer is kept. */
function watchReceipts(core: KioskCore) {
  const outcomes = new Map<string, string>();
  const waiting = new Map<string, (outcome: string) => void>();
  const stop = core.onEvent((name, payload) => {
    if (name !== 'printing.receipt') return;
    const event = payload as { reference: string; result: { outcome: string } };
    outcomes.set(event.reference, event.result.outcome);
    waiting.get(event.reference)?.(event.result.outcome);
  });
  return {
    async printed(reference: string): Promise<void> {
      const outcome = outcomes.get(reference) ?? (await new Promise<string>((resolve) => waiting.set(reference, resolve)));
      if (outcome !== 'printed') throw new Error(`receipt ${reference} not printed: ${outcome}`);
    },
    stop,
  };
}

async function expectOk<T = unknown>(what: string, result: Promise<Result<unknown>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(`${what} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

/** Runs session number `n` (residents take turns); returns the request's reference. */
export async function runResidentSession(core: KioskCore, n: number): Promise<string> {
  const resident = RESIDENTS[n % RESIDENTS.length]!;
  await expectOk('session.identify', core.invoke('session.identify', { nik: resident.nik, pin: resident.pin }));
  await expectOk('letters.list', core.invoke('letters.list', {}));
  let reference: string;
  const receipts = watchReceipts(core);
  try {
    const submitted = await expectOk<{ reference: string }>(
      'requests.submit',
      core.invoke('requests.submit', { letterId: LETTER.id, answers: {}, requirements: {}, phone: '081234567801', note: null }),
    );
    await receipts.printed(submitted.reference);
    reference = submitted.reference;
  } finally {
    receipts.stop();
  }
  await expectOk('requests.mine', core.invoke('requests.mine', {}));
  await expectOk('session.end', core.invoke('session.end', { reason: 'done' }));
  return reference;
}
