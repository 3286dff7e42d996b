/**
 * The resident's requests: submit (committed to the outbox before the screen
 * may say so), list (the server's merged with this kiosk's not yet sent) and
 * cancel. Answers are checked again here with the shared form rules.
 * An offline session's PIN is not checked yet, so it sees only the requests
 * it made itself, never the history stored for that NIK.
 */
import type { MyRequest } from '../../shared/contract';
import { BRING_ORIGINAL, checkAnswers } from '../../shared/letter-form';
import { OUTBOX_STATE, residentLocalState } from '../../shared/outbox-states';
import { isCancellable, REQUEST_STATUS, type RequestStatusCode } from '../../shared/request-status';
import { fail, invalid, ok } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';
import { makeReference } from '../outbox/reference';
import { ReferenceTakenError, type NewLetterRequest, type OutboxRequest, type RequestSecret } from '../outbox/outbox-store';
import { serverRowOwners } from '../outbox/adoption';
import { officePhoneOf } from '../village/office-phone';
import { isValidPhone, normalisePhone, PHONE_PROBLEM } from '../../shared/phone';

/** What this feature is handed by the composition root. */
export type RequestsContext = Pick<ResidentContext, 'config' | 'handle' | 'log' | 'metrics' | 'outbox' | 'printing' | 'references' | 'serverTarget' | 'session' | 'sync' | 'village'>;

