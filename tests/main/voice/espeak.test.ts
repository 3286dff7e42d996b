/**
 * The real espeak-ng (Debian package; .ci/run installs it) speaks every
 * screen's prompt from the locale files in both languages; each WAV's length
 * is measured from its header and data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableVoices, renderSpeech, speakable, wavDurationMs } from '../../../src/main/voice/espeak';
import { createKioskCore } from '../../../src/main/core';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const prompts = (language: 'id' | 'en') =>
  (JSON.parse(readFileSync(`src/renderer/locales/${language}.json`, 'utf8')) as { voice: Record<string, string> }).voice;
// The result screen speaks its own words (renderer/result-words.ts; tests/renderer/screens/ResultScreen.test.tsx).
const TOPICS = ['attract', 'nik', 'pin', 'menu', 'letters', 'form', 'mine', 'village', 'receipt'];

describe('spoken prompts (espeak-ng)', () => {
  it('has Indonesian and English voices on this machine', () => {
    expect(availableVoices(), 'espeak-ng with its id and en voices (apt-get install espeak-ng, as .ci/run does)').toEqual({ id: true, en: true });
  });

  for (const language of ['id', 'en'] as const) {
    it(`renders every screen's ${language} prompt to a WAV of a sensible length, with no digit in it`, { timeout: 60_000 }, async () => {
      const table = prompts(language);
      const lengths: Record<string, number> = {};
      for (const topic of TOPICS) {
        const text = table[topic]!;
        expect(speakable(text), `${language} voice.${topic}`).toBe(true);
        const wav = await renderSpeech(text, language);
        lengths[topic] = wavDurationMs(wav);
        // About 145 words a minute: a prompt of n words takes roughly n * 0.41 s; never silence, never minutes.
        const words = text.split(/\s+/).length;
        expect(lengths[topic], `${language} voice.${topic}`).toBeGreaterThan(words * 200);
        expect(lengths[topic], `${language} voice.${topic}`).toBeLessThan(words * 900 + 1500);
      }
      console.log(`${language} prompt lengths (ms): ${JSON.stringify(lengths)}`);
    });
  }

  it('refuses digits (a NIK or PIN is never spoken) and reads a WAV header exactly', () => {
    expect(speakable('NIK 3201011501900001')).toBe(false);
    expect(speakable('Ketik PIN 123456')).toBe(false);
    expect(speakable('')).toBe(false);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.write('WAVE', 8, 'ascii');
    header.writeUInt32LE(44100, 28); // 22050 Hz, 16-bit mono
    expect(wavDurationMs(Buffer.concat([header, Buffer.alloc(44100)]))).toBe(1000);
    expect(() => wavDurationMs(Buffer.from('not a wav at all, not at all, really not'.padEnd(60)))).toThrow(/not a WAV/);
  });

  it('voice.speak answers a playable WAV, refuses digits, and says when it has no voice', async () => {
    const core = createKioskCore({ dataDir: tempDir(), watchConfig: false });
    try {
      const spoken = await core.invoke('voice.speak', { text: prompts('id').nik!, language: 'id' });
      expect(spoken).toMatchObject({ ok: true, value: { audio: expect.stringMatching(/^data:audio\/wav;base64,UklGR/), durationMs: expect.any(Number) } });
      expect(await core.invoke('voice.speak', { text: 'PIN Anda 975310', language: 'id' })).toEqual({ ok: false, error: { code: 'invalid-input' } });
      const info = await core.invoke('kiosk.getInfo', {});
      expect(info).toMatchObject({ ok: true, value: { voice: { id: true, en: true, guidance: false } } });
    } finally {
      await core.close();
    }
  });
});
