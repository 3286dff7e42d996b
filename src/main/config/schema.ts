/**
 * The kiosk's configuration file (`<data dir>/config.json`): a typed schema
 * with a default for every field, so an empty or missing file is a working
 * kiosk. Technicians may edit the file by hand; see README "Configuration".
 * Every timing (and every number the admin screen offers) has the range a
 * resident can live with, from `shared/setting-ranges.ts`. A rule across two
 * fields names, in its issue's `params.nearest`, the value config.json's
 * reading repairs the field to (`store.ts`).
 */
import { z } from 'zod';
import { findProfile } from '../../devices/printer/profiles';
import { CUPS_MEDIA_NAME, CUPS_QUEUE_NAME } from '../../shared/cups-names';
import { SETTING_RANGES, type RangedSetting, type SettingRange } from '../../shared/setting-ranges';

/** A kiosk's fleet id: a bounded, readable metric label value. */
export const KIOSK_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** A USB vendor or product id: 0-0xFFFF, written as a number or as hex ("0c2e", "0x0C2E"). */
const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .trim()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'a USB id is four hex digits, as lsusb prints it (e.g. "0c2e")')
    .transform((hex) => Number.parseInt(hex.replace(/^0x/i, ''), 16)),
]);

/** Where a USB stick appears: under these mount folders on Linux, as a drive letter other than C: on Windows. */
export function defaultUsbRoots(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => `${letter}:\\`);
  return ['/media', '/run/media', '/mnt'];
}

/**
 * `usable`: the ranges a kiosk in service is held to. `short`: down to what
 * the code handles, for tests that must not wait minutes for a timer.
 */
