/**
 * The admin's Pengaturan screen: the kiosk settings read from, and saved to,
 * the configuration. A change is checked against the same schema as
 * `config.json`; any refused value saves nothing (a problem per field, with
 * the bounds the message needs); otherwise the file is written atomically
 * and the change applies at once, audited with the fields it touched.
 */
import type { z } from 'zod';
import { SETTINGS_KEYS, type SettingsKey, type SettingsProblem, type SettingsValue, type SettingsValues } from '../../shared/admin-settings';
import { normalisePhone } from '../../shared/phone';
import { ok, type ErrorParams } from '../../shared/result';
import { configSchema, type KioskConfig } from '../config/schema';
import type { Feature } from '../feature';

export const registerAdminSettings: Feature = (ctx) => {
  ctx.handleAdmin('admin.settings', () => ok({ values: settingsOf(ctx.config.current()) }));

  ctx.handleAdmin('admin.saveSettings', async ({ values }, actor) => {
    const checked = applySettings(ctx.config.current(), values);
    if (!checked.ok) return { ok: false, error: { code: 'validation', fields: checked.fields, params: checked.params } };
    await ctx.config.save(checked.config, actor ?? 'pin');
    return ok({ values: settingsOf(checked.config) });
  });

  return () => {};
};

export function settingsOf(config: KioskConfig): SettingsValues {
  return Object.fromEntries(SETTINGS_KEYS.map((key) => [key, readPath(config, key) as SettingsValue])) as SettingsValues;
}

export type SettingsCheck =
  | { ok: true; config: KioskConfig }
  | { ok: false; fields: Partial<Record<SettingsKey, SettingsProblem>>; params: ErrorParams };

/** The configuration with these settings changed, or why they cannot be. */
export function applySettings(config: KioskConfig, values: Partial<Record<SettingsKey, SettingsValue>>): SettingsCheck {
  const candidate = structuredClone(config) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(values) as Array<[SettingsKey, SettingsValue]>) {
    writePath(candidate, key, key === 'village.officePhone' && typeof value === 'string' ? normalisePhone(value) : value);
  }
  const parsed = configSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, config: parsed.data };
  const fields: Partial<Record<SettingsKey, SettingsProblem>> = {};
  const params: ErrorParams = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') as SettingsKey;
    // Only what this change touched can be wrong: the running configuration was valid.
    if (!(key in values) || fields[key]) continue;
    fields[key] = problemOf(issue, values[key]);
    if ('minimum' in issue && typeof issue.minimum === 'number') params[`${key}.min`] = issue.minimum;
    if ('maximum' in issue && typeof issue.maximum === 'number') params[`${key}.max`] = issue.maximum;
  }
  // A refusal for a field of the change's own making (e.g. a cross-field rule) still refuses the whole change.
  if (Object.keys(fields).length === 0) for (const key of Object.keys(values) as SettingsKey[]) fields[key] = 'invalid';
  return { ok: false, fields, params };
}

function problemOf(issue: z.core.$ZodIssue, given: SettingsValue | undefined): SettingsProblem {
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
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}
