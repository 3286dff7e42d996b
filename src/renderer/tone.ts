/**
 * Short beeps through Web Audio (no sound files to ship). Used by the idle
 * warning so a resident who looked away hears it. Chromium allows audio only
 * after a user gesture; the warning always follows one.
 */
let context: AudioContext | null = null;

export function playTone(frequencyHz = 880, durationMs = 180): boolean {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequencyHz;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + durationMs / 1000);
    return true;
  } catch {
    return false;
  }
}

/** The short click of a key press: every key says it was pressed (with the pressed look in styles.css). */
export function keyTone(): void {
  playTone(1320, 35);
}

/** "Panggil petugas": three rising notes, so staff across the room hear that someone needs them. */
export function chime(): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    [660, 880, 1100].forEach((frequency, index) => {
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.value = 0.25;
      oscillator.connect(gain).connect(context!.destination);
      oscillator.start(start + index * 0.22);
      oscillator.stop(start + index * 0.22 + 0.2);
    });
  } catch {
    // no audio device: the notice on screen still shows
  }
}
