/**
 * "Try again in a moment" for device sources whose device can vanish (an
 * unplugged scanner, a pcscd that stopped): at most one retry pending, none
 * after the source stopped.
 */
export interface Reopener {
  /** Calls `open` once after `delayMs`, unless one is already pending or the source stopped. */
  schedule(open: () => void): void;
  stop(): void;
  readonly stopped: boolean;
}

export function createReopener(delayMs: number): Reopener {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  return {
    schedule(open) {
      if (stopped || timer) return;
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) open();
      }, delayMs);
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    get stopped() {
      return stopped;
    },
  };
}
