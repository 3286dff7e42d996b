/**
 * The admin's Pengaturan screen: the kiosk settings read from, and saved to,
 * the configuration. A change is checked against the same schema as
 * `config.json`; any refused value saves nothing (a problem per field, with
 * the bounds the message needs); otherwise the changed fields are written
 * into the file (the rest of it as the technician left it) and the change
 * applies at once, audited with the fields it touched. A file that cannot be
 * parsed is never written over: the screen says where it is broken.
 */
import type { z } from 'zod';
import {
  SETTINGS_KEYS,
  settingsField,
  type SettingsKey,
  type SettingsProblem,
  type SettingsValue,
  type SettingsValues,
} from '../../shared/admin-settings';
import { normalisePhone } from '../../shared/phone';
import { describeNotADevice, describeNotAPrinterPort } from '../../devices/character-device';
import type { ConfigFilePosition, FleetIdentityView } from '../../shared/admin-contract';
import { fail, ok, type ErrorParams } from '../../shared/result';
import { demoEndsOnSave, demoEnded } from '../admin/commissioning';
import { configSchema, type ConfigSchema, type KioskConfig } from '../config/schema';
import type { ConfigProblem } from '../config/store';
import type { Dispose, AdminContext } from '../feature';
import { kioskIdentityView } from '../metrics/kiosk-identity';

/** What this feature is handed by the composition root. */
export type AdminSettingsContext = Pick<AdminContext, 'adminAuth' | 'audit' | 'config' | 'dataDir' | 'demoMode' | 'handleAdmin' | 'log' | 'references'>;

export const registerAdminSettings = (ctx: AdminSettingsContext): Dispose => {
  ctx.handleAdmin('admin.settings', () => {
    const problem = ctx.config.fileProblem();
    return ok({ values: settingsOf(ctx.config.current()), unreadableFile: problem && positionOf(problem), identity: identityOf(ctx) });
  });

  ctx.handleAdmin('admin.saveSettings', async ({ values, endDemo }, actor) => {
    const base = ctx.config.current();
    const checked = applySettings(base, values, ctx.config.schema);
    if (!checked.ok) return { ok: false, error: { code: 'validation', fields: checked.fields, params: checked.params } };
    const notDevices = devicePathsNotDevices(checked.config, values);
    if (notDevices) return { ok: false, error: { code: 'validation', fields: notDevices } };
    // The first save of a demo kiosk ends demo mode: only once the technician has been told what follows.
    const ending = demoEndsOnSave(ctx, checked.config);
    if (ending && !endDemo) return fail('ends-demo', { ...ending });
    const saved = await ctx.config.save(base, checked.config, actor);
    if (!saved.ok) return saved;
    if (ending) demoEnded(ctx, actor, ending);
    return ok({ values: settingsOf(ctx.config.current()), unreadableFile: null, identity: identityOf(ctx) });
  });

  return () => {};
};

/** The identity the fleet metrics use now (`adm_info`), each part with where it came from. */
function identityOf(ctx: AdminSettingsContext): FleetIdentityView {
  const { identity, sources } = kioskIdentityView(ctx.config.current(), ctx.references.profile()?.value ?? null);
  const part = (key: keyof typeof identity) => ({ value: identity[key], source: sources[key] });
  return { kioskId: part('kioskId'), kodeDesa: part('kodeDesa'), kecamatan: part('kecamatan'), kabupaten: part('kabupaten') };
}

function positionOf(problem: ConfigProblem): ConfigFilePosition {
  const { line, column, reason, key } = problem;
  return { line, column, ...(reason === undefined ? {} : { reason }), ...(key === undefined ? {} : { key }) };
}

export function settingsOf(config: KioskConfig): SettingsValues {
  return Object.fromEntries(SETTINGS_KEYS.map((key) => [key, shownValue(key, readPath(config, key))])) as SettingsValues;
}

/** As the screen shows it: USB ids as lsusb prints them, numeric choices as their text, an absent part's fields as none. */
function shownValue(key: SettingsKey, value: unknown): SettingsValue {
  const field = settingsField(key);
  if (value === undefined) return null;
  if (field.kind === 'usb-id' && typeof value === 'number') return value.toString(16).padStart(4, '0');
  if ('numeric' in field && typeof value === 'number') return String(value);
  return value as SettingsValue;
}

