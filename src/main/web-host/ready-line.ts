/**
 * What the web host prints when it serves (`main.ts`): whatever waits for it
 * (the e2e fixtures, the benchmarks, a technician's script) reads these
 * lines rather than sleeping. Kept apart from `main.ts`, which starts a host
 * when it is loaded.
 */
export const READY_LINE_PREFIX = 'ADM web host ready:';
/** Printed instead of the ready line after a technician's restart (same URL and port). */
export const RESTARTED_LINE = 'ADM web host restarted:';
/** Printed when a restart could not start anew: the previous start keeps serving; the reason follows. */
export const RESTART_FAILED_LINE = 'ADM web host restart failed, still running the previous start:';
