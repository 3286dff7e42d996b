/**
 * The kiosk's own words for a walk in either language: the renderer's locale
 * files, with i18next's `{{name}}` interpolation and `_one`/`_other` plurals,
 * so a test finds a button by what the resident reads.
 */
import { readFileSync } from 'node:fs';

export type Language = 'id' | 'en';
type Tree = { [key: string]: string | Tree };

const trees: Record<Language, Tree> = {
  id: JSON.parse(readFileSync(new URL('../../src/renderer/locales/id.json', import.meta.url), 'utf8')) as Tree,
  en: JSON.parse(readFileSync(new URL('../../src/renderer/locales/en.json', import.meta.url), 'utf8')) as Tree,
};

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export function localeText(language: Language) {
  const plural = new Intl.PluralRules(language);
  return (key: string, params: Record<string, string | number> = {}): string => {
    const count = params['count'];
    const text =
      (typeof count === 'number' ? lookup(trees[language], `${key}_${plural.select(count)}`) : undefined) ?? lookup(trees[language], key);
    if (text === undefined) throw new Error(`no "${key}" in the ${language} locale`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
  };
}

/** A pattern that finds the text anywhere in a name (regular-expression characters escaped). */
export function containing(text: string, options: { start?: boolean; wordEnd?: boolean } = {}): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${options.start ? '^' : ''}${escaped}${options.wordEnd ? '\\b' : ''}`);
}