function buildConfigSchema(timings: 'usable' | 'short') {
  /** `number` held to the setting's range (its `least` as the lower bound in short timings). */
  const within = (number: z.ZodNumber, key: RangedSetting) => {
    const range: SettingRange = SETTING_RANGES[key];
    return number.min(timings === 'short' ? (range.least ?? range.min) : range.min).max(range.max);
  };
  return z.object({
    kiosk: z
      .object({
        /** Shown to staff and written on receipts and logs, never to identify a resident. */
        name: z.string().trim().min(1).max(40).default('ADM-01'),
        /**
         * This kiosk's name in the kabupaten's fleet monitoring (a metric label, so a short fixed word:
         * lowercase letters, digits and dashes, e.g. "sukamaju-01"); null: not set (metrics say "unset").
         */
        id: z
          .string()
          .trim()
          .regex(KIOSK_ID, { message: 'lowercase letters, digits and dashes, 1-40 characters, e.g. sukamaju-01' })
          .nullable()
          .default(null),
        locale: z.enum(['id', 'en']).default('id'),
        /** An IANA zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura); "WIB" is not one and falls back with a warning. */
        timeZone: z
          .string()
          .min(1)
          .refine(isTimeZone, { message: 'not a time zone this system knows (use e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)' })
          .default('Asia/Jakarta'),
        /** Seconds without a touch before the idle warning appears. */
        idleSeconds: within(z.number().int(), 'kiosk.idleSeconds').default(60),
        /** Length of the warning countdown (UX: at least 20 s). */
        idleWarningSeconds: within(z.number().int(), 'kiosk.idleWarningSeconds').default(20),
        /** Pixel density of the touch panel; sizes touch targets to 12.7 mm. */
        screenPpi: within(z.number(), 'kiosk.screenPpi').default(102),
        /** Speak a short prompt on every resident screen (espeak-ng); "Dengarkan" works either way when a voice is installed. */
        audioGuidance: z.boolean().default(false),
        /**
         * "HH:MM" (kiosk time zone): restart the app every day at that time, once nobody is using it; null: never.
         * Any hour of the day: offices keep different hours, and the restart waits for no one signed in and admin closed.
         */
        dailyRestartAt: z
          .string()
          .trim()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a time as HH:MM (24 hours), e.g. 03:00' })
          .nullable()
          .default(null),
      })
      .prefault({}),
    village: z
      .object({
        /** Until the village profile has been fetched from the server. */
        name: z.string().trim().max(80).nullable().default(null),
        /** PNG/JPEG/SVG file, absolute or relative to the data directory. */
        logoFile: z.string().trim().min(1).nullable().default(null),
        /**
         * Given for residents without a phone ("Tidak punya nomor HP"): news then comes
         * through the office. Without it, the village profile's operator phone is used.
         */
        officePhone: z.string().trim().regex(/^[+\d][\d\s().-]{6,24}$/).nullable().default(null),
        /** Shown on the attract screen; without it, the village profile's office address. */
        officeAddress: z.string().trim().min(1).max(160).nullable().default(null),
        /** Opening hours as the office words them, e.g. "Senin-Jumat 08.00-15.00 WIB". */
        officeHours: z.string().trim().min(1).max(120).nullable().default(null),
        /** Kode desa (Kemendagri, 10 digits; dots allowed as written, e.g. 32.01.01.2001); null: the village profile's. */
        code: z
          .string()
          .trim()
          .transform((code) => code.replace(/\./g, ''))
          .pipe(z.string().regex(/^\d{10}$/, { message: 'kode desa is 10 digits, e.g. 3201012001' }))
          .nullable()
          .default(null),
        /** The kecamatan's name as the fleet groups it; null: the village profile's. */
        kecamatan: z.string().trim().min(1).max(60).nullable().default(null),
        /** The kabupaten's name as the fleet groups it; null: the village profile's. */
        kabupaten: z.string().trim().min(1).max(60).nullable().default(null),
      })
      .prefault({}),
    attract: z
      .object({
        /** A line that runs along the bottom of the attract screen (announcements); none when null. */
        runningText: z.string().trim().min(1).max(300).nullable().default(null),
      })
      .prefault({}),
    server: z
      .object({
        /** Base URL of the village's OpenSID API service, e.g. https://api.desa.example. */
        url: z.url({ protocol: /^https?$/ }).nullable().default(null),
        /** Reads and login. */
        readTimeoutSeconds: within(z.number(), 'server.readTimeoutSeconds').default(10),
        /** Submitting a request: the server sends notifications before it answers. */
        submitTimeoutSeconds: within(z.number(), 'server.submitTimeoutSeconds').default(45),
      })
      .prefault({}),
    session: z
      .object({
        /** The kiosk's own lock, stricter than the server's (which all kiosks behind one NAT share). */
        maxLoginFailures: z.number().int().min(1).max(20).default(3),
        loginLockMinutes: within(z.number(), 'session.loginLockMinutes').default(15),
        /** A signed-in session ends after this long, however active. */
        maxMinutes: within(z.number(), 'session.maxMinutes').default(10),
        /** This long before the limit the screen warns, with "Tambah waktu" (which starts the limit again). */
        warningSeconds: within(z.number().int(), 'session.warningSeconds').default(60),
        /** Sign-ins that reach the server, kiosk-wide, per minute (one person at a time uses a kiosk). */
        signInsPerMinute: within(z.number().int(), 'session.signInsPerMinute').default(10),
      })
      .prefault({}),
    sync: z
      .object({
        /** First retry delay; doubles per attempt up to maxDelaySeconds, with jitter. */
        baseDelaySeconds: within(z.number(), 'sync.baseDelaySeconds').default(5),
        maxDelaySeconds: within(z.number(), 'sync.maxDelaySeconds').default(600),
        /** How often the worker looks for due requests when idle. */
        pollSeconds: within(z.number(), 'sync.pollSeconds').default(15),
        /** A PIN kept for an offline request is used for at most this long; then the request is parked. */
        pinMaxAgeHours: within(z.number(), 'sync.pinMaxAgeHours').default(72),
        /** After an attempt with no answer, wait this long before deciding it never reached the server. */
        doubtGraceSeconds: within(z.number(), 'sync.doubtGraceSeconds').default(60),
        /** Personal data of sent requests is removed after this many days. */
        retentionDays: within(z.number().int(), 'sync.retentionDays').default(30),
      })
      // The backoff doubles from the first delay up to the longest: a first delay above it would mean the
      // longest delay from the first failure on. From config.json the first delay becomes the longest (`nearest`).
      .superRefine((sync, context) => {
        if (sync.baseDelaySeconds > sync.maxDelaySeconds) {
          context.addIssue({
            code: 'custom',
            path: ['baseDelaySeconds'],
            message: `the first retry delay must not exceed sync.maxDelaySeconds (${sync.maxDelaySeconds})`,
            params: { nearest: sync.maxDelaySeconds, notAbove: 'sync.maxDelaySeconds' },
          });
        }
      })
      .prefault({}),
    printer: z
      .object({
        /** virtual: jobs go to a folder (no printer needed); tcp: network 9100; usb: /dev/usb/lpN; serial: COM / tty. */
        transport: z.enum(['virtual', 'tcp', 'usb', 'serial']).default('virtual'),
        host: z.string().trim().min(1).nullable().default(null),
        port: within(z.number().int(), 'printer.port').default(9100),
        /** usb: the udev symlink; serial: e.g. /dev/serial/by-id/... or COM3. */
        devicePath: z.string().trim().min(1).default('/dev/adm-printer'),
        baudRate: within(z.number().int(), 'printer.baudRate').default(9600),
        /** A profile id (see `adm printer profiles`), e.g. generic-58, generic-80, pos-5890. */
        profile: z
          .string()
          .trim()
          .min(1)
          .refine((id) => findProfile(id) !== null, { message: 'not a printer profile this kiosk knows (see adm printer profiles)' })
          .default('generic-58'),
        /** Set at commissioning with the test slip: print QR codes natively or as an image. */
        qr: z.enum(['profile', 'native', 'raster']).default('profile'),
        /** Folder for the virtual printer, relative to the data directory. */
        virtualFolder: z.string().trim().min(1).default('printer-output'),
        /** How often the idle printer's status is checked. */
        statusPollSeconds: within(z.number(), 'printer.statusPollSeconds').default(30),
        /** Letter(s) before the queue number: A-007. */
        queuePrefix: z.string().regex(/^[A-Z]{1,2}$/).default('A'),
        /** Queue tickets need no sign-in: at most this many per minute, so a prank cannot empty the paper roll. */
        queueTicketsPerMinute: within(z.number().int(), 'printer.queueTicketsPerMinute').default(4),
      })
      // A model without its own QR codes would fail every receipt: refused when read, so the profile's raster is used.
      .superRefine((printer, context) => {
        const profile = findProfile(printer.profile);
        if (printer.qr === 'native' && profile && !profile.nativeQr) {
          context.addIssue({
            code: 'custom',
            path: ['qr'],
            message: `${profile.name} cannot print QR codes itself; "raster" (a QR image) is used instead`,
          });
        }
      })
      .prefault({}),
    /** The A4 printer for signed letters (a CUPS queue; `devices/document-printer/`). */
    letterPrinter: z
      .object({
        /** Residents may print their electronically signed letters at this kiosk. */
        enabled: z.boolean().default(false),
        /** The CUPS queue; null: CUPS's default queue. */
        queue: z.string().regex(CUPS_QUEUE_NAME).nullable().default(null),
        /** The paper in the printer, as CUPS names it (letters on F4 are scaled to fit). */
        media: z.string().regex(CUPS_MEDIA_NAME).default('A4'),
        /** Prints of one letter per day before a technician must allow another. */
        printsPerLetterPerDay: within(z.number().int(), 'letterPrinter.printsPerLetterPerDay').default(1),
        /** A download larger than this is not a letter. */
        maxLetterMegabytes: within(z.number(), 'letterPrinter.maxLetterMegabytes').default(10),
        /** A job CUPS has given no final word on after this long: "Tanyakan ke petugas". */
        jobTimeoutSeconds: within(z.number(), 'letterPrinter.jobTimeoutSeconds').default(120),
      })
      .prefault({}),
    /** Fleet health (docs/fleet.md): Prometheus metrics for the agent on this PC, on 127.0.0.1 only. */
    metrics: z
      .object({
        /** The port of `/metrics` on 127.0.0.1; 0: no metrics. */
        port: within(z.number().int(), 'metrics.port').default(9464),
      })
      .prefault({}),
    input: z
      .object({
        /** Longest pause between two keys of one reader burst (fast scanners ~10 ms/key, slow ones ~90 ms). */
        maxGapMs: within(z.number().int(), 'input.maxGapMs').default(150),
        /** Shorter bursts are not scans. */
        minLength: within(z.number().int(), 'input.minLength').default(8),
        /** What the keyboard-wedge reader sends after the data: Enter, Tab, or nothing (then a pause ends it). */
        terminator: z.enum(['Enter', 'Tab', 'none']).default('Enter'),
        prefix: z.string().max(8).default(''),
        suffix: z.string().max(8).default(''),
        /** The card reader prints UIDs least significant byte first. */
        reversedUid: z.boolean().default(false),
        /** Only bursts starting with this are cards (for readers set to add one). */
        cardPrefix: z.string().max(8).default(''),
        /** Also read PC/SC contactless readers (ACR122U and the like) through pcscd. */
        pcsc: z.boolean().default(false),
        /** A serial (or USB-serial) scanner: each scan is a line ended by `delimiter`. */
        serialScanner: z
          .object({
            path: z.string().trim().min(1),
            baudRate: within(z.number().int(), 'input.serialScanner.baudRate').default(9600),
            delimiter: z.enum(['\r', '\n', '\r\n']).default('\r'),
          })
          .nullable()
          .default(null),
        /** A USB HID reader read through node-hid: a HID-POS scanner (usage page 0x8C) or a raw-HID card reader. */
        hid: z
          .object({
            mode: z.enum(['pos', 'card']),
            /** USB ids as lsusb prints them ("0c2e") or numbers; a HID-POS scanner may leave them out. */
            vendorId: usbId.nullable().default(null),
            productId: usbId.nullable().default(null),
            /** Raw-HID card readers: the UID's first byte in the report, and how many bytes it has. */
            uidOffset: within(z.number().int(), 'input.hid.uidOffset').default(1),
            uidLength: z.union([z.literal(4), z.literal(7), z.literal(10)]).default(4),
          })
          .superRefine((hid, context) => {
            if (hid.mode === 'card' && (hid.vendorId === null || hid.productId === null)) {
              context.addIssue({ code: 'custom', path: ['vendorId'], message: 'a raw-HID card reader needs vendorId and productId (see adm input list)' });
            }
          })
          .nullable()
          .default(null),
      })
      .prefault({}),
    admin: z
      .object({
        /** The hidden way in: this many taps on the screen's top-left corner within `gestureSeconds`. */
        gestureTaps: z.number().int().min(3).max(10).default(5),
        gestureSeconds: within(z.number(), 'admin.gestureSeconds').default(3),
        /** Admin closes itself after this long without a touch. */
        idleMinutes: within(z.number(), 'admin.idleMinutes').default(5),
        /** Where USB sticks are mounted (log export offers the drives mounted under these); Windows: the drive letters. */
        usbRoots: z.array(z.string().trim().min(1).max(200)).max(30).default(defaultUsbRoots()),
      })
      .prefault({}),
    logging: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        maxFileSizeMb: z.number().int().min(1).max(100).default(5),
        keepFiles: z.number().int().min(1).max(50).default(5),
      })
      .prefault({}),
    webHost: z
      .object({
        /** 0 picks a free port. Only ever bound on 127.0.0.1. */
        port: z.number().int().min(0).max(65535).default(4780),
      })
      .prefault({}),
  });
}

export const configSchema = buildConfigSchema('usable');
/** Only what the code handles: for writing whole configurations in tests and benchmarks (`saveConfig`). */
export const shortTimingsConfigSchema = buildConfigSchema('short');
export type ConfigSchema = typeof configSchema;

/** Set to 1 only by tests that need timers of a second or less (e2e, the crash test, benchmarks); logged at start. */
export const SHORT_TIMINGS_ENV = 'ADM_SHORT_TIMINGS';

export function shortTimingsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[SHORT_TIMINGS_ENV] === '1';
}

export function configSchemaFor(env: NodeJS.ProcessEnv = process.env): ConfigSchema {
  return shortTimingsAllowed(env) ? shortTimingsConfigSchema : configSchema;
}

export type KioskConfig = z.infer<typeof configSchema>;

export function defaultConfig(): KioskConfig {
  return configSchema.parse({});
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
