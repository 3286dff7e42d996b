import { useTranslation } from 'react-i18next';

/**
 * "Ke atas" and "Lihat ... lainnya" under a scrolling list (use-scroll-cue.ts
 * says whether there is more above or below): residents who do not swipe
 * page with buttons. Shown only when the list does not fit.
 */
export function ScrollButtons(props: { above: boolean; below: boolean; page(direction: 1 | -1): void; moreLabel: string }) {
  const { t } = useTranslation();
  if (!props.above && !props.below) return null;
  return (
    <div className="scroll-buttons">
      <button type="button" className="secondary scroll-cue" disabled={!props.above} onClick={() => props.page(-1)}>
        <span aria-hidden="true">▲</span> {t('village.up')}
      </button>
      <button type="button" className="secondary scroll-cue" disabled={!props.below} onClick={() => props.page(1)}>
        {props.moreLabel} <span aria-hidden="true">▼</span>
      </button>
    </div>
  );
}
