import { useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterField } from '../../shared/contract';
import { checkField, dayAndDate } from '../../shared/letter-form';
import { fieldProblemText } from '../error-text';
import { fieldExample } from '../field-example';
import { DatePicker, TimePicker, WeekdayPicker } from './DateTimePickers';
import { NumericKeypad } from './NumericKeypad';
import { OnScreenKeyboard, type KeyboardLayout } from './OnScreenKeyboard';
import { StepFrame } from './StepFrame';

const MAX_LENGTH: Record<string, number> = { textarea: 500 };

function keyboardFor(type: string): KeyboardLayout {
  if (type === 'email') return 'email';
  if (type === 'url') return 'url';
  return 'text';
}

/**
 * What a resident screen puts around the editor: the same step frame as the
 * form it belongs to (the header's tools, the resident, the step, the letter's
 * name as the hint, its own "Batal"). The editor adds the field's label as the
 * title, "Kembali" (the field as it was) and "Simpan".
 */
export type EditorFrame = Omit<ComponentProps<typeof StepFrame>, 'title' | 'children' | 'primaryLabel' | 'primaryDisabled' | 'onPrimary' | 'onBack' | 'bodyClassName'>;

/**
 * One field at a time, full screen: the label, the value so far, and the
 * input that suits the field's type (keyboard, date or time steppers, big
 * choice buttons). "Simpan" keeps it; "Batal" (admin) or "Kembali" (with a
 * `frame`, on the resident's errand) leaves the field as it was. Free-text
 * fields of a letter show an example of what to write.
 */
export function FieldEditor(props: {
  field: LetterField;
  value: string;
  timeZone: string;
  onSave(value: string): void;
  onCancel(): void;
  /** On resident screens: the step frame; admin screens open the editor as a dialog over their page. */
  frame?: EditorFrame;
}) {
  const { t } = useTranslation();
  const { field } = props;
  const [value, setValue] = useState(() => initialValue(field, props.value, props.timeZone));
  // An empty field says nothing until Simpan is tapped; then a required one says it must be filled, never a silent tap.
  const [saveTried, setSaveTried] = useState(false);
  const problem = value === '' && !saveTried ? null : checkField(field, value);
  const max = MAX_LENGTH[field.type] ?? 200;
  const save = () => {
    if (checkField(field, value) !== null) {
      setSaveTried(true);
      return;
    }
    props.onSave(value.trim());
  };

  let input;
  switch (field.type) {
    case 'date':
      input = <DatePicker value={value} onChange={setValue} />;
      break;
    case 'hari-tanggal':
      input = <DatePicker value={value.split(', ')[1] ?? ''} onChange={(date) => setValue(dayAndDate(date))} />;
      break;
    case 'time':
      input = <TimePicker value={value} onChange={setValue} />;
      break;
    case 'hari':
      input = <WeekdayPicker value={value} onChange={setValue} />;
      break;
    case 'select':
      input = (
        <div className="choices">
          {field.options.map((option) => (
            <button key={option.value} type="button" className="choice" aria-pressed={value === option.value} onClick={() => setValue(option.value)}>
              {option.label}
            </button>
          ))}
        </div>
      );
      break;
    case 'number':
      // Numbers on the same big keypad as NIK and PIN.
      input = (
        <NumericKeypad
          onDigit={(digit) => setValue((v) => (v.length >= 20 ? v : v + digit))}
          onDelete={() => setValue((v) => v.slice(0, -1))}
          onClear={() => setValue('')}
        />
      );
      break;
    default:
      input = (
        <OnScreenKeyboard
          layout={keyboardFor(field.type)}
          onKey={(text) => setValue((v) => (v.length >= max ? v : v + text))}
          onBackspace={() => setValue((v) => v.slice(0, -1))}
        />
      );
  }

  const shown = (
    <output className={field.type === 'textarea' ? 'editor-value editor-value-long' : 'editor-value'} aria-label={field.label}>
      {value || <span className="placeholder">{field.placeholder || t('editor.empty')}</span>}
    </output>
  );
  const problemNotice = problem && (
    <p className="notice" role="alert">
      {fieldProblemText(t, problem)}
    </p>
  );

  if (props.frame) {
    const example = fieldExample(t, field);
    const keypad = field.type === 'number';
    return (
      <StepFrame
        {...props.frame}
        title={field.label}
        primaryLabel={t('editor.save')}
        primaryDisabled={problem !== null}
        onPrimary={save}
        onBack={props.onCancel}
        bodyClassName={keypad ? 'editor-body keypad-body' : 'editor-body'}
      >
        <div className={keypad ? 'keypad-side entry' : 'editor-entry'}>
          {example && <p className="editor-example">{t('editor.example', { example })}</p>}
          <div className="editor-line">
            {shown}
            {/* The keypad has its own "Kosongkan". */}
            {!keypad && value !== '' && (
              <button type="button" className="secondary editor-clear" onClick={() => setValue('')}>
                {t('keypad.clear')}
              </button>
            )}
          </div>
          {problemNotice}
        </div>
        {keypad ? input : <div className="editor-input">{input}</div>}
      </StepFrame>
    );
  }

  return (
    <div className="editor" role="dialog" aria-modal="true" aria-labelledby="editor-title">
      <h2 id="editor-title">{field.label}</h2>
      {shown}
      {problemNotice}
      <div className={field.type === 'number' ? 'editor-input editor-input-keypad' : 'editor-input'}>{input}</div>
      <div className="editor-actions">
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('nav.cancel')}
        </button>
        {value !== '' && (
          <button type="button" className="secondary" onClick={() => setValue('')}>
            {t('keypad.clear')}
          </button>
        )}
        <button type="button" className="primary" disabled={problem !== null} onClick={save}>
          {t('editor.save')}
        </button>
      </div>
    </div>
  );
}

/** Pickers start from a sensible value so one tap on "Simpan" works: today as the kiosk's clock says, in its zone. */
function initialValue(field: LetterField, value: string, timeZone: string): string {
  if (value) return value;
  const date = todayIn(timeZone);
  if (field.type === 'date') return date;
  if (field.type === 'hari-tanggal') return dayAndDate(date);
  if (field.type === 'time') return '08:00';
  return '';
}

/** dd-mm-yyyy of today in the kiosk's zone (the browser's own zone may differ). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}-${get('month')}-${get('year')}`;
}
