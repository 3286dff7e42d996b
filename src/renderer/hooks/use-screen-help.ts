import { useCallback, useContext, useEffect, useRef } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import type { KioskBridge, KioskInfo, LetterField } from '../../shared/contract';
import { editorHelpWords } from '../field-example';
import type { KioskState } from '../kiosk-state';
import { resultHelpText, resultPromptText, resultWords } from '../result-words';

/**
 * What Bantuan says and "Dengarkan" speaks on the screen the resident is on
 * (`help.<topic>` and `voice.<topic>` in the locales), spoken by the core
 * (espeak-ng) on "Dengarkan", and on every new screen when audio guidance is on.
 * The result screen's are its own words for this request (sent or waiting, the
 * receipt, what next), never a second text that could differ.
 */
export function useScreenHelp(
  api: KioskBridge,
  info: KioskInfo | null,
  state: KioskState,
  takesSignIn: boolean,
): { topic: string; helpText: string; speak(): void } {
  const { t } = useTranslation();
  // The instance itself: useTranslation's `i18n` is a new wrapper per language (see App).
  const { i18n } = useContext(I18nContext);
  const topic = helpTopic(state, takesSignIn);
  const editedField = fieldInEditor(state);
  const result = state.screen === 'done' ? resultWords(t, state.submitted, state.receipt) : null;
  // The editor's help and prompt name the field open in it and give its example.
  const helpText = result ? resultHelpText(result) : t(`help.${topic}`, editorHelpWords(t, editedField));
  const promptText = result ? resultPromptText(result) : t(`voice.${topic}`, editorHelpWords(t, editedField, 'spoken'));

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

  return { topic, helpText, speak: () => void speakPrompt() };
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
