import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call } from '../../src/shared/contract-table';
import { ok } from '../../src/shared/result';
import { assertEveryCallHandled, createDispatcher, NO_GUARD } from '../../src/main/dispatcher';
import { adminSessionGuard, createAdminSessions, type AdminCaller } from '../../src/main/admin/admin-sessions';

const table = {
  'demo.echo': call<{ text: string }>()(z.object({ text: z.string().max(5) }).strict()),
  'demo.open': call<{ holder: string }>()(z.object({}).strict()),
  'demo.fail': call<null>()(z.object({}).strict()),
} as const;
type Name = keyof typeof table;
const names: readonly Name[] = ['demo.echo', 'demo.open', 'demo.fail'];
const isName = (name: unknown): name is Name => typeof name === 'string' && (names as readonly string[]).includes(name);

function capturingLog() {
  const records: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      records.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), records };
}

function sessionDispatcher() {
  const { log, records } = capturingLog();
  const sessions = createAdminSessions(() => 60_000);
  const dispatcher = createDispatcher({
    table,
    isName,
    guard: adminSessionGuard(sessions),
    publicNames: new Set<'demo.open'>(['demo.open']),
    unknownMessage: 'unknown admin call refused',
    log,
  });
  return { dispatcher, sessions, records };
}

describe('dispatcher', () => {
  it('refuses a name outside its table, whatever it is', async () => {
    const { log, records } = capturingLog();
    const dispatcher = createDispatcher({ table, isName, guard: NO_GUARD, publicNames: new Set<never>(), unknownMessage: 'unknown call refused', log });
    for (const name of ['demo.nope', '__proto__', 'toString', 42, null]) {
      expect(await dispatcher.dispatch(name, {}, undefined)).toEqual({ ok: false, error: { code: 'unknown-call' } });
    }
    expect(records.filter((r) => r.msg === 'unknown call refused')).toHaveLength(5);
  });

  it('parses the input with the call schema before the handler sees it', async () => {
    const { log, records } = capturingLog();
    const dispatcher = createDispatcher({ table, isName, guard: NO_GUARD, publicNames: new Set<never>(), unknownMessage: 'unknown call refused', log });
    const seen: unknown[] = [];
    dispatcher.handle('demo.echo', (input) => {
      seen.push(input);
      return ok({ text: input.text });
    });
    expect(await dispatcher.dispatch('demo.echo', { text: 'halo' }, undefined)).toEqual({ ok: true, value: { text: 'halo' } });
    expect(await dispatcher.dispatch('demo.echo', { text: 'too long' }, undefined)).toEqual({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatcher.dispatch('demo.echo', { text: 'a', extra: 1 }, undefined)).toEqual({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatcher.dispatch('demo.echo', null, undefined)).toEqual({ ok: false, error: { code: 'invalid-input' } });
    expect(seen).toEqual([{ text: 'halo' }]);
    expect(records.filter((r) => r.msg === 'invalid input refused').map((r) => r.call)).toEqual(['demo.echo', 'demo.echo', 'demo.echo']);
  });

  it('turns a thrown error into internal, logged with its cause, and a full disk into storage-full', async () => {
    const { log, records } = capturingLog();
    const dispatcher = createDispatcher({ table, isName, guard: NO_GUARD, publicNames: new Set<never>(), unknownMessage: 'unknown call refused', log });
    let failure: unknown = new Error('boom');
    dispatcher.handle('demo.fail', () => {
      throw failure;
    });
    dispatcher.handle('demo.echo', async () => {
      await Promise.resolve();
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    expect(await dispatcher.dispatch('demo.fail', {}, undefined)).toEqual({ ok: false, error: { code: 'internal' } });
    const failed = records.find((r) => r.msg === 'call failed');
    expect(failed).toMatchObject({ level: 50, call: 'demo.fail', err: { message: 'boom' } });
    expect(await dispatcher.dispatch('demo.echo', { text: 'a' }, undefined)).toEqual({ ok: false, error: { code: 'storage-full' } });
    failure = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    expect(await dispatcher.dispatch('demo.fail', {}, undefined)).toEqual({ ok: false, error: { code: 'storage-full' } });
    expect(records.filter((r) => r.msg === 'penyimpanan penuh: the disk is full; nothing was stored').map((r) => r.call)).toEqual(['demo.echo', 'demo.fail']);
  });

  it('refuses a guarded call the guard does not admit, before looking at its input', async () => {
    const { dispatcher, records } = sessionDispatcher();
    let ran = 0;
    dispatcher.handle('demo.echo', () => {
      ran++;
      return ok({ text: 'x' });
    });
    const stranger: AdminCaller = { session: 'guessed', holder: 'ws:1' };
    expect(await dispatcher.dispatch('demo.echo', { text: 'a' }, stranger)).toEqual({ ok: false, error: { code: 'admin-session-required' } });
    expect(await dispatcher.dispatch('demo.echo', 'not even an object', { session: undefined, holder: 'ws:1' })).toEqual({
      ok: false,
      error: { code: 'admin-session-required' },
    });
    expect(ran).toBe(0);
    expect(records.filter((r) => r.msg === 'admin call without a valid admin session refused').map((r) => r.call)).toEqual(['demo.echo', 'demo.echo']);
  });

  it("hands a guarded handler the session's actor as a string and the page, and a session is good only from its page", async () => {
    const { dispatcher, sessions } = sessionDispatcher();
    const seen: unknown[][] = [];
    dispatcher.handle('demo.echo', (input, actor, holder) => {
      seen.push([typeof actor, actor, holder]);
      return ok({ text: `${actor}:${input.text}` });
    });
    const token = sessions.open('card:Budi', 'ws:3');
    expect(await dispatcher.dispatch('demo.echo', { text: 'a' }, { session: token, holder: 'ws:3' })).toEqual({ ok: true, value: { text: 'card:Budi:a' } });
    expect(await dispatcher.dispatch('demo.echo', { text: 'a' }, { session: token, holder: 'ws:4' })).toEqual({
      ok: false,
      error: { code: 'admin-session-required' },
    });
    expect(seen).toEqual([['string', 'card:Budi', 'ws:3']]);
  });

  it('answers a public call without a session, its handler given only the page', async () => {
    const { dispatcher } = sessionDispatcher();
    dispatcher.handlePublic('demo.open', (_input, ...rest) => ok({ holder: `${rest.length}:${rest[0]}` }));
    expect(await dispatcher.dispatch('demo.open', {}, { session: undefined, holder: 'window:7' })).toEqual({ ok: true, value: { holder: '1:window:7' } });
    expect(await dispatcher.dispatch('demo.open', { extra: true }, { session: undefined, holder: 'window:7' })).toEqual({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('takes one handler per call, public calls only as public, and says which calls have none', () => {
    const { dispatcher } = sessionDispatcher();
    dispatcher.handle('demo.echo', () => ok({ text: '' }));
    expect(() => dispatcher.handle('demo.echo', () => ok({ text: '' }))).toThrow('two handlers for demo.echo');
    expect(() => dispatcher.handle('demo.open' as 'demo.fail', () => ok(null))).toThrow('demo.open is a public call');
    expect(() => dispatcher.handlePublic('demo.fail' as 'demo.open', () => ok({ holder: '' }))).toThrow('demo.fail is not a public call');
    expect(dispatcher.unhandled()).toEqual(['demo.open', 'demo.fail']);
    expect(() => assertEveryCallHandled(dispatcher)).toThrow('contract calls without a handler: demo.open, demo.fail');
    dispatcher.handlePublic('demo.open', () => ok({ holder: '' }));
    dispatcher.handle('demo.fail', () => ok(null));
    expect(() => assertEveryCallHandled(dispatcher)).not.toThrow();
  });

  it('makes typed calls from inside the core through the same checks', async () => {
    const { log } = capturingLog();
    const dispatcher = createDispatcher({ table, isName, guard: NO_GUARD, publicNames: new Set<never>(), unknownMessage: 'unknown call refused', log });
    dispatcher.handle('demo.echo', (input) => ok({ text: input.text.toUpperCase() }));
    const answer = await dispatcher.call('demo.echo', { text: 'abc' }, undefined);
    expect(answer.ok && answer.value.text).toBe('ABC');
    expect(await dispatcher.call('demo.echo', { text: 'abcdef' }, undefined)).toEqual({ ok: false, error: { code: 'invalid-input' } });
  });
});
