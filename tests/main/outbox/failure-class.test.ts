import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../src/main/outbox/failure-class';
import { REFUSED_PREFIX } from '../../../src/main/outbox/last-error';

describe('failure classes', () => {
  it('keeps an attempt in doubt after a timeout or a cut connection, and settles it once the server answered 5xx', () => {
    expect(classifyFailure({ kind: 'transient', reason: 'timeout', message: 't' }, 'submit')).toEqual({ kind: 'transient', settle: false, serverDown: false });
    expect(classifyFailure({ kind: 'transient', reason: 'network', message: 'n' }, 'submit')).toEqual({ kind: 'transient', settle: false, serverDown: true });
    expect(classifyFailure({ kind: 'transient', reason: 'server', status: 502, message: 's' }, 'submit')).toEqual({ kind: 'transient', settle: true, serverDown: false });
    // Before the submit nothing is in flight to settle.
    expect(classifyFailure({ kind: 'transient', reason: 'server', status: 502, message: 's' }, 'list')).toMatchObject({ settle: false });
  });

  it('backs off from a server that is unavailable and waits out a lock', () => {
    expect(classifyFailure({ kind: 'unavailable', message: 'licence' }, 'login')).toEqual({ kind: 'unavailable' });
    expect(classifyFailure({ kind: 'locked', seconds: 90, message: 'terlalu banyak' }, 'login')).toEqual({ kind: 'locked', seconds: 90 });
  });

  it('falls back from a refused token, clearing an attempt the server did not store', () => {
    expect(classifyFailure({ kind: 'unauthorised', message: 'Unauthenticated.' }, 'submit')).toEqual({ kind: 'token-refused', clearAttempt: true });
    expect(classifyFailure({ kind: 'unauthorised', message: 'Unauthenticated.' }, 'list')).toEqual({ kind: 'token-refused', clearAttempt: false });
  });

  it('stops on a refusal with the server\'s words, field by field for a validation', () => {
    expect(classifyFailure({ kind: 'validation', fields: { no_hp: ['wajib diisi.'], keperluan: ['terlalu', 'pendek.'] }, message: 'invalid' }, 'submit')).toEqual({
      kind: 'refused',
      clearAttempt: true,
      message: `${REFUSED_PREFIX}no_hp: wajib diisi.; keperluan: terlalu pendek.`,
    });
    expect(classifyFailure({ kind: 'validation', fields: {}, message: 'invalid' }, 'submit')).toMatchObject({ message: `${REFUSED_PREFIX}invalid` });
    expect(classifyFailure({ kind: 'permanent', status: 404, message: 'Surat tidak ada' }, 'submit')).toEqual({
      kind: 'refused',
      clearAttempt: true,
      message: `${REFUSED_PREFIX}Surat tidak ada`,
    });
  });
});
