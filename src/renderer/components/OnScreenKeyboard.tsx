import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type KeyboardLayout = 'text' | 'email' | 'url' | 'number';

const LETTER_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const EXTRA_KEYS: Record<Exclude<KeyboardLayout, 'number'>, string[]> = {
  text: ['.', ',', '-', '/', '(', ')', "'", ':'],
  email: ['@', '.', '-', '_'],
  url: [':', '/', '.', '-', '_', '?', '='],
};

/**
 * The kiosk's own keyboard for free text (no system keyboard appears on a
 * kiosk). Big keys, Indonesian labels, a shift toggle; digits on top.
 */
export function OnScreenKeyboard(props: {
  layout: KeyboardLayout;
  onKey(text: string): void;
  onBackspace(): void;
}) {
  const { t } = useTranslation();
  const [upper, setUpper] = useState(props.layout === 'text');
  if (props.layout === 'number') {
    return (
      <div className="osk osk-number" role="group" aria-label={t('keyboard.label')}>
        {'1234567890'.split('').map((digit) => (
          <button key={digit} type="button" className="osk-key" onClick={() => props.onKey(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="osk-key osk-wide" onClick={props.onBackspace}>
          {t('keypad.delete')}
        </button>
      </div>
    );
  }
  const letter = (ch: string) => (upper ? ch : ch.toLowerCase());
  return (
    <div className="osk" role="group" aria-label={t('keyboard.label')}>
      <div className="osk-row">
        {'1234567890'.split('').map((digit) => (
          <button key={digit} type="button" className="osk-key" onClick={() => props.onKey(digit)}>
            {digit}
          </button>
        ))}
      </div>
      {LETTER_ROWS.map((row) => (
        <div className="osk-row" key={row}>
          {row.split('').map((ch) => (
            <button key={ch} type="button" className="osk-key" onClick={() => props.onKey(letter(ch))}>
              {letter(ch)}
            </button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="osk-key osk-wide" aria-pressed={upper} onClick={() => setUpper(!upper)}>
          {upper ? t('keyboard.lower') : t('keyboard.upper')}
        </button>
        {EXTRA_KEYS[props.layout].map((ch) => (
          <button key={ch} type="button" className="osk-key" onClick={() => props.onKey(ch)}>
            {ch}
          </button>
        ))}
        <button type="button" className="osk-key osk-space" onClick={() => props.onKey(' ')}>
          {t('keyboard.space')}
        </button>
        <button type="button" className="osk-key osk-wide" onClick={props.onBackspace}>
          {t('keypad.delete')}
        </button>
      </div>
    </div>
  );
}
