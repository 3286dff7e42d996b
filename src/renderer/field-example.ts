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
 * field's label (or "this field") and its example (`help.editor_example` where it has one).
 * Other screens' help needs none.
 */
export function editorHelpWords(t: TFunction, field: LetterField | null, use: 'shown' | 'spoken' = 'shown'): Record<string, string> {
  if (!field) return {};
  // A server may send no label; and the voice refuses any digit (it never reads out a NIK), so a
  // label like "Nama Saksi 1" is spoken as "this field" rather than leaving the resident in silence.
  const label = field.label.trim();
  const name = label === '' || (use === 'spoken' && /\d/.test(label)) ? t('editor.thisField') : label;
  const example = fieldExample(t, field);
  return example ? { field: name, example, context: 'example' } : { field: name };
}
