/**
 * The kiosk settings a technician edits on the admin's Pengaturan screen:
 * each is a field of the configuration (`config.json`), named by its path.
 * The configuration schema in the core decides what is valid; this list says
 * which fields the screen offers and how each is typed in.
 */
export const SETTINGS_FIELDS = [
  { key: 'kiosk.name', group: 'kiosk', kind: 'text' },
  { key: 'printer.queuePrefix', group: 'kiosk', kind: 'text' },
  { key: 'kiosk.idleSeconds', group: 'kiosk', kind: 'number' },
  { key: 'kiosk.idleWarningSeconds', group: 'kiosk', kind: 'number' },
  { key: 'session.maxMinutes', group: 'kiosk', kind: 'number' },
  { key: 'kiosk.locale', group: 'kiosk', kind: 'choice', options: ['id', 'en'] },
  { key: 'sync.retentionDays', group: 'kiosk', kind: 'number' },
  { key: 'kiosk.screenPpi', group: 'kiosk', kind: 'number' },
  { key: 'village.officePhone', group: 'kiosk', kind: 'phone', optional: true },
  { key: 'printer.queueTicketsPerMinute', group: 'kiosk', kind: 'number' },
  { key: 'village.officeAddress', group: 'kiosk', kind: 'text', optional: true },
  { key: 'village.officeHours', group: 'kiosk', kind: 'text', optional: true },
  { key: 'attract.runningText', group: 'kiosk', kind: 'text', optional: true },
  { key: 'kiosk.dailyRestartAt', group: 'kiosk', kind: 'text', optional: true },
  // Fleet health: who this kiosk is to the kabupaten's monitoring (empty: the village profile's, or "unset"), and its port.
  { key: 'kiosk.id', group: 'kiosk', kind: 'text', optional: true, format: true },
  { key: 'village.code', group: 'kiosk', kind: 'text', optional: true, format: true },
  { key: 'village.kecamatan', group: 'kiosk', kind: 'text', optional: true },
  { key: 'village.kabupaten', group: 'kiosk', kind: 'text', optional: true },
  { key: 'metrics.port', group: 'kiosk', kind: 'number' },
  // The Printer screen's: its device list and profiles come with `admin.printer`.
  { key: 'printer.transport', group: 'printer', kind: 'choice', options: ['virtual', 'tcp', 'usb', 'serial'] },
  { key: 'printer.host', group: 'printer', kind: 'text', optional: true },
  { key: 'printer.port', group: 'printer', kind: 'number' },
  { key: 'printer.devicePath', group: 'printer', kind: 'device' },
  { key: 'printer.baudRate', group: 'printer', kind: 'number' },
  { key: 'printer.profile', group: 'printer', kind: 'profile' },
  { key: 'printer.qr', group: 'printer', kind: 'choice', options: ['profile', 'native', 'raster'] },
  // The Printer screen's "A4 / Surat" section (its queue is chosen there from CUPS's list, with `admin.letterPrinterQueue`).
  { key: 'letterPrinter.enabled', group: 'letterPrinter', kind: 'switch' },
  { key: 'letterPrinter.media', group: 'letterPrinter', kind: 'text' },
  { key: 'letterPrinter.printsPerLetterPerDay', group: 'letterPrinter', kind: 'number' },
  { key: 'letterPrinter.maxLetterMegabytes', group: 'letterPrinter', kind: 'number' },
  { key: 'letterPrinter.jobTimeoutSeconds', group: 'letterPrinter', kind: 'number' },
  // The Readers screen's. Sources: PC/SC, a serial scanner, a USB HID reader (keyboard-wedge readers need no setting).
  { key: 'input.pcsc', group: 'readers', kind: 'switch' },
  { key: 'input.serialScanner.path', group: 'readers', kind: 'device', optional: true, parent: 'input.serialScanner', presence: true },
  { key: 'input.serialScanner.baudRate', group: 'readers', kind: 'number', parent: 'input.serialScanner' },
  { key: 'input.hid.mode', group: 'readers', kind: 'choice', options: ['pos', 'card'], optional: true, parent: 'input.hid', presence: true },
  { key: 'input.hid.vendorId', group: 'readers', kind: 'usb-id', optional: true, parent: 'input.hid' },
  { key: 'input.hid.productId', group: 'readers', kind: 'usb-id', optional: true, parent: 'input.hid' },
  // Keyboard-wedge readers: how a burst of keys is told from a person.
  { key: 'input.maxGapMs', group: 'readers', kind: 'number' },
  { key: 'input.minLength', group: 'readers', kind: 'number' },
  { key: 'input.terminator', group: 'readers', kind: 'choice', options: ['Enter', 'Tab', 'none'] },
  { key: 'input.prefix', group: 'readers', kind: 'text', optional: true, emptyIsBlank: true },
  { key: 'input.suffix', group: 'readers', kind: 'text', optional: true, emptyIsBlank: true },
  // The UID format: byte order, and what card readers put before a UID.
  { key: 'input.reversedUid', group: 'readers', kind: 'switch' },
  { key: 'input.cardPrefix', group: 'readers', kind: 'text', optional: true, emptyIsBlank: true },
  { key: 'input.hid.uidOffset', group: 'readers', kind: 'number', parent: 'input.hid' },
  { key: 'input.hid.uidLength', group: 'readers', kind: 'choice', options: ['4', '7', '10'], parent: 'input.hid', numeric: true },
] as const satisfies ReadonlyArray<{
  key: string;
  group: 'kiosk' | 'printer' | 'letterPrinter' | 'readers';
  /** device: one of the listed devices, or typed; profile: one of the printer profiles; usb-id: 4 hex digits as lsusb prints them. */
  kind: 'text' | 'number' | 'choice' | 'phone' | 'device' | 'profile' | 'switch' | 'usb-id';
  options?: readonly string[];
  optional?: boolean;
  /**
   * The field lives in a part of the configuration that may be absent (null:
   * no serial scanner, no HID reader). The `presence` field's "none" removes
   * the part; setting any of its fields creates it (its other fields default).
   */
  parent?: string;
  presence?: boolean;
  /** Stored as "" rather than null when emptied. */
  emptyIsBlank?: boolean;
  /** A choice whose options are numbers. */
  numeric?: boolean;
  /** A value of the wrong shape is refused with the shape it needs (`format`), not a bare "cannot be used". */
  format?: boolean;
}>;

export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type SettingsKey = (typeof SETTINGS_FIELDS)[number]['key'];
export type SettingsValue = string | number | boolean | null;
export type SettingsValues = Record<SettingsKey, SettingsValue>;

export const SETTINGS_KEYS = SETTINGS_FIELDS.map((field) => field.key) as SettingsKey[];

export function settingsField(key: SettingsKey): SettingsField {
  return SETTINGS_FIELDS.find((field) => field.key === key)!;
}

/** Why a value was refused, for the screen to word (with `min`/`max` where they apply). */
export type SettingsProblem =
  | 'required'
  | 'not-a-number'
  | 'not-whole'
  | 'too-small'
  | 'too-big'
  | 'too-long'
  | 'too-short'
  | 'invalid'
  /** Not of the shape the field needs (the screen words the shape per field). */
  | 'format'
  /** A device path that names a regular file, a folder, a FIFO ... (a printer would write into it). */
  | 'not-a-device'
  /** Under the usb transport, a device that is no USB or parallel printer port (a serial port, a terminal). */
  | 'not-a-printer-port';
