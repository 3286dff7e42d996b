/**
 * The range of every timing setting (and every number the admin's Pengaturan
 * screen offers): what a resident, or the technician, can live with, not only
 * what the type allows. An idle warning of 1 second was accepted once, and
 * the warning then covered the keypad a second after every touch.
 *
 * One home for the numbers: the configuration schema (`main/config/schema.ts`)
 * refuses a value outside its range (config.json takes the nearest bound,
 * with a warning; the admin screen refuses it on its row), and the screen
 * shows the range under the field.
 *
 * A bound that protects residents (or the technician) from an unusable kiosk
 * stays; a bound that would only forbid an office to be stricter about
 * privacy or security (a shorter retention, a longer lock) does not exist:
 * on those settings the strict side goes as far as the code handles.
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
  // Under a minute the lock stops no guessing. Longer is stricter, an office's choice (a day at most: the
  // lock lives in memory, and a restart ends it anyway).
  'session.loginLockMinutes': { min: 1, max: 1440, unit: 'minutes' },
  // One person at a time uses a kiosk: down to 1 a minute is stricter, an office's choice; above 120 it limits nothing.
  'session.signInsPerMinute': { min: 1, max: 120, unit: 'perMinute' },
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
  // A PIN is not kept longer than a month. Shorter is stricter, an office's choice, down to an hour (an offline
  // request whose PIN is older is parked for the office, not lost: 72 h, the default, outlasts a weekend).
  'sync.pinMaxAgeHours': { min: 1, max: 720, unit: 'hours' },
  // A request in flight when the kiosk died can still land at the server this long after (sync-worker.ts).
  'sync.doubtGraceSeconds': { min: 30, max: 3600, unit: 'seconds', least: 0 },
  // Personal data is not kept on a public kiosk past a year. Shorter is stricter, an office's choice, down to
  // a day (after that a receipt's status no longer says whose request it was).
  'sync.retentionDays': { min: 1, max: 365, unit: 'days' },
  'printer.port': { min: 1, max: 65535, unit: 'plain' },
  // 0 turns the fleet metrics off; any other port is the agent's to scrape on 127.0.0.1.
  'metrics.port': { min: 0, max: 65535, unit: 'plain' },
  'printer.baudRate': { min: 1200, max: 921600, unit: 'baud' },
  // Asking a slow serial printer more often than every 10 s keeps it busy; past 10 minutes paper-out is news too late.
  'printer.statusPollSeconds': { min: 10, max: 600, unit: 'seconds', least: 1 },
  // Above 30 a minute a prank can still empty the roll. Down to 1 is stricter, an office's choice (a family
  // then waits a minute between tickets).
  'printer.queueTicketsPerMinute': { min: 1, max: 30, unit: 'perMinute' },
  // A letter is usually printed once; a few more for a family's copies, not a print shop.
  'letterPrinter.printsPerLetterPerDay': { min: 1, max: 10, unit: 'plain' },
  // A signed letter of a few pages is 100 KiB to 2 MiB; 50 MiB is a scan of a thick file, not a letter.
  'letterPrinter.maxLetterMegabytes': { min: 1, max: 50, unit: 'plain' },
  // CUPS takes seconds to hand a letter to the printer; past 10 minutes the resident has long gone.
  'letterPrinter.jobTimeoutSeconds': { min: 30, max: 600, unit: 'seconds', least: 2 },
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
