import { describe, expect, it } from 'vitest';
import { isCancellable, isReprintable, REQUEST_STATUS, REQUEST_STATUS_LABELS, statusTone } from '../../src/shared/request-status';

describe('request status codes', () => {
  it('names each code the server knows, once', () => {
    expect(Object.values(REQUEST_STATUS).sort()).toEqual(Object.keys(REQUEST_STATUS_LABELS).map(Number));
    expect(REQUEST_STATUS_LABELS[REQUEST_STATUS.cancelled]).toBe('Dibatalkan');
    expect(REQUEST_STATUS_LABELS[REQUEST_STATUS.ready]).toBe('Siap Diambil');
  });

  it('lets a resident cancel only before the office started, and reprint while the request is alive', () => {
    expect(Object.values(REQUEST_STATUS).filter(isCancellable)).toEqual([REQUEST_STATUS.incomplete, REQUEST_STATUS.checking]);
    expect(Object.values(REQUEST_STATUS).filter((code) => !isReprintable(code))).toEqual([REQUEST_STATUS.collected, REQUEST_STATUS.cancelled]);
  });

  it('draws a stopped chip for a cancelled request and for one the kiosk holds back', () => {
    expect(statusTone(REQUEST_STATUS.cancelled, null)).toBe('stopped');
    expect(statusTone(null, 'parked')).toBe('stopped');
    expect(statusTone(null, 'waiting')).toBe('waiting');
  });
});
