import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../shared/letter-form';

/** Big up/down steppers: easier than a tiny calendar for a first-time touch user. */
function Stepper(props: { label: string; value: string; onUp(): void; onDown(): void }) {
  const { t } = useTranslation();
  return (
    <div className="stepper" role="group" aria-label={props.label}>
      <span className="stepper-label">{props.label}</span>
      <button type="button" className="stepper-button" aria-label={t('picker.up', { what: props.label })} onClick={props.onUp}>
        ▲
      </button>
      <output className="stepper-value">{props.value}</output>
      <button type="button" className="stepper-button" aria-label={t('picker.down', { what: props.label })} onClick={props.onDown}>
        ▼
      </button>
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

export function parseDate(value: string, today: Date): { day: number; month: number; year: number } {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (match) return { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) };
  return { day: today.getDate(), month: today.getMonth() + 1, year: today.getFullYear() };
}

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** dd-mm-yyyy, as OpenSID stores dates. */
export function DatePicker(props: { value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  const { day, month, year } = parseDate(props.value, new Date());
  // Days wrap within the month (like a spinner); a month or year change keeps
  // the day inside the new month (31 January + 1 month = 28/29 February).
  const set = (d: number, m: number, y: number) => {
    const month1 = ((m - 1 + 12) % 12) + 1;
    const max = daysIn(month1, y);
    const day1 = d !== day ? (d < 1 ? max : d > max ? 1 : d) : Math.min(d, max);
    props.onChange(`${pad(day1)}-${pad(month1)}-${y}`);
  };
  const monthName = t(`picker.months.${month - 1}`);
  return (
    <div className="picker">
      <Stepper label={t('picker.day')} value={pad(day)} onUp={() => set(day + 1, month, year)} onDown={() => set(day - 1, month, year)} />
      <Stepper label={t('picker.month')} value={monthName} onUp={() => set(day, month + 1, year)} onDown={() => set(day, month - 1, year)} />
      <Stepper label={t('picker.year')} value={String(year)} onUp={() => set(day, month, year + 1)} onDown={() => set(day, month, year - 1)} />
    </div>
  );
}

/** HH:MM in 5-minute steps. */
export function TimePicker(props: { value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  const match = /^(\d{2}):(\d{2})$/.exec(props.value);
  const hour = match ? Number(match[1]) : 8;
  const minute = match ? Number(match[2]) : 0;
  const set = (h: number, m: number) => props.onChange(`${pad((h + 24) % 24)}:${pad((m + 60) % 60)}`);
  return (
    <div className="picker">
      <Stepper label={t('picker.hour')} value={pad(hour)} onUp={() => set(hour + 1, minute)} onDown={() => set(hour - 1, minute)} />
      <Stepper label={t('picker.minute')} value={pad(minute)} onUp={() => set(hour, minute + 5)} onDown={() => set(hour, minute - 5)} />
    </div>
  );
}

export function WeekdayPicker(props: { value: string; onChange(value: string): void }) {
  return (
    <div className="choices">
      {WEEKDAYS.map((day) => (
        <button key={day} type="button" className="choice" aria-pressed={props.value === day} onClick={() => props.onChange(day)}>
          {day}
        </button>
      ))}
    </div>
  );
}
