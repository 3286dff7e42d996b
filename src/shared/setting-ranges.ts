/**
 * The range of every timing setting (and every number the admin's Pengaturan
 * screen offers): what a resident, or the technician, can live with, not only
 * what the type allows. An idle warning of 1 second was accepted once, and
 * the warning then covered the keypad a second after every touch.
 *
 * One home for the numbers: the configuration schema (`main/config/schema.ts`)
 * refuses a value outside its range (config.json falls back to the default,
 * with a warning; the admin screen refuses it on its row), and the screen
 * shows the range under the field.
 *
 * `least` is the shortest the code itself handles. Only tests that cannot
 * wait minutes for a timer run with it (`ADM_SHORT_TIMINGS=1`, see the schema);
 * a kiosk in service never does.
 */
export type RangeUnit = 'ms' | 'seconds' | 'minutes' | 'hours' | 'days' | 'perMinute' | 'ppi' | 'baud' | 'characters' | 'plain';

export interface SettingRange {
  min: number;
  max: number;
  unit: RangeUnit;
  least?: number;
}

export const SETTING_RANGES = {
  // UX: the idle warning comes after a pause long enough to read a letter's requirements or find a KTP in
  // a bag (30 s); past 5 minutes a resident who walked away leaves the next person their session.
  'kiosk.idleSeconds': { min: 30, max: 300, unit: 'seconds', least: 1 },
  // UX: a countdown of at least 20 s, so an older resident can notice it and tap; longer is only a longer idle time.
  'kiosk.idleWarningSeconds': { min: 20, max: 120, unit: 'seconds', least: 1 },
  'kiosk.screenPpi': { min: 50, max: 600, unit: 'ppi' },
  // A letter request takes a resident two to four minutes; past an hour the limit limits nothing (idle ends it first).
  'session.maxMinutes': { min: 3, max: 60, unit: 'minutes', least: 1 },
  // Time to read the warning and tap "Tambah waktu", as for the idle countdown.
  'session.warningSeconds': { min: 20, max: 120, unit: 'seconds', least: 5 },
  // The server locks a NIK for an hour itself; a longer kiosk lock only keeps a resident who mistyped away.
  'session.loginLockMinutes': { min: 1, max: 60, unit: 'minutes' },
  // Below 3, a resident who mistypes the PIN twice waits a minute; above 120 it limits nothing.
  'session.signInsPerMinute': { min: 3, max: 120, unit: 'perMinute', least: 1 },
  // A village's mobile link takes a few seconds per round trip; past a minute a resident waits on a dead server.
  'server.readTimeoutSeconds': { min: 3, max: 60, unit: 'seconds', least: 1 },
  // The server sends its notifications before it answers a submit; below 15 s most sends would end in doubt.
  'server.submitTimeoutSeconds': { min: 15, max: 300, unit: 'seconds', least: 1 },
  // Retrying a failing server sooner than every second hammers it (and the village's link).
  'sync.baseDelaySeconds': { min: 1, max: 600, unit: 'seconds', least: 0.01 },
  // A request should not wait more than an hour after the server is back.
  'sync.maxDelaySeconds': { min: 30, max: 3600, unit: 'seconds', least: 0.01 },
  // New requests wake the worker themselves; the poll only finds retries that fell due.
  'sync.pollSeconds': { min: 5, max: 600, unit: 'seconds', least: 0.01 },
  // An offline request must outlast a weekend without a connection; a PIN is not kept longer than a month.
  'sync.pinMaxAgeHours': { min: 24, max: 720, unit: 'hours', least: 1 },
  // A request in flight when the kiosk died can still land at the server this long after (sync-worker.ts).
  'sync.doubtGraceSeconds': { min: 30, max: 3600, unit: 'seconds', least: 0 },
  // A resident asks about a letter within the week; personal data is not kept on a public kiosk past a year.
  'sync.retentionDays': { min: 7, max: 365, unit: 'days' },
  'printer.port': { min: 1, max: 65535, unit: 'plain' },
  'printer.baudRate': { min: 1200, max: 921600, unit: 'baud' },
  // Asking a slow serial printer more often than every 10 s keeps it busy; past 10 minutes paper-out is news too late.
  'printer.statusPollSeconds': { min: 10, max: 600, unit: 'seconds', least: 1 },
  // A family may need a ticket each; above 30 a minute a prank can still empty the roll.
  'printer.queueTicketsPerMinute': { min: 2, max: 30, unit: 'perMinute', least: 1 },
  // Fast scanners send a key every ~10 ms, slow readers every ~90 ms; past 500 ms a person's typing would be a scan.
  'input.maxGapMs': { min: 20, max: 500, unit: 'ms' },
  'input.minLength': { min: 4, max: 64, unit: 'characters' },
  'input.serialScanner.baudRate': { min: 1200, max: 921600, unit: 'baud' },
  'input.hid.uidOffset': { min: 0, max: 63, unit: 'plain' },
  // Five taps in one second is more than a technician's finger does on a glass panel.
  'admin.gestureSeconds': { min: 2, max: 10, unit: 'seconds', least: 1 },
  // An admin screen left open keeps residents out: it closes itself within half an hour at most.
  'admin.idleMinutes': { min: 2, max: 30, unit: 'minutes', least: 1 },
} as const satisfies Record<string, SettingRange>;

export type RangedSetting = keyof typeof SETTING_RANGES;

export function settingRange(key: string): SettingRange | null {
  return (SETTING_RANGES as Record<string, SettingRange>)[key] ?? null;
}
