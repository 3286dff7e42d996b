import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge, LetterDefinition } from '../../shared/contract';
import { useLoaded } from '../hooks/use-loaded';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';

/** Which letter? A searchable list of big buttons, from the server or the kiosk's cache. */
export function LetterListScreen(props: {
  api: KioskBridge;
  resident: IdentifiedResident;
  onPick(letter: LetterDefinition): void;
  onBack(): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const { value: list, error } = useLoaded(useCallback(() => api.calls['letters.list']({}), [api]));
  const [search, setSearch] = useState('');
  const [typing, setTyping] = useState(false);

  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (list?.letters ?? []).filter((letter) => words.every((w) => `${letter.name} ${letter.code ?? ''}`.toLowerCase().includes(w)));

  return (
    <StepFrame
      step={1}
      totalSteps={5}
      title={t('letters.title')}
      hint={t('letters.hint')}
      banner={<ResidentBanner resident={props.resident} />}
      onBack={props.onBack}
      onCancel={props.onCancel}
    >
      {error && (
        <p className="notice" role="alert">
          {errorText(t, i18n.language, error)}
        </p>
      )}
      {!list && !error && <p aria-busy="true">{t('letters.loading')}</p>}
      {list && (
        <>
          <div className="search">
            <button type="button" className="search-box" onClick={() => setTyping(!typing)} aria-expanded={typing}>
              <span className="search-label">{t('letters.search')}</span>
              <span className="search-value">{search || t('letters.searchPlaceholder')}</span>
            </button>
            {search && (
              <button type="button" className="secondary" onClick={() => setSearch('')}>
                {t('keypad.clear')}
              </button>
            )}
          </div>
          {typing && <OnScreenKeyboard layout="text" onKey={(k) => setSearch((s) => s + k)} onBackspace={() => setSearch((s) => s.slice(0, -1))} />}
          {list.fromCache && <p className="step-hint">{t('letters.fromCache')}</p>}
          <ul className="letter-list">
            {shown.map((letter) => (
              <li key={letter.id}>
                <button type="button" className="letter-item" onClick={() => props.onPick(letter)}>
                  <span className="letter-name">{t('letters.letterName', { name: letter.name })}</span>
                  {letter.code && <span className="letter-code">{letter.code}</span>}
                </button>
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="notice" role="status">{t('letters.noMatch')}</p>}
        </>
      )}
    </StepFrame>
  );
}
