/**
 * Idle handling for public use (UX.md): after `idleSeconds` without a touch a
 * warning counts down `warningSeconds`, sounding a tone each second; one tap
 * continues; at zero `onTimeout` resets the kiosk.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface IdleState {
  warning: boolean;
  secondsLeft: number;
  stay(): void;
}

export function useIdleTimer(options: {
  enabled: boolean;
  idleSeconds: number;
  warningSeconds: number;
  onTick?: (secondsLeft: number) => void;
  onTimeout: () => void;
}): IdleState {
  const { enabled, idleSeconds, warningSeconds } = options;
  const lastActivity = useRef(0);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const warningShown = useRef(false);
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });

  const show = useCallback((left: number | null) => {
    warningShown.current = left !== null;
    setSecondsLeft(left);
  }, []);

  const stay = useCallback(() => {
    lastActivity.current = Date.now();
    show(null);
  }, [show]);

  useEffect(() => {
    if (!enabled) return;
    lastActivity.current = Date.now();
    const onActivity = (): void => {
      // While the warning shows, only its button continues (a stray touch
      // elsewhere must not silently dismiss it without the resident seeing).
      if (!warningShown.current) lastActivity.current = Date.now();
    };
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    let shownSeconds: number | null = null;
    const timer = window.setInterval(() => {
      const idleMs = Date.now() - lastActivity.current;
      const warnAfterMs = idleSeconds * 1000;
      if (idleMs < warnAfterMs) {
        shownSeconds = null;
        return;
      }
      const left = Math.max(0, Math.ceil((warnAfterMs + warningSeconds * 1000 - idleMs) / 1000));
      if (left === 0) {
        lastActivity.current = Date.now();
        show(null);
        callbacks.current.onTimeout();
        return;
      }
      if (left !== shownSeconds) {
        shownSeconds = left;
        show(left);
        callbacks.current.onTick?.(left);
      }
    }, 200);
    return () => {
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
      window.clearInterval(timer);
      show(null);
    };
  }, [enabled, idleSeconds, warningSeconds, show]);

  return { warning: enabled && secondsLeft !== null, secondsLeft: secondsLeft ?? warningSeconds, stay };
}
