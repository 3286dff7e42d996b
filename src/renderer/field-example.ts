import type { TFunction } from 'i18next';
import type { LetterField } from '../shared/contract';
import { fieldExampleKey } from '../shared/letter-form';

/** What a resident might write in a free-text field ("untuk melamar pekerjaan"), in the resident's language; null where the locales have none. */
export function fieldExample(t: TFunction, field: LetterField): string | null {
  const key = fieldExampleKey(field);
  return (key && t(key, { defaultValue: '' })) || null;
}

/**
 * The words the editor's help and spoken prompt put in their sentences: the
 * field's label and its example (`help.editor_example` where it has one).
 * Other screens' help needs none.
 */
export function editorHelpWords(t: TFunction, field: LetterField | null): Record<string, string> {
  if (!field) return {};
  const example = fieldExample(t, field);
  return example ? { field: field.label, example, context: 'example' } : { field: field.label };
}
