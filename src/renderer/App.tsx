/**
 * The kiosk UI: one reducer for the resident's session, the screen it
 * selects, and what lasts across screens (the kiosk's info, the visit, the
 * idle timer around everything but the attract screen, the session's time
 * limit, help and voice). Each screen makes its own calls.
 */
import { useCallback, useContext, useEffect, useReducer, useRef, useState } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import type { AttractContent, KioskBridge, KioskInfo, PrintResult } from '../shared/contract';
import type { CallError } from '../shared/result';
import { minTouchGapCssPx, minTouchTargetCssPx } from '../shared/touch-target';
import { IdleWarning } from './components/IdleWarning';
import { SessionLimitWarning } from './components/SessionLimitWarning';
import { useIdleTimer } from './hooks/use-idle-timer';
import { useScreenHelp } from './hooks/use-screen-help';
import { initialState, kioskReducer, type KioskAction } from './kiosk-state';
import { AttractScreen } from './screens/AttractScreen';
import { AdminCorner } from './components/AdminCorner';
import { openAdminScreen } from './admin-entry';
import { IdentifyScreen } from './screens/IdentifyScreen';
import { IssuedLettersScreen } from './screens/IssuedLettersScreen';
import { LetterPreviewScreen } from './screens/LetterPreviewScreen';
import { LetterFormScreen } from './screens/LetterFormScreen';
import { LetterListScreen } from './screens/LetterListScreen';
import { MenuScreen } from './screens/MenuScreen';
import { MyRequestsScreen } from './screens/MyRequestsScreen';
import { ResultScreen } from './screens/ResultScreen';
import { ReceiptStatusScreen } from './screens/ReceiptStatusScreen';
import { VillageInfoScreen } from './screens/VillageInfoScreen';
import { chime, playTone } from './tone';
import { HelpContext, StaffNotice, type HelpContextValue } from './components/HelpControls';
import { errorText } from './error-text';
import { startScreenTiming, type ScreenTiming } from './screen-timing';

