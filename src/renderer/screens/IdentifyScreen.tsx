import { useTranslation } from 'react-i18next';
import { NIK_LENGTH } from '../../shared/nik';
import { PIN_LENGTH } from '../../shared/pin';
import { NumericKeypad } from '../components/NumericKeypad';
import { StepFrame } from '../components/StepFrame';
import type { KioskAction, KioskState, Notice } from '../kiosk-state';
import { errorText } from '../error-text';

type IdentifyState = Extract<KioskState, { screen: 'identify' }>;

/**
 * Step 1: the NIK on the keypad, shown in groups of four so it can be compared
 * with the card. Step 2: the PIN, shown only as dots; its digits never reach
 * the page. For a scanned receipt's owner there is only the PIN step.
 */
export function IdentifyScreen(props: {
  state: IdentifyState;
  dispatch(action: KioskAction): void;
  onSubmitNik(): void;
  onSubmitPin(): void;
  onBack(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { state, dispatch } = props;
  const onNikStep = state.step === 'nik';
  // A kiosk with no village server cannot take this PIN, whatever is typed: no Lanjut, a way back to the start.
  const notice = state.notice;
  const blocking = (notice?.kind === 'call' || notice?.kind === 'pin-refused') && notice.error.code === 'server-not-configured';

  return (
    <StepFrame
      {...(state.receipt ? {} : { step: 'sign-in' as const })}
      title={t(onNikStep ? 'identify.nikTitle' : 'identify.pinTitle')}
      hint={state.receipt ? t('identify.receiptPinHint', { reference: state.receipt }) : t(onNikStep ? 'identify.nikHint' : 'identify.pinHint')}
      primaryLabel={state.busy ? t('identify.checking') : t('nav.next')}
      primaryDisabled={state.busy || blocking}
      onPrimary={onNikStep ? props.onSubmitNik : props.onSubmitPin}
      onBack={props.onBack}
      onCancel={props.onCancel}
      bodyClassName="keypad-body"
    >
      <div className="keypad-side">
        {onNikStep ? <NikDisplay nik={state.nik} /> : <PinDisplay length={state.pin.length} />}
        <NoticeText notice={state.notice} />
        {blocking && (
          <button type="button" className="secondary wide" onClick={props.onCancel}>
            {t('identify.toStart')}
          </button>
        )}
      </div>
      <NumericKeypad
        disabled={state.busy}
        onDigit={(digit) => dispatch({ type: 'digit', digit })}
        onDelete={() => dispatch({ type: 'delete-digit' })}
        onClear={() => dispatch({ type: 'clear' })}
      />
    </StepFrame>
  );
}

function NikDisplay(props: { nik: string }) {
  const { t } = useTranslation();
  const groups = [0, 4, 8, 12].map((start) =>
    Array.from({ length: 4 }, (_, i) => props.nik[start + i] ?? '_').join(''),
  );
  return (
    <div className="entry">
      <output className="entry-value nik-value" aria-label={t('identify.nikLabel')}>
        {groups.join(' ')}
      </output>
      <p className="entry-count">{t('identify.nikCount', { count: props.nik.length, max: NIK_LENGTH })}</p>
    </div>
  );
}

function PinDisplay(props: { length: number }) {
  const { t } = useTranslation();
  return (
    <div className="entry">
      <output className="entry-value pin-value" aria-label={t('identify.pinLabel')}>
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span key={i} className={i < props.length ? 'pin-dot filled' : 'pin-dot'} aria-hidden="true">
            {i < props.length ? '\u25CF' : '\u25CB'}
          </span>
        ))}
      </output>
      <p className="entry-count">{t('identify.pinCount', { count: props.length })}</p>
    </div>
  );
}

function NoticeText(props: { notice: Notice | null }) {
  const { t } = useTranslation();
  const { notice } = props;
  if (!notice) return <p className="notice notice-empty" aria-live="polite" />;
  let text: string;
  switch (notice.kind) {
    case 'nik':
      text = t(`nik.${notice.problem}`, notice.params);
      break;
    case 'pin-incomplete':
      text = t('identify.pinIncomplete', { count: notice.count });
      break;
    case 'card-unknown':
      text = t('identify.cardUnknown');
      break;
    case 'call':
      text = errorText(t, notice.error);
      break;
    case 'pin-refused':
      // The dots are empty again: a wrong PIN says so, with the tries left.
      text = notice.error.code === 'wrong-pin' ? t('identify.wrongPinCleared', notice.error.params) : errorText(t, notice.error);
      break;
  }
  return (
    <p className="notice" role="alert">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>{' '}
      {text}
    </p>
  );
}
