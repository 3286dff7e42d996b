import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge, LetterDefinition } from '../../shared/contract';
import { letterPurposeKey } from '../../shared/letter-catalog';
import { useLoaded } from '../hooks/use-loaded';
import { useScrollCue } from '../hooks/use-scroll-cue';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';
import { letterDisplayName } from '../letter-name';

/**
 * Which letter? The usual ones first, each with one plain line on what it is
 * for (never OpenSID's internal code). Search on the on-screen keyboard
 * (letters only) keeps the matches in view above it, and a list longer than
 * the screen says so ("Lihat surat lainnya").
 */
export function LetterListScreen(props: {
  api: KioskBridge;
  resident: IdentifiedResident;
  onPick(letter: LetterDefinition): void;
  onBack(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { api } = props;
  const { value: list, error } = useLoaded(useCallback(() => api.calls['letters.list']({}), [api]));
  const [search, setSearch] = useState('');
  const [typing, setTyping] = useState(false);

  const purpose = (letter: LetterDefinition) => {
    const key = letterPurposeKey(letter.name);
    return key ? t(`letterPurpose.${key}`) : null;
  };
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (list?.letters ?? []).filter((letter) => words.every((w) => `${letter.name} ${purpose(letter) ?? ''}`.toLowerCase().includes(w)));

  // The cue shows while part of the list is below the fold.
  const { ref: listRef, onScroll, below: more, page } = useScrollCue<HTMLUListElement>(`${shown.length} ${typing}`);

  return (
    <StepFrame
      step="choose-letter"
      title={t('letters.title')}
      hint={typing ? undefined : t('letters.hint')}
      banner={<ResidentBanner resident={props.resident} />}
      onBack={props.onBack}
      onCancel={props.onCancel}
      bodyClassName={typing ? 'list-body list-body-typing' : 'list-body'}
    >
      {error && (
        <p className="notice" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {!list && !error && <p aria-busy="true">{t('letters.loading')}</p>}
      {list && (
        <>
          <div className="search">
            <button type="button" className="search-box" onClick={() => setTyping(!typing)} aria-expanded={typing}>
              <span className="search-label">{t('letters.search')}</span>
              {search ? <span className="search-value">{search}</span> : <span className="placeholder">{t('letters.searchPlaceholder')}</span>}
            </button>
            {search && (
              <button type="button" className="secondary" onClick={() => setSearch('')}>
                {t('keypad.clear')}
              </button>
            )}
          </div>
          {list.fromCache && !typing && <p className="step-hint">{t('letters.fromCache')}</p>}
          <ul className="letter-list" ref={listRef} onScroll={onScroll}>
            {shown.map((letter) => (
              <li key={letter.id}>
                <button type="button" className="letter-item" onClick={() => props.onPick(letter)}>
                  <span className="letter-name">{letterDisplayName(t, letter.name)}</span>
                  {purpose(letter) && <span className="letter-purpose">{purpose(letter)}</span>}
                </button>
              </li>
            ))}
            {shown.length === 0 && (
              <li className="notice" role="status">
                {t('letters.noMatch')}
              </li>
            )}
          </ul>
          {more && !typing && (
            <button
              type="button"
              className="secondary scroll-cue"
              onClick={() => page(1)}
            >
              {t('letters.more')} ▼
            </button>
          )}
          {typing && <OnScreenKeyboard layout="search" onKey={(k) => setSearch((s) => s + k)} onBackspace={() => setSearch((s) => s.slice(0, -1))} />}
        </>
      )}
    </StepFrame>
  );
}
