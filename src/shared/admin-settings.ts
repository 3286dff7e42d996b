/**
 * The kiosk settings a technician edits on the admin's Pengaturan screen:
 * each is a field of the configuration (`config.json`), named by its path.
 * The configuration schema in the core decides what is valid; this list says
 * which fields the screen offers and how each is typed in.
 */
export const SETTINGS_FIELDS = [
  { key: 'kiosk.name', kind: 'text' },
  { key: 'printer.queuePrefix', kind: 'text' },
  { key: 'kiosk.idleSeconds', kind: 'number' },
  { key: 'kiosk.idleWarningSeconds', kind: 'number' },
  { key: 'session.maxMinutes', kind: 'number' },
  { key: 'kiosk.locale', kind: 'choice', options: ['id', 'en'] },
  { key: 'sync.retentionDays', kind: 'number' },
  { key: 'kiosk.screenPpi', kind: 'number' },
  { key: 'village.officePhone', kind: 'phone', optional: true },
  { key: 'printer.queueTicketsPerMinute', kind: 'number' },
  { key: 'village.officeAddress', kind: 'text', optional: true },
  { key: 'village.officeHours', kind: 'text', optional: true },
  { key: 'attract.runningText', kind: 'text', optional: true },
] as const satisfies ReadonlyArray<{ key: string; kind: 'text' | 'number' | 'choice' | 'phone'; options?: readonly string[]; optional?: boolean }>;

export type SettingsKey = (typeof SETTINGS_FIELDS)[number]['key'];
export type SettingsValue = string | number | null;
export type SettingsValues = Record<SettingsKey, SettingsValue>;

export const SETTINGS_KEYS = SETTINGS_FIELDS.map((field) => field.key) as SettingsKey[];

/** Why a value was refused, for the screen to word (with `min`/`max` where they apply). */
export type SettingsProblem = 'required' | 'not-a-number' | 'not-whole' | 'too-small' | 'too-big' | 'too-long' | 'too-short' | 'invalid';