export const registerRequests = (ctx: RequestsContext): Dispose => {
  const log = ctx.log('requests');

  ctx.handle('requests.submit', ({ letterId, answers, requirements, phone, noPhone, note }) => {
    const session = ctx.session.current();
    if (!session) return fail('session-required');
    const serverTarget = ctx.serverTarget();
    if (serverTarget === null) return fail('no-server');
    const letter = ctx.references.letters()?.value.find((l) => l.id === letterId);
    if (!letter) return fail('letter-unknown');

    const known = new Set(letter.fields.map((f) => f.name));
    const cleanAnswers = Object.fromEntries(
      Object.entries(answers)
        .filter(([name]) => known.has(name))
        .map(([name, value]) => [name, value.trim()]),
    );
    const problems = checkAnswers(letter.fields, cleanAnswers);
    if (Object.keys(problems).length > 0) {
      return invalid(problems);
    }

    // The server needs a number: the resident's own (normalised), or the office's for one who has none.
    let phoneToSend: string;
    if (noPhone) {
      const office = officePhoneOf(ctx.config.current(), ctx.references.profile()?.value ?? null);
      if (!office) return fail('no-office-phone');
      phoneToSend = office;
    } else {
      phoneToSend = normalisePhone(phone);
      if (!isValidPhone(phoneToSend)) {
        return invalid({ phone: PHONE_PROBLEM });
      }
    }

    // Every requirement gets an answer: an uploaded document of this resident, or BRING_ORIGINAL.
    const chosen: Record<string, string> = {};
    for (const requirement of letter.requirements) {
      const value = requirements[String(requirement.id)] ?? BRING_ORIGINAL;
      const ownDocuments = session.mode === 'online' ? (session.documents.get(requirement.id) ?? []) : [];
      if (value !== BRING_ORIGINAL && !ownDocuments.some((d) => d.value === value)) {
        return fail('requirement-invalid');
      }
      chosen[String(requirement.id)] = value;
    }

    // The request carries its own credentials: this session's token (and PIN, for when the token expires), or the unchecked PIN.
    const secret: RequestSecret =
      session.mode === 'online'
        ? { kind: 'token', token: session.token, expiresAt: new Date(session.tokenExpiresAt), pin: session.pin }
        : { kind: 'pin', pin: session.pin };
    const online = session.mode === 'online';
    const config = ctx.config.current();
    const stored = enqueueWithFreshReference(() => ({
      reference: makeReference(config.kiosk.name, new Date(), config.kiosk.timeZone),
      kioskName: config.kiosk.name,
      letterId: letter.id,
      letterSlug: letter.slug,
      letterName: letter.name,
      residentNik: session.nik,
      residentName: online ? session.name : null,
      answers: cleanAnswers,
      requirements: chosen,
      phone: phoneToSend,
      phoneFromOffice: noPhone,
      note: note?.trim() || null,
      verified: online,
      serverTarget,
    }), secret);
    session.requestIds.add(stored.id);
    ctx.metrics.letterSubmitted(letter.slug);
    log.info({ reference: stored.reference, nik: session.nik, letter: letter.slug, verified: online }, 'request stored');
    // Committed: the receipt prints now, from the request as stored; the screen follows `printing.receipt`.
    void ctx.printing.printReceipt(stored);
    ctx.sync.wake();
    return ok({ reference: stored.reference, queueNumber: stored.queueNumber ?? '', letterName: letter.name, createdAt: stored.createdAt, verified: stored.verified });
  });

  function enqueueWithFreshReference(build: () => NewLetterRequest, secret: RequestSecret): OutboxRequest {
    // A reference collision (1 in 28 million per day and kiosk) just takes another.
    for (let attempt = 0; ; attempt++) {
      try {
        // One transaction: the queue number and the receipt job exist with the request, or nothing does.
        return ctx.outbox.enqueue(build(), secret, { queueNumber: ctx.printing.reserveQueueNumber, alongside: ctx.printing.addReceiptJob });
      } catch (error) {
        if (attempt < 3 && error instanceof ReferenceTakenError) continue;
        throw error;
      }
    }
  }

  ctx.handle('requests.mine', async () => {
    const session = ctx.session.current();
    if (!session) return fail('session-required');
    if (session.mode === 'offline') {
      const made = [...session.requestIds].flatMap((id) => ctx.outbox.get(id) ?? []).reverse();
      return ok({ items: made.map(localItem), fromServer: false });
    }
    const local = ctx.outbox.forResident(session.nik, 50);
    const village = ctx.village();
    if (village) {
      const listed = await village.listRequests(session.token, { pageSize: 50 });
      if (listed.ok) {
        // The server's time is when it received a request (an offline one: when the kiosk could send it, on
        // the server's clock); the resident made it when this kiosk stored it, so that time is shown.
        // A request whose send is still in doubt may already be on the server (the worker adopts it on its
        // next pass): by the adoption rule, its one row is shown once, as the server's.
        const { byServerId: ownByServerId, inDoubtOnServer: inDoubt } = serverRowOwners(local, listed.value);
        const fromServer: MyRequest[] = listed.value.map((row) => ({
          key: `server-${row.id}`,
          letterName: row.letterName,
          submittedAt: ownByServerId.get(row.id)?.createdAt ?? row.submittedAt,
          reference: ownByServerId.get(row.id)?.reference ?? null,
          serverId: row.id,
          statusCode: row.statusCode,
          localState: null,
          cancellable: isCancellable(row.statusCode),
        }));
        recordServerStatuses(local, listed.value);
        const notOnServer = local.filter((r) => r.syncState !== OUTBOX_STATE.synced && !inDoubt.has(r.reference)).map(localItem);
        return ok({ items: [...notOnServer, ...fromServer], fromServer: true });
      }
      log.warn({ error: listed.error.kind }, 'requests not listed by the server; showing this kiosk only');
    }
    return ok({ items: local.map(localItem), fromServer: false });
  });

  ctx.handle('requests.cancel', async ({ serverId }) => {
    const session = ctx.session.current();
    if (!session) return fail('session-required');
    const village = ctx.village();
    if (session.mode !== 'online' || !village) return fail('needs-connection');
    const result = await village.cancelRequest(session.token, serverId);
    if (result.ok) {
      const mine = ctx.outbox.forResident(session.nik, 200).find((r) => r.serverId === serverId);
      if (mine) ctx.outbox.recordServerStatus(mine.id, REQUEST_STATUS.cancelled);
      log.info({ serverId, nik: session.nik, server: result.value }, 'request cancelled by the resident');
      return ok(null);
    }
    if (result.error.kind === 'permanent') return fail('not-cancellable');
    return fail('needs-connection');
  });

  /**
   * The statuses the server just listed are kept on this kiosk's sent requests
   * (a scanned receipt and the admin read them). Done by `requests.mine` in
   * the open, after the list is made: building the list writes nothing.
   */
  function recordServerStatuses(local: readonly OutboxRequest[], rows: ReadonlyArray<{ id: number; statusCode: number | null }>): void {
    for (const row of rows) {
      const mine = local.find((r) => r.serverId === row.id);
      if (mine) ctx.outbox.recordServerStatus(mine.id, row.statusCode);
    }
  }

  return () => {};
};

function localItem(request: OutboxRequest): MyRequest {
  const localState = residentLocalState(request.syncState);
  const statusCode = request.syncState === OUTBOX_STATE.synced ? (request.serverStatus as RequestStatusCode | null) : null;
  return {
    key: request.reference,
    letterName: request.letterName,
    submittedAt: request.createdAt,
    reference: request.reference,
    serverId: request.serverId,
    statusCode,
    localState,
    cancellable: false,
  };
}
