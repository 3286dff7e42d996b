import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Where part of a list or page is out of view, a resident who has never
 * scrolled a touchscreen needs to be told and given buttons: `above` and
 * `below` say whether there is more that way, `page` moves most of a screen
 * (a line of the last view stays, so the reader keeps their place).
 *
 * Measured when the content changes (`contentKey`), on scrolling, when the
 * window or the content is resized (large text, pictures arriving).
 */
export function useScrollCue<T extends HTMLElement>(
  contentKey: string | number,
): { ref: RefObject<T | null>; onScroll(): void; above: boolean; below: boolean; page(direction: 1 | -1): void } {
  const ref = useRef<T | null>(null);
  const [edges, setEdges] = useState({ above: false, below: false });

  const onScroll = useCallback(() => {
    const el = ref.current;
    // A few pixels of slack: fractional layout sizes never leave a cue for nothing.
    const next = el === null ? { above: false, below: false } : { above: el.scrollTop > 4, below: el.scrollTop + el.clientHeight < el.scrollHeight - 4 };
    setEdges((previous) => (previous.above === next.above && previous.below === next.below ? previous : next));
  }, []);

  useLayoutEffect(onScroll, [onScroll, contentKey]);
  useEffect(() => {
    window.addEventListener('resize', onScroll);
    const el = ref.current;
    const observer = el && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(onScroll) : null;
    if (el && observer) {
      observer.observe(el);
      for (const child of Array.from(el.children)) observer.observe(child);
    }
    return () => {
      window.removeEventListener('resize', onScroll);
      observer?.disconnect();
    };
  }, [onScroll, contentKey]);

  const page = useCallback((direction: 1 | -1) => {
    const el = ref.current;
    el?.scrollBy({ top: direction * el.clientHeight * 0.8, behavior: 'smooth' });
  }, []);

  return { ref, onScroll, above: edges.above, below: edges.below, page };
}
