import { useRef } from 'react';

/**
 * The hidden way into admin: `taps` taps on the screen's top-left corner
 * within `seconds`. The corner swallows its taps, so counting them never
 * starts a resident's session or presses what lies beneath; so nothing may
 * lie beneath: the screens keep its square (`--corner-size` in styles.css)
 * empty, and it is transparent in every theme.
 */
export function AdminCorner(props: { taps: number; seconds: number; onOpen(): void }) {
  const taps = useRef<number[]>([]);
  return (
    <div
      className="admin-corner"
      aria-hidden="true"
      onClick={(event) => event.stopPropagation()}
      onPointerDown={(event) => {
        event.stopPropagation();
        const now = Date.now();
        taps.current = [...taps.current.filter((at) => now - at <= props.seconds * 1000), now];
        if (taps.current.length >= props.taps) {
          taps.current = [];
          props.onOpen();
        }
      }}
    />
  );
}