/**
 * The device paths this change sets that name something other than a device
 * (the printer transports refuse them again when they open: this is the
 * early word on the row). A path that is not there now is let through: a
 * printer's udev link exists only while it is plugged in.
 */
function devicePathsNotDevices(config: KioskConfig, values: Partial<Record<SettingsKey, SettingsValue>>) {
  const fields: Partial<Record<SettingsKey, SettingsProblem>> = {};
  const printerTouched = 'printer.devicePath' in values || 'printer.transport' in values;
  const { transport, devicePath } = config.printer;
  if (printerTouched && (transport === 'usb' || transport === 'serial') && describeNotADevice(devicePath)) {
    fields['printer.devicePath'] = 'not-a-device';
  } else if (printerTouched && transport === 'usb' && describeNotAPrinterPort(devicePath)) {
    // A serial port (/dev/ttyUSB0) under "usb": the usb transport would refuse it at the first slip.
    fields['printer.devicePath'] = 'not-a-printer-port';
  }
  const scanner = config.input.serialScanner;
  if ('input.serialScanner.path' in values && scanner && describeNotADevice(scanner.path)) fields['input.serialScanner.path'] = 'not-a-device';
  return Object.keys(fields).length > 0 ? fields : null;
}

export type SettingsCheck =
  | { ok: true; config: KioskConfig }
  | { ok: false; fields: Partial<Record<SettingsKey, SettingsProblem>>; params: ErrorParams };

/** The configuration with these settings changed, or why they cannot be. */
export function applySettings(
  config: KioskConfig,
  values: Partial<Record<SettingsKey, SettingsValue>>,
  schema: ConfigSchema = configSchema,
): SettingsCheck {
  const candidate = structuredClone(config) as unknown as Record<string, unknown>;
  const entries = Object.entries(values) as Array<[SettingsKey, SettingsValue]>;
  // "None" for a part (no serial scanner) first: the part's other fields in the same change go with it.
  const removed = new Set<string>();
  for (const [key, value] of entries) {
    const field = settingsField(key);
    if ('presence' in field && value === null) {
      writePath(candidate, field.parent, null);
      removed.add(field.parent);
    }
  }
  for (const [key, value] of entries) {
    const field = settingsField(key);
    if ('parent' in field) {
      if (removed.has(field.parent)) continue;
      if (readPath(candidate, field.parent) == null) writePath(candidate, field.parent, {});
    }
    writePath(candidate, key, storedValue(field, value));
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, config: parsed.data };
  const fields: Partial<Record<SettingsKey, SettingsProblem>> = {};
  const params: ErrorParams = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') as SettingsKey;
    // The running configuration was valid, so every problem comes from this change: shown on its row
    // (a field the change did not touch, when a rule links them: a HID card reader needs its USB ids).
    if (!SETTINGS_KEYS.includes(key) || fields[key]) continue;
    fields[key] = problemOf(issue, values[key], settingsField(key));
    if ('minimum' in issue && typeof issue.minimum === 'number') params[`${key}.min`] = issue.minimum;
    if ('maximum' in issue && typeof issue.maximum === 'number') params[`${key}.max`] = issue.maximum;
  }
  // A refusal for a field of the change's own making (e.g. a cross-field rule) still refuses the whole change.
  if (Object.keys(fields).length === 0) for (const key of Object.keys(values) as SettingsKey[]) fields[key] = 'invalid';
  return { ok: false, fields, params };
}

function storedValue(field: ReturnType<typeof settingsField>, value: SettingsValue): unknown {
  if (field.key === 'village.officePhone' && typeof value === 'string') return normalisePhone(value);
  if ('emptyIsBlank' in field && value === null) return '';
  if ('numeric' in field && typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return value;
}

function problemOf(issue: z.core.$ZodIssue, given: SettingsValue | undefined, field: ReturnType<typeof settingsField>): SettingsProblem {
  if (issue.code === 'invalid_format' && 'format' in field) return 'format';
  if (issue.code === 'invalid_type') {
    if (issue.expected === 'int') return 'not-whole';
    if (issue.expected === 'number') return 'not-a-number';
    return given === null || given === undefined ? 'required' : 'invalid';
  }
  if (issue.code === 'too_small') return issue.origin === 'string' ? (issue.minimum === 1 ? 'required' : 'too-short') : 'too-small';
  if (issue.code === 'too_big') return issue.origin === 'string' ? 'too-long' : 'too-big';
  return 'invalid';
}

function readPath(target: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], target);
}

function writePath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}
