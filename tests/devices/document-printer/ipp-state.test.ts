import { describe, expect, it } from 'vitest';
import { jobStateName, meaningfulReasons, parseReason, printerStatusFromIpp, reasonMeaning } from '../../../src/devices/document-printer/ipp-state';
import type { DocumentPrinterStatus } from '../../../src/shared/device-status';

const IDLE = 3;
const PROCESSING = 4;
const STOPPED = 5;

describe('printerStatusFromIpp', () => {
  // [printer-state, printer-state-reasons, accepting, status]
  const TABLE: [number, string[], boolean, DocumentPrinterStatus][] = [
    // Healthy queues.
    [IDLE, ['none'], true, 'ready'],
    [IDLE, [], true, 'ready'],
    [PROCESSING, ['none'], true, 'ready'],
    [PROCESSING, ['connecting-to-device'], true, 'ready'],
    [PROCESSING, ['cups-waiting-for-job-completed'], true, 'ready'],
    [IDLE, ['identify-printer-requested'], true, 'ready'],
    [IDLE, ['printer-restarted'], true, 'ready'],
    // Information only: -warning and -report.
    [IDLE, ['media-low-warning'], true, 'ready'],
    [IDLE, ['toner-low-report'], true, 'ready'],
    [PROCESSING, ['marker-supply-low-warning', 'media-low-report'], true, 'ready'],
    [IDLE, ['media-empty-warning'], true, 'ready'],
    [IDLE, ['media-needed-report'], true, 'ready'],
    [IDLE, ['cups-ipp-conformance-failure-report'], true, 'ready'],
    // Stopped by hand.
    [STOPPED, ['paused'], true, 'stopped'],
    [STOPPED, ['none'], true, 'stopped'],
    [STOPPED, [], true, 'stopped'],
    [IDLE, ['moving-to-paused'], true, 'stopped'],
    [IDLE, ['hold-new-jobs'], true, 'stopped'],
    [IDLE, ['deactivated'], true, 'stopped'],
    [IDLE, ['none'], false, 'stopped'],
    [PROCESSING, ['none'], false, 'stopped'],
    [STOPPED, ['paused'], false, 'stopped'],
    [STOPPED, ['paused', 'toner-low-warning'], true, 'stopped'],
    // No paper.
    [STOPPED, ['media-empty-error'], true, 'media-empty'],
    [PROCESSING, ['media-empty-error'], true, 'media-empty'],
    [IDLE, ['media-empty'], true, 'media-empty'],
    [IDLE, ['media-needed'], true, 'media-empty'],
    [PROCESSING, ['media-needed-error'], true, 'media-empty'],
    [STOPPED, ['paused', 'media-empty-error'], true, 'media-empty'],
    [STOPPED, ['offline-report', 'media-needed'], false, 'media-empty'],
    // The printer does not answer.
    [PROCESSING, ['offline-report'], true, 'offline'],
    [IDLE, ['offline-report'], true, 'offline'],
    [STOPPED, ['offline-error'], true, 'offline'],
    [IDLE, ['offline-warning'], true, 'offline'],
    [IDLE, ['offline'], true, 'offline'],
    [IDLE, ['shutdown'], true, 'offline'],
    [STOPPED, ['paused', 'offline-report'], true, 'offline'],
    [PROCESSING, ['connecting-to-device', 'offline-report'], true, 'offline'],
    // Other errors.
    [STOPPED, ['media-jam-error'], true, 'error'],
    [PROCESSING, ['toner-empty-error'], true, 'error'],
    [IDLE, ['door-open-error'], true, 'error'],
    [IDLE, ['cover-open'], true, 'error'],
    [IDLE, ['marker-supply-empty-error'], true, 'error'],
    [IDLE, ['input-tray-missing-error'], true, 'error'],
    [IDLE, ['spool-area-full'], true, 'error'],
    [IDLE, ['other-error'], true, 'error'],
    [IDLE, ['com.example.vendor-error'], true, 'error'],
    [IDLE, ['cups-missing-filter-warning'], true, 'error'],
    [IDLE, ['cups-insecure-filter-warning'], true, 'error'],
    [STOPPED, ['paused', 'media-jam-error'], true, 'error'],
    [IDLE, ['toner-empty-error', 'offline-report'], true, 'offline'],
    [IDLE, ['toner-empty-error', 'media-empty-error'], true, 'media-empty'],
    // Case and spacing as some printers send them.
    [IDLE, ['Media-Empty-Error'], true, 'media-empty'],
    [IDLE, [' paused '], true, 'stopped'],
    // A printer-state outside the standard: nothing can be said.
    [0, ['none'], true, 'unknown'],
    [6, ['none'], true, 'unknown'],
    [Number.NaN, ['media-empty-error'], true, 'unknown'],
  ];

  it.each(TABLE)('state %d with %j, accepting %s is %s', (state, reasons, accepting, status) => {
    expect(printerStatusFromIpp({ state, reasons, accepting })).toBe(status);
  });
});

describe('reason keywords', () => {
  it('splits the suffix that says how serious a reason is; none is an error', () => {
    expect(parseReason('media-empty-error')).toEqual({ keyword: 'media-empty', severity: 'error' });
    expect(parseReason('toner-low-warning')).toEqual({ keyword: 'toner-low', severity: 'warning' });
    expect(parseReason('offline-report')).toEqual({ keyword: 'offline', severity: 'report' });
    expect(parseReason('paused')).toEqual({ keyword: 'paused', severity: 'error' });
  });

  it('leaves information without a meaning', () => {
    expect(reasonMeaning('none')).toBeNull();
    expect(reasonMeaning('')).toBeNull();
    expect(reasonMeaning('toner-low-warning')).toBeNull();
  });

  it('keeps for people every reason but "none"', () => {
    expect(meaningfulReasons(['none'])).toEqual([]);
    expect(meaningfulReasons(['paused', 'NONE', ' ', 'media-empty-error'])).toEqual(['paused', 'media-empty-error']);
  });
});

describe('jobStateName', () => {
  it.each([
    [3, 'pending'],
    [4, 'held'],
    [5, 'processing'],
    [6, 'stopped'],
    [7, 'canceled'],
    [8, 'aborted'],
    [9, 'completed'],
    [0, null],
    [2, null],
    [10, null],
    [-1, null],
    [3.5, null],
  ] as const)('%d is %s', (n, name) => {
    expect(jobStateName(n)).toBe(name);
  });
});
