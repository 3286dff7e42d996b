import { describe, expect, it } from 'vitest';
import { OUTBOX_STATE, OUTBOX_STATES, residentLocalState } from '../../src/shared/outbox-states';

describe('outbox states', () => {
  it('names every state once, by itself', () => {
    expect(Object.keys(OUTBOX_STATE).sort()).toEqual([...OUTBOX_STATES].sort());
    for (const state of OUTBOX_STATES) expect(OUTBOX_STATE[state]).toBe(state);
  });

  it('tells a resident waiting while the kiosk holds a request to send, stopped when parked or rejected, nothing once sent', () => {
    expect(OUTBOX_STATES.map(residentLocalState)).toEqual(['waiting', 'parked', 'rejected', null]);
  });
});