export function App(props: { api: KioskBridge; beep?: () => boolean }) {
  const { api, beep = playTone } = props;
  const { t } = useTranslation();
  // The instance itself: useTranslation's `i18n` is a new wrapper per language,
  // which would re-run the effects below and undo a resident's language choice.
  const { i18n } = useContext(I18nContext);
  const [info, setInfo] = useState<KioskInfo | null>(null);
  const [attract, setAttract] = useState<AttractContent | null>(null);
  const [loadError, setLoadError] = useState<CallError | null>(null);
  const [state, dispatch] = useReducer(kioskReducer, initialState);
  const [tones, setTones] = useState(0);
  const [limitWarning, setLimitWarning] = useState<number | null>(null);
  // "Panggil petugas": shown until staff dismiss it, whatever the resident does next.
  const [staffCalledAt, setStaffCalledAt] = useState<Date | null>(null);
  // "Huruf besar" and "Kontras tinggi": for this session only.
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  // A technician has admin open: the resident screens wait.
  const [adminOpen, setAdminOpen] = useState(false);

  // How long each screen change takes after the touch that asked for it (User Timing; screen-timing.ts).
  const timing = useRef<ScreenTiming | null>(null);
  useEffect(() => {
    const started = startScreenTiming();
    timing.current = started;
    return started.stop;
  }, []);
  const screenName = state.screen === 'identify' ? `identify-${state.step}` : state.screen === 'form' ? `form-${state.draft.step}` : state.screen;
  useEffect(() => timing.current?.screenShown(screenName), [screenName]);

  // <html lang> follows the language on screen (screen readers, hyphenation).
  useEffect(() => {
    const apply = (language: string) => {
      document.documentElement.lang = language;
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [i18n]);

  // The kiosk's language applies when its info arrives or changes; a resident
  // may switch for their own session, and the next one starts in it again.
  useEffect(() => {
    let alive = true;
    const apply = (next: KioskInfo): void => {
      setInfo(next);
      setAdminOpen(next.adminOpen);
      const root = document.documentElement.style;
      root.setProperty('--touch-min', `${minTouchTargetCssPx(next.screenPpi, window.devicePixelRatio)}px`);
      root.setProperty('--touch-gap', `${minTouchGapCssPx(next.screenPpi, window.devicePixelRatio)}px`);
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

  // The attract screen's photos and news: fetched once, and again whenever the core has new ones
  // (not on every return to the attract screen: the pictures are large).
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void api.calls['kiosk.attract']({}).then((result) => {
        if (alive && result.ok) setAttract(result.value);
      });
    };
    load();
    const stop = api.on('kiosk.attractChanged', load);
    return () => {
      alive = false;
      stop();
    };
  }, [api]);

  const defaultLocale = info?.locale ?? 'id';

  // Back to the attract screen with nothing of the resident left, in the
  // kiosk's own language for the next person.
  // Each reset starts a new visit. A sign-in answer that arrives after its visit ended (Batal while
  // the PIN was being checked) belongs to nobody on screen: it must not sign in the next resident
  // (IdentifyScreen compares the visit before and after its call).
  const visit = useRef(0);
  const reset = useCallback(
    (reason: 'idle' | 'cancel' | 'done' | 'admin') => {
      visit.current += 1;
      dispatch({ type: 'reset' });
      setTones(0);
      setLimitWarning(null);
      setLargeText(false);
      setHighContrast(false);
      void i18n.changeLanguage(defaultLocale);
      void api.calls['session.end']({ reason });
    },
    [api, i18n, defaultLocale],
  );

  // The core ended the signed-in session (time limit): back to the start.
  useEffect(() => api.on('session.expired', () => reset('done')), [api, reset]);

  // Admin opened (here or in its own window): nothing of the resident stays; the screens wait until it closes.
  useEffect(
    () =>
      api.on('kiosk.adminChanged', ({ open }) => {
        setAdminOpen(open);
        if (open) reset('admin');
      }),
    [api, reset],
  );
  // A registered technician card: straight to the admin PIN, in that technician's name.
  useEffect(() => api.on('input.technicianCard', () => openAdminScreen()), [api]);

  // Card readers and scanners (bursts told apart in the core): a tap fills the NIK, a receipt opens its status.
  // A kiosk that takes no sign-in (AttractScreen says why) opens no NIK or PIN screen for a card either.
  const takesSignIn = info !== null && info.signInRefused === null;
  useEffect(
    () =>
      api.on('input.card', ({ nik }) => {
        if (takesSignIn) dispatch({ type: 'card', nik });
      }),
    [api, takesSignIn],
  );
  useEffect(() => api.on('input.receipt', ({ reference }) => dispatch({ type: 'receipt-scanned', reference })), [api]);

  // A minute (configurable) before the limit: warn, and offer more time.
  // It is heard too, for a resident who looked away.
  useEffect(
    () =>
      api.on('session.expiring', ({ secondsLeft }) => {
        setLimitWarning(secondsLeft);
        beep();
      }),
    [api, beep],
  );
  async function extendSession(): Promise<void> {
    setLimitWarning(null);
    await api.calls['session.extend']({});
  }

  const help = useScreenHelp(api, info, state, takesSignIn);

  const receiptPrinted = useCallback((reference: string, result: PrintResult) => dispatch({ type: 'receipt-printed', reference, result }), []);

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
        <p>{loadError ? errorText(t, loadError) : t('app.loading')}</p>
      </main>
    );
  }

  if (adminOpen) {
    return (
      <main className="maintenance" role="status">
        <h1>{t('maintenance.title')}</h1>
        <p>{t('maintenance.body')}</p>
      </main>
    );
  }

  const send = (action: KioskAction): void => dispatch(action);

  let screen;
  switch (state.screen) {
    case 'attract':
      screen = (
        <AttractScreen api={api} info={info} content={attract} onStart={() => send({ type: 'start' })} />
      );
      break;
    case 'identify':
      screen = (
        <IdentifyScreen api={api} state={state} dispatch={send} visit={visit} onCancel={() => reset('cancel')} />
      );
      break;
    case 'menu':
      screen = (
        <MenuScreen
          resident={state.resident}
          onRequestLetter={() => send({ type: 'go', screen: 'letters' })}
          onMyRequests={() => send({ type: 'go', screen: 'mine' })}
          onMyLetters={() => send({ type: 'go', screen: 'issued' })}
          onVillageInfo={() => send({ type: 'go', screen: 'village' })}
          onLogout={() => reset('done')}
        />
      );
      break;
    case 'village':
      screen = (
        <VillageInfoScreen
          api={api}
          resident={state.resident}
          timeZone={info.timeZone}
          onBack={() => send({ type: 'go', screen: 'menu' })}
          onLogout={() => reset('done')}
        />
      );
      break;
    case 'letters':
      screen = (
        <LetterListScreen
          api={api}
          resident={state.resident}
          onPick={(letter) => send({ type: 'open-letter', letter })}
          onBack={() => send({ type: 'go', screen: 'menu' })}
          onCancel={() => send({ type: 'go', screen: 'menu' })}
        />
      );
      break;
    case 'form':
      screen = (
        <LetterFormScreen
          api={api}
          resident={state.resident}
          draft={state.draft}
          dispatch={send}
          onBackToList={() => send({ type: 'go', screen: 'letters' })}
          onCancel={() => send({ type: 'go', screen: 'menu' })}
          timeZone={info.timeZone}
          officePhone={info.officePhone}
        />
      );
      break;
    case 'done':
      screen = (
        <ResultScreen
          api={api}
          submitted={state.submitted}
          receipt={state.receipt}
          onReceipt={receiptPrinted}
          onDone={() => reset('done')}
          onMyRequests={() => send({ type: 'go', screen: 'mine' })}
        />
      );
      break;
    case 'receipt':
      screen = (
        <ReceiptStatusScreen
          api={api}
          reference={state.reference}
          timeZone={info.timeZone}
          signedIn={state.resident !== null}
          takesSignIn={takesSignIn}
          onLatest={() => send({ type: 'receipt-latest' })}
          onClose={() => (state.resident ? send({ type: 'receipt-closed' }) : reset('done'))}
        />
      );
      break;
    case 'issued':
      screen = (
        <IssuedLettersScreen
          api={api}
          resident={state.resident}
          timeZone={info.timeZone}
          onPrint={(letter) => send({ type: 'open-issued', letter })}
          onBack={() => send({ type: 'go', screen: 'menu' })}
          onLogout={() => reset('done')}
        />
      );
      break;
    case 'letter-preview':
      screen = (
        <LetterPreviewScreen
          api={api}
          resident={state.resident}
          letter={state.letter}
          onBack={() => send({ type: 'go', screen: 'issued' })}
          onLogout={() => reset('done')}
        />
      );
      break;
    case 'mine':
      screen = (
        <MyRequestsScreen
          api={api}
          resident={state.resident}
          highlight={state.highlight ?? null}
          timeZone={info.timeZone}
          onBack={() => send({ type: 'go', screen: 'menu' })}
          onLogout={() => reset('done')}
        />
      );
      break;
  }

  const language = i18n.language === 'en' ? 'en' : 'id';
  const helpContext: HelpContextValue = {
    helpText: help.helpText,
    canSpeak: info.voice[language],
    speak: help.speak,
    callStaff: () => {
      chime();
      setStaffCalledAt(new Date());
      void api.calls['kiosk.callStaff']({ screen: help.topic });
    },
    largeText,
    toggleLargeText: () => setLargeText((on) => !on),
    highContrast,
    toggleHighContrast: () => setHighContrast((on) => !on),
    demoMode: info.demoMode,
  };

  return (
    <div className={['kiosk', largeText ? 'large-text' : '', highContrast ? 'high-contrast' : ''].filter(Boolean).join(' ')}>
      <HelpContext.Provider value={helpContext}>{screen}</HelpContext.Provider>
      <AdminCorner taps={info.adminGesture.taps} seconds={info.adminGesture.seconds} onOpen={openAdminScreen} />
      {staffCalledAt && <StaffNotice calledAt={staffCalledAt} timeZone={info.timeZone} onDismiss={() => setStaffCalledAt(null)} />}
      {limitWarning !== null && state.screen !== 'attract' && state.screen !== 'identify' && <SessionLimitWarning secondsLeft={limitWarning} onExtend={() => void extendSession()} />}
      {idle.warning && <IdleWarning secondsLeft={idle.secondsLeft} tones={tones} onStay={idle.stay} />}
    </div>
  );
}
