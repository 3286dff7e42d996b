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
  // The Printer screen's: its device list and profiles come with `admin.printer`.
  { key: 'printer.transport', group: 'printer', kind: 'choice', options: ['virtual', 'tcp', 'usb', 'serial'] },
  { key: 'printer.host', group: 'printer', kind: 'text', optional: true },
  { key: 'printer.port', group: 'printer', kind: 'number' },
  { key: 'printer.devicePath', group: 'printer', kind: 'device' },
  { key: 'printer.baudRate', group: 'printer', kind: 'number' },
  { key: 'printer.profile', group: 'printer', kind: 'profile' },
  { key: 'printer.qr', group: 'printer', kind: 'choice', options: ['profile', 'native', 'raster'] },
] as const satisfies ReadonlyArray<{
  key: string;
  group: 'kiosk' | 'printer';
  /** device: one of the listed devices, or typed; profile: one of the printer profiles. */
  kind: 'text' | 'number' | 'choice' | 'phone' | 'device' | 'profile';
  options?: readonly string[];
  optional?: boolean;
}>;

export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type SettingsKey = (typeof SETTINGS_FIELDS)[number]['key'];
export type SettingsValue = string | number | null;
export type SettingsValues = Record<SettingsKey, SettingsValue>;

export const SETTINGS_KEYS = SETTINGS_FIELDS.map((field) => field.key) as SettingsKey[];

/** Why a value was refused, for the screen to word (with `min`/`max` where they apply). */
export type SettingsProblem = 'required' | 'not-a-number' | 'not-whole' | 'too-small' | 'too-big' | 'too-long' | 'too-short' | 'invalid';
