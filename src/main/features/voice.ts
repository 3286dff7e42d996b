/**
 * `voice.speak`: a screen's prompt as a WAV (espeak-ng), for the screen to
 * play. The words are the renderer's (its locale files); the core only
 * refuses what must never be spoken (any digit: no NIK, no PIN) and keeps the
 * last few renderings, since residents hear the same prompts all day.
 */
import { fail, ok } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';
import { availableVoices, renderSpeech, speakable, wavDurationMs } from '../voice/espeak';

const CACHE_SIZE = 40;

/** What this feature is handed by the composition root. */
export type VoiceContext = Pick<ResidentContext, 'handle' | 'log'>;

export const registerVoice = (ctx: VoiceContext): Dispose => {
  const log = ctx.log('voice');
  const cache = new Map<string, { audio: string; durationMs: number }>();

  ctx.handle('voice.speak', async ({ text, language }) => {
    if (!availableVoices()[language]) return fail('voice-unavailable');
    if (!speakable(text)) {
      log.warn({ length: text.length }, 'prompt refused: it has digits or is too long');
      return fail('invalid-input');
    }
    const key = `${language}:${text}`;
    const cached = cache.get(key);
    if (cached) return ok(cached);
    let wav: Buffer;
    try {
      wav = await renderSpeech(text, language);
    } catch (error) {
      log.warn({ err: error }, 'espeak-ng could not speak the prompt');
      return fail('voice-unavailable');
    }
    const spoken = { audio: `data:audio/wav;base64,${wav.toString('base64')}`, durationMs: wavDurationMs(wav) };
    cache.set(key, spoken);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return ok(spoken);
  });

  return () => cache.clear();
};
