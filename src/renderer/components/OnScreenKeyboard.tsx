import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keyTone } from '../tone';

export type KeyboardLayout = 'text' | 'email' | 'url' | 'number' | 'search';

const LETTER_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
/** The few marks each kind of text needs (search needs none, nor digits: it matches letter names). */
const EXTRA_KEYS: Record<Exclude<KeyboardLayout, 'number'>, string[]> = {
  text: ['.', ',', '-', '/', '(', ')'],
  email: ['@', '.', '-', '_'],
  url: [':', '/', '.', '-', '_', '?', '='],
  search: [],
};

/**
 * The kiosk's own keyboard for free text (no system keyboard appears on a
 * kiosk). Big keys, Indonesian labels, a shift toggle; digits on top. Each row
 * is a 22-column grid (a key takes 2, shift and delete 4 so their words fit on
 * a narrow panel, space the rest; rows of ten keys are centred), so the
 * keyboard is as wide as the screen allows and never runs off its edges.
 */
export function OnScreenKeyboard(props: {
  layout: KeyboardLayout;
  onKey(text: string): void;
  onBackspace(): void;
}) {
  const { t } = useTranslation();
  const [upper, setUpper] = useState(props.layout === 'text' || props.layout === 'search');
  const digits = (
    <div className="osk-row osk-row-ten">
      {'1234567890'.split('').map((digit) => (
        <button key={digit} type="button" className="osk-key" onClick={() => props.onKey(digit)}>
          {digit}
        </button>
      ))}
    </div>
  );
  if (props.layout === 'number') {
    return (
      <div className="osk osk-number" role="group" aria-label={t('keyboard.label')} onPointerDown={keyTone}>
        {digits}
        <div className="osk-row">
          <button type="button" className="osk-key osk-wide osk-delete" onClick={props.onBackspace}>
            {t('keypad.delete')}
          </button>
        </div>
      </div>
    );
  }
  const letter = (ch: string) => (upper ? ch : ch.toLowerCase());
  const letterKey = (ch: string, index: number) => (
    <button
      key={ch}
      type="button"
      className={index === 0 && ch === 'A' ? 'osk-key osk-offset' : 'osk-key'}
      onClick={() => props.onKey(letter(ch))}
    >
      {letter(ch)}
    </button>
  );
  const extras = EXTRA_KEYS[props.layout];
  return (
    <div className="osk" role="group" aria-label={t('keyboard.label')} onPointerDown={keyTone}>
      {props.layout !== 'search' && digits}
      <div className="osk-row osk-row-ten">{LETTER_ROWS[0]!.split('').map(letterKey)}</div>
      <div className="osk-row">{LETTER_ROWS[1]!.split('').map(letterKey)}</div>
      <div className="osk-row">
        <button type="button" className="osk-key osk-wide" aria-pressed={upper} onClick={() => setUpper(!upper)}>
          {upper ? t('keyboard.lower') : t('keyboard.upper')}
        </button>
        {LETTER_ROWS[2]!.split('').map(letterKey)}
        <button type="button" className="osk-key osk-wide" onClick={props.onBackspace}>
          {t('keypad.delete')}
        </button>
      </div>
      <div className="osk-row">
        {extras.map((ch) => (
          <button key={ch} type="button" className="osk-key" onClick={() => props.onKey(ch)}>
            {ch}
          </button>
        ))}
        <button type="button" className={`osk-key osk-space osk-space-${props.layout}`} onClick={() => props.onKey(' ')}>
          {t('keyboard.space')}
        </button>
      </div>
    </div>
  );
}
