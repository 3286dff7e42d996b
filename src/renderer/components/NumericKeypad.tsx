import { useTranslation } from 'react-i18next';
import { keyTone } from '../tone';

const ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

/** The big on-screen keypad for NIK and PIN (no system keyboard on a kiosk). */
export function NumericKeypad(props: {
  onDigit(digit: string): void;
  onDelete(): void;
  onClear(): void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { onDigit, onDelete, onClear, disabled = false } = props;
  return (
    <div className="keypad" role="group" onPointerDown={keyTone}>
      {ROWS.flat().map((digit) => (
        <button key={digit} type="button" className="key" disabled={disabled} onClick={() => onDigit(digit)}>
          {digit}
        </button>
      ))}
      <button type="button" className="key key-secondary" disabled={disabled} onClick={onClear}>
        {t('keypad.clear')}
      </button>
      <button type="button" className="key" disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="key key-secondary" disabled={disabled} onClick={onDelete}>
        {t('keypad.delete')}
      </button>
    </div>
  );
}
