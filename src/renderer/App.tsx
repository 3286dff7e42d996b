/**
 * The kiosk UI: one reducer for the resident's session, the screens it
 * selects, and the idle timer around everything but the attract screen.
 */
import { useCallback, useContext, useEffect, useReducer, useRef, useState } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import type { AttractContent, KioskBridge, KioskInfo, LetterField, PrintResult } from '../shared/contract';
import type { PrinterStatus } from '../shared/device-status';
import type { CallError } from '../shared/result';
import { checkNik, nikProblemParams } from '../shared/nik';
import { PIN_LENGTH } from '../shared/pin';
import { minTouchGapCssPx, minTouchTargetCssPx } from '../shared/touch-target';
import { IdleWarning } from './components/IdleWarning';
import { QueueTicketDialog } from './components/QueueTicketDialog';
import { SessionLimitWarning } from './components/SessionLimitWarning';
import { useIdleTimer } from './hooks/use-idle-timer';
import { initialState, kioskReducer, type KioskAction, type KioskState } from './kiosk-state';
import { AttractScreen } from './screens/AttractScreen';
import { AdminCorner } from './components/AdminCorner';
import { openAdminScreen } from './admin-entry';
import { IdentifyScreen } from './screens/IdentifyScreen';
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
import { resultHelpText, resultPromptText, resultWords } from './result-words';
import { startScreenTiming, type ScreenTiming } from './screen-timing';
import { editorHelpWords } from './field-example';

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
  const [printerStatus, setPrinterStatus] = useState<PrinterStatus>('unknown');
  const [ticket, setTicket] = useState<(PrintResult & { queueNumber: string }) | 'printing' | null>(null);
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

  // The printer's state for the attract screen's notice (polled by the core).
  useEffect(() => {
    void api.calls['printing.status']({}).then((result) => {
      if (result.ok) setPrinterStatus(result.value.status);
    });
    return api.on('printer.status', ({ status }) => setPrinterStatus(status));
  }, [api]);

  const [ticketRefused, setTicketRefused] = useState<CallError | null>(null);
  async function takeQueueTicket(): Promise<void> {
    setTicket('printing');
    const result = await api.calls['printing.queueTicket']({});
    setTicket(result.ok ? result.value : null);
    setTicketRefused(result.ok ? null : result.error);
  }
  const closeTicket = useCallback(() => setTicket(null), []);

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
  // the PIN was being checked) belongs to nobody on screen: it must not sign in the next resident.
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

  // What Bantuan says and "Dengarkan" speaks on this screen. The result screen's are its own words
  // for this request (sent or waiting, the receipt, what next), never a second text that could differ.
  const topic = helpTopic(state, takesSignIn);
  const editedField = fieldInEditor(state);
  const result = state.screen === 'done' ? resultWords(t, state.submitted, state.receipt) : null;
  // The editor's help and prompt name the field open in it and give its example.
  const helpText = result ? resultHelpText(result) : t(`help.${topic}`, editorHelpWords(t, editedField));
  const promptText = result ? resultPromptText(result) : t(`voice.${topic}`, editorHelpWords(t, editedField, 'spoken'));

  // Spoken prompts (espeak-ng in the core): on "Dengarkan", and on every new screen when audio guidance is on.
  const playing = useRef<HTMLAudioElement | null>(null);
  // The words as they are now (a receipt may finish printing while the resident listens), without
  // re-speaking the screen each time they change.
  const prompt = useRef(promptText);
  useEffect(() => {
    prompt.current = promptText;
  }, [promptText]);
  const speakPrompt = useCallback(async () => {
    const language = i18n.language === 'en' ? 'en' : 'id';
    const result = await api.calls['voice.speak']({ text: prompt.current, language });
    if (!result.ok) return;
    playing.current?.pause();
    const audio = new Audio(result.value.audio);
    playing.current = audio;
    void audio.play().catch(() => {}); // no audio device: the screen still says it all
  }, [api, i18n]);
  const guidance = info?.voice.guidance === true && info.voice[i18n.language === 'en' ? 'en' : 'id'];
  // Each field the editor opens is a new screen: its prompt names the field.
  useEffect(() => {
    if (guidance) void speakPrompt();
  }, [guidance, topic, editedField, speakPrompt]);

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

  async function submitPin(): Promise<void> {
    if (state.screen !== 'identify') return;
    if (state.pin.length !== PIN_LENGTH) {
      send({ type: 'notice', notice: { kind: 'pin-incomplete', count: state.pin.length } });
      return;
    }
    send({ type: 'busy', busy: true });
    const ownVisit = visit.current;
    const result = state.receipt
      ? await api.calls['session.identifyByReceipt']({ reference: state.receipt, pin: state.pin })
      : await api.calls['session.identify']({ nik: state.nik, pin: state.pin, ...(state.cardTapped ? { cardTapped: true } : {}) });
    // The resident left while the PIN was checked: the core heard the visit end and opens no session for
    // it; the screen now on show (perhaps the next resident's PIN) is left alone.
    if (visit.current !== ownVisit) return;
    send({ type: 'busy', busy: false });
    if (result.ok) send({ type: 'identified', resident: result.value });
    else send({ type: 'pin-refused', error: result.error });
  }

  function submitNik(): void {
    if (state.screen !== 'identify') return;
    const check = checkNik(state.nik);
    if (check.valid) {
      send({ type: 'nik-accepted' });
      return;
    }
    send({ type: 'notice', notice: { kind: 'nik', problem: check.problem, params: nikProblemParams(state.nik, check.problem) } });
  }

  let screen;
  switch (state.screen) {
    case 'attract':
      screen = (
        <AttractScreen
          info={info}
          content={attract}
          printerStatus={printerStatus}
          onQueueTicket={() => void takeQueueTicket()}
          onStart={() => send({ type: 'start' })}
        />
      );
      break;
    case 'identify':
      screen = (
        <IdentifyScreen
          state={state}
          dispatch={send}
          onSubmitNik={submitNik}
          onSubmitPin={() => void submitPin()}
          onBack={() => (state.step === 'nik' && !state.receipt ? reset('cancel') : send({ type: 'back' }))}
          onCancel={() => reset('cancel')}
        />
      );
      break;
    case 'menu':
      screen = (
        <MenuScreen
          resident={state.resident}
          onRequestLetter={() => send({ type: 'go', screen: 'letters' })}
          onMyRequests={() => send({ type: 'go', screen: 'mine' })}
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
  const help: HelpContextValue = {
    helpText,
    canSpeak: info.voice[language],
    speak: () => void speakPrompt(),
    callStaff: () => {
      chime();
      setStaffCalledAt(new Date());
      void api.calls['kiosk.callStaff']({ screen: topic });
    },
    largeText,
    toggleLargeText: () => setLargeText((on) => !on),
    highContrast,
    toggleHighContrast: () => setHighContrast((on) => !on),
    demoMode: info.demoMode,
  };

  return (
    <div className={['kiosk', largeText ? 'large-text' : '', highContrast ? 'high-contrast' : ''].filter(Boolean).join(' ')}>
      <HelpContext.Provider value={help}>{screen}</HelpContext.Provider>
      <AdminCorner taps={info.adminGesture.taps} seconds={info.adminGesture.seconds} onOpen={openAdminScreen} />
      {staffCalledAt && <StaffNotice calledAt={staffCalledAt} timeZone={info.timeZone} onDismiss={() => setStaffCalledAt(null)} />}
      {ticket && <QueueTicketDialog ticket={ticket} onClose={closeTicket} />}
      {ticketRefused && state.screen === 'attract' && (
        <p className="attract-notice attract-notice-float" role="alert">
          {errorText(t, ticketRefused)}
        </p>
      )}
      {limitWarning !== null && state.screen !== 'attract' && state.screen !== 'identify' && <SessionLimitWarning secondsLeft={limitWarning} onExtend={() => void extendSession()} />}
      {idle.warning && <IdleWarning secondsLeft={idle.secondsLeft} tones={tones} onStay={idle.stay} />}
    </div>
  );
}

/** The help text for where the resident is (`help.<topic>` in the locales). */
function helpTopic(state: KioskState, takesSignIn: boolean): string {
  if (state.screen === 'identify') return state.step === 'nik' ? 'nik' : 'pin';
  // A kiosk that takes no sign-in must not tell residents to touch the screen and type their NIK.
  if (state.screen === 'attract' && !takesSignIn) return 'attractClosed';
  // Nor ask for a PIN to see a scanned receipt's latest status.
  if (state.screen === 'receipt' && !takesSignIn && state.resident === null) return 'receiptClosed';
  // A resident already signed in is sent to Permohonan Saya, not asked for a PIN.
  if (state.screen === 'receipt' && state.resident !== null) return 'receiptSignedIn';
  if (fieldInEditor(state)) return 'editor';
  return state.screen;
}

/** The letter field the resident has open in the editor, if any. */
function fieldInEditor(state: KioskState): LetterField | null {
  if (state.screen !== 'form' || state.draft.editing === null) return null;
  const name = state.draft.editing;
  return state.draft.letter.fields.find((f) => f.name === name) ?? null;
}
