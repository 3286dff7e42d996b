/**
 * The kiosk UI: one reducer for the resident's session, the screens it
 * selects, and the idle timer around everything but the attract screen.
 */
import { useCallback, useContext, useEffect, useReducer, useState } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import type { KioskBridge, KioskInfo } from '../shared/contract';
import type { CallError } from '../shared/result';
import { checkNik, NIK_LENGTH } from '../shared/nik';
import { PIN_LENGTH } from '../shared/pin';
import { minTouchTargetCssPx } from '../shared/touch-target';
import { IdleWarning } from './components/IdleWarning';
import { useIdleTimer } from './hooks/use-idle-timer';
import { initialState, kioskReducer, type KioskAction } from './kiosk-state';
import { AttractScreen } from './screens/AttractScreen';
import { IdentifyScreen } from './screens/IdentifyScreen';
import { playTone } from './tone';

export function App(props: { api: KioskBridge; beep?: () => boolean }) {
  const { api, beep = playTone } = props;
  const { t } = useTranslation();
  // The instance itself: useTranslation's `i18n` is a new wrapper per language,
  // which would re-run the effects below and undo a resident's language choice.
  const { i18n } = useContext(I18nContext);
  const [info, setInfo] = useState<KioskInfo | null>(null);
  const [loadError, setLoadError] = useState<CallError | null>(null);
  const [state, dispatch] = useReducer(kioskReducer, initialState);
  const [tones, setTones] = useState(0);

  // The kiosk's language applies when its info arrives or changes; a resident
  // may switch for their own session, and the next one starts in it again.
  useEffect(() => {
    let alive = true;
    const apply = (next: KioskInfo): void => {
      setInfo(next);
      document.documentElement.style.setProperty(
        '--touch-min',
        `${minTouchTargetCssPx(next.screenPpi, window.devicePixelRatio)}px`,
      );
      void i18n.changeLanguage(next.locale);
    };
    void api.calls['kiosk.getInfo']({}).then((result) => {
      if (!alive) return;
      if (result.ok) apply(result.value);
      else setLoadError(result.error);
    });
    const stop = api.on('kiosk.infoChanged', apply);
    return () => {
      alive = false;
      stop();
    };
  }, [api, i18n]);

  const defaultLocale = info?.locale ?? 'id';

  // Back to the attract screen with nothing of the resident left, in the
  // kiosk's own language for the next person.
  const reset = useCallback(
    (reason: 'idle' | 'cancel') => {
      dispatch({ type: 'reset' });
      setTones(0);
      void i18n.changeLanguage(defaultLocale);
      void api.calls['session.end']({ reason });
    },
    [api, i18n, defaultLocale],
  );

  const idle = useIdleTimer({
    enabled: state.screen !== 'attract' && info !== null,
    idleSeconds: info?.idle.seconds ?? 60,
    warningSeconds: info?.idle.warningSeconds ?? 20,
    onTick: () => {
      if (beep()) setTones((n) => n + 1);
    },
    onTimeout: () => reset('idle'),
  });

  if (!info) {
    return (
      <main className="loading" aria-busy={loadError === null}>
        <p>{loadError ? t(`errors.${loadError.code}`, { defaultValue: loadError.message }) : t('app.loading')}</p>
      </main>
    );
  }

  const send = (action: KioskAction): void => dispatch(action);

  async function submitPin(): Promise<void> {
    if (state.screen !== 'identify') return;
    if (state.pin.length !== PIN_LENGTH) {
      send({ type: 'notice', notice: { kind: 'pin-incomplete', count: state.pin.length } });
      return;
    }
    send({ type: 'busy', busy: true });
    const result = await api.calls['session.identify']({ nik: state.nik, pin: state.pin });
    send({ type: 'busy', busy: false });
    if (!result.ok) send({ type: 'notice', notice: { kind: 'call', error: result.error } });
  }

  function submitNik(): void {
    if (state.screen !== 'identify') return;
    const check = checkNik(state.nik);
    if (check.valid) {
      send({ type: 'nik-accepted' });
      return;
    }
    const params = {
      count: state.nik.length,
      missing: NIK_LENGTH - state.nik.length,
      part: check.problem === 'province' ? state.nik.slice(0, 2) : state.nik.slice(6, 12),
    };
    send({ type: 'notice', notice: { kind: 'nik', problem: check.problem, params } });
  }

  return (
    <div className="kiosk">
      {state.screen === 'attract' ? (
        <AttractScreen
          info={info}
          onStart={() => send({ type: 'start' })}
          onToggleLanguage={() => void i18n.changeLanguage(i18n.language === 'en' ? 'id' : 'en')}
        />
      ) : (
        <IdentifyScreen
          state={state}
          dispatch={send}
          onSubmitNik={submitNik}
          onSubmitPin={() => void submitPin()}
          onBack={() => (state.step === 'nik' ? reset('cancel') : send({ type: 'back' }))}
          onCancel={() => reset('cancel')}
        />
      )}
      {idle.warning && <IdleWarning secondsLeft={idle.secondsLeft} tones={tones} onStay={idle.stay} />}
    </div>
  );
}
