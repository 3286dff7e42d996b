import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge } from '../../shared/contract';
import { checkNik, NIK_LENGTH, nikProblemParams } from '../../shared/nik';
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
 * The screen checks the NIK itself and asks the core to sign the resident in
 * (`session.identify`, or `session.identifyByReceipt` for a scanned receipt).
 */
export function IdentifyScreen(props: {
  api: KioskBridge;
  state: IdentifyState;
  dispatch(action: KioskAction): void;
  /**
   * The visit on screen (App counts one up at every reset). A sign-in answer that arrives after its
   * visit ended (Batal or idle while the PIN was checked) belongs to nobody on screen: it must not
   * sign in the next resident.
   */
  visit: Readonly<RefObject<number>>;
  /** Back to the start: the visit ends. */
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { api, state, dispatch, visit } = props;
  const onNikStep = state.step === 'nik';

  function submitNik(): void {
    const check = checkNik(state.nik);
    if (check.valid) {
      dispatch({ type: 'nik-accepted' });
      return;
    }
    dispatch({ type: 'notice', notice: { kind: 'nik', problem: check.problem, params: nikProblemParams(state.nik, check.problem) } });
  }

  async function submitPin(): Promise<void> {
    if (state.pin.length !== PIN_LENGTH) {
      dispatch({ type: 'notice', notice: { kind: 'pin-incomplete', count: state.pin.length } });
      return;
    }
    dispatch({ type: 'busy', busy: true });
    const ownVisit = visit.current;
    const result = state.receipt
      ? await api.calls['session.identifyByReceipt']({ reference: state.receipt, pin: state.pin })
      : await api.calls['session.identify']({ nik: state.nik, pin: state.pin, ...(state.cardTapped ? { cardTapped: true } : {}) });
    // The resident left while the PIN was checked: the core heard the visit end and opens no session for
    // it; the screen now on show (perhaps the next resident's PIN) is left alone.
    if (visit.current !== ownVisit) return;
    dispatch({ type: 'busy', busy: false });
    if (result.ok) dispatch({ type: 'identified', resident: result.value });
    else dispatch({ type: 'pin-refused', error: result.error });
  }

  // From the NIK step (not a scanned receipt's PIN) "Kembali" leaves, as Batal does; else one step back.
  const back = () => (onNikStep && !state.receipt ? props.onCancel() : dispatch({ type: 'back' }));
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
      onPrimary={onNikStep ? submitNik : () => void submitPin()}
      onBack={back}
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
