/**
 * Spoken prompts through espeak-ng (Debian package `espeak-ng`, voices `id`
 * and `en`): Electron on Linux has no Web Speech voice, so the core renders a
 * WAV and the screen plays it. The text comes from the renderer's locale
 * files; digits are refused here too, so a NIK or PIN can never be spoken.
 */
import { spawn, spawnSync } from 'node:child_process';

export type VoiceLanguage = 'id' | 'en';

const ESPEAK = 'espeak-ng';
const RENDER_TIMEOUT_MS = 10_000;
/** Words per minute: a little slower than espeak's 175, for elderly listeners. */
const SPEED_WPM = 145;

let known: Record<VoiceLanguage, boolean> | null = null;

/** Whether espeak-ng is installed with a voice for each language (asked once per process). */
export function availableVoices(): Record<VoiceLanguage, boolean> {
  known ??= espeakVoices();
  return known;
}

function espeakVoices(): Record<VoiceLanguage, boolean> {
  const listed = (language: VoiceLanguage) => {
    const result = spawnSync(ESPEAK, [`--voices=${language}`], { encoding: 'utf8', timeout: 5000 });
    return result.status === 0 && new RegExp(`^\\s*\\d+\\s+${language}\\b`, 'm').test(result.stdout);
  };
  try {
    return { id: listed('id'), en: listed('en') };
  } catch {
    return { id: false, en: false };
  }
}

/** No run of digits: a number in a prompt is written out in the locale ("enam belas angka"). */
export function speakable(text: string): boolean {
  return text.trim().length > 0 && text.length <= 400 && !/\d/.test(text);
}

/** The WAV espeak-ng makes of `text` (read from stdin: never a shell, never an option). */
export function renderSpeech(text: string, language: VoiceLanguage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ESPEAK, ['-v', language, '-s', String(SPEED_WPM), '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let errors = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), RENDER_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wav = Buffer.concat(chunks);
      if (code === 0 && wav.length > 44) resolve(wav);
      else reject(new Error(`espeak-ng failed (${signal ?? `exit ${code}`}): ${errors.trim().slice(0, 200)}`));
    });
    child.stdin.end(text, 'utf8');
  });
}

/**
 * How long a WAV plays. espeak-ng writing to a pipe cannot go back to fill
 * in the sizes in its header, so the length comes from the bytes after the
 * 44-byte header and the header's byte rate.
 */
export function wavDurationMs(wav: Buffer): number {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  const byteRate = wav.readUInt32LE(28);
  if (byteRate === 0) throw new Error('WAV header without a byte rate');
  return Math.round(((wav.length - 44) / byteRate) * 1000);
}
