import type { TFunction } from 'i18next';

/**
 * A message kept for later as its locale key and the values it needs, worded
 * when drawn (`say`), so a change of language rewords it where it stands.
 * Errors from the core have their own shape (`CallError`, worded by `errorText`).
 */
export interface Wording {
  key: string;
  params?: Record<string, string | number | null>;
}

export function say(t: TFunction, wording: Wording): string {
  return wording.params ? t(wording.key, wording.params) : t(wording.key);
}
