import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, AdminSession, AdminState } from '../../shared/admin-contract';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN, SET_PIN_COMMAND } from '../../shared/admin-pin';
import type { CallError } from '../../shared/result';
import { NumericKeypad } from '../components/NumericKeypad';
import { errorText } from '../error-text';

type Step = 'pin' | 'first' | 'confirm';

/**
 * The way into admin: the admin PIN on the keypad (a tapped technician card
 * says whose name it opens in), or on a kiosk never put into service, a
 * first PIN typed twice. A kiosk in service without a PIN says where it is
 * set (the kiosk PC) and offers no keypad. While the core keeps the keypad
 * locked it counts the seconds down.
 */
export function AdminPinScreen(props: {
  api: AdminBridge;
  state: AdminState;
  onOpened(session: AdminSession): void;
  onRefresh(): void;
  onCancel(): void;
}) {
  const { state } = props;
  if (!state.pinSet && !state.demoPin && !state.firstPinHere) return <PinOnPc onCancel={props.onCancel} />;
  return <PinKeypadScreen {...props} />;
}

/** A kiosk in service without an admin PIN: the PIN is made on the PC, never on this screen. */
function PinOnPc(props: { onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <main className="step admin">
      <header className="step-header">
        <p className="step-progress">{t('admin.title')}</p>
        <h1>{t('admin.onPcTitle')}</h1>
        <p className="step-hint">{t('admin.onPcHint')}</p>
      </header>
      <section className="step-body">
        <p>{t('admin.onPcSteps')}</p>
        <p className="admin-command">
          <code>{SET_PIN_COMMAND}</code>
        </p>
      </section>
      <footer className="step-actions">
        <button type="button" className="secondary step-cancel" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
      </footer>
    </main>
  );
}

function PinKeypadScreen(props: {
  api: AdminBridge;
  state: AdminState;
  onOpened(session: AdminSession): void;
  onRefresh(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { api, state } = props;
  const [step, setStep] = useState<Step>(state.pinSet || state.demoPin ? 'pin' : 'first');
  const [pin, setPin] = useState('');
  const [firstPin, setFirstPin] = useState('');
  const [error, setError] = useState<CallError | { code: 'mismatch' } | null>(null);
  const [lockedUntil, setLockedUntil] = useState(() => (state.lockedSeconds > 0 ? Date.now() + state.lockedSeconds * 1000 : 0));
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);

  const lockedSeconds = Math.max(0, Math.ceil((lockedUntil - now) / 1000));
  useEffect(() => {
    if (lockedUntil === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  async function submit(): Promise<void> {
    if (step === 'first') {
      setFirstPin(pin);
      setPin('');
      setError(null);
      setStep('confirm');
      return;
    }
    if (step === 'confirm' && pin !== firstPin) {
      setPin('');
      setFirstPin('');
      setError({ code: 'mismatch' });
      setStep('first');
      return;
    }
    setBusy(true);
    const result = step === 'confirm' ? await api.calls['admin.setFirstPin']({ pin }) : await api.calls['admin.unlock']({ pin });
    setBusy(false);
    setPin('');
    if (result.ok) {
      props.onOpened(result.value);
      return;
    }
    setError(result.error);
    if (result.error.code === 'admin-locked') {
      setLockedUntil(Date.now() + Number(result.error.params?.count ?? 0) * 1000);
      setNow(Date.now());
    }
    if (step === 'confirm') {
      setFirstPin('');
      setStep('first');
    }
    if (['admin-pin-not-set', 'admin-pin-already-set', 'admin-pin-on-pc'].includes(result.error.code)) props.onRefresh();
  }

  const title = step === 'pin' ? t('admin.pinTitle') : step === 'first' ? t('admin.firstPinTitle') : t('admin.confirmPinTitle');
  const hint = step === 'pin' ? t('admin.pinHint') : step === 'first' ? t('admin.firstPinHint') : t('admin.confirmPinHint');
  const locked = lockedSeconds > 0;
  const message = locked
    ? t('errors.admin-locked', { count: lockedSeconds })
    : error === null
      ? null
      : error.code === 'mismatch'
        ? t('admin.pinMismatch')
        : errorText(t, error);

  return (
    <main className="step admin">
      <header className="step-header">
        <p className="step-progress">{t('admin.title')}</p>
        <h1>{title}</h1>
        <p className="step-hint">{hint}</p>
      </header>
      <section className="step-body keypad-body">
        <div className="keypad-side">
          <p className="entry" aria-live="polite">
            <span className="entry-value" aria-label={t('admin.digits', { count: pin.length })}>
              {pin.length === 0 ? '\u00a0' : '\u25cf'.repeat(pin.length)}
            </span>
          </p>
          {state.demoPin && step === 'pin' && <p className="notice admin-demo-pin">{t('admin.demoPin', { pin: state.demoPin })}</p>}
          {state.card && step === 'pin' && <p className="notice">{t('admin.card', { label: state.card })}</p>}
          {message && (
            <p className="notice" role="alert">
              {message}
            </p>
          )}
        </div>
        <NumericKeypad
          disabled={locked || busy}
          onDigit={(digit) => setPin((current) => (current.length < ADMIN_PIN_MAX ? current + digit : current))}
          onDelete={() => setPin((current) => current.slice(0, -1))}
          onClear={() => setPin('')}
        />
      </section>
      <footer className="step-actions step-actions-two">
        <button type="button" className="secondary step-cancel" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="button" className="primary" disabled={locked || busy || pin.length < ADMIN_PIN_MIN} onClick={() => void submit()}>
          {step === 'first' ? t('admin.next') : t('admin.open')}
        </button>
      </footer>
    </main>
  );
}
