import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge } from '../../shared/contract';
import type { IssuedLetter, LetterSignature } from '../../shared/signed-letters';
import { useLoaded } from '../hooks/use-loaded';
import { useScrollCue } from '../hooks/use-scroll-cue';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';
import { formatDateAndTime } from '../date-locale';
import { issuedLetterName, issuedLetterStatus } from '../signed-letter-words';
import { ScrollButtons } from '../components/ScrollButtons';

/** The chip's colour and glyph; the words say it too (colour is never the only cue). */
const SIGNATURE_TONE: Record<LetterSignature, { tone: string; icon: string }> = {
  signed: { tone: 'status-ready', icon: '\u2714' }, // check mark
  waiting: { tone: 'status-progress', icon: '\u25D4' }, // a quarter-filled circle: the office is on it
  counter: { tone: 'status-action', icon: '!' }, // go to the office
};

/**
 * "Surat Saya": the letters the village issued to the resident, newest first,
 * each with its status; "Cetak" for a signed one this kiosk may print now.
 * The list comes from the village server, so an offline session is told so.
 */
export function IssuedLettersScreen(props: {
  api: KioskBridge;
  resident: IdentifiedResident;
  timeZone: string;
  onPrint(letter: IssuedLetter): void;
  onBack(): void;
  onLogout(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const { value: data, error } = useLoaded(useCallback(() => api.calls['letters.issued']({}), [api]));
  const { ref: paneRef, onScroll, above, below, page } = useScrollCue<HTMLDivElement>(data ? data.letters.length : -1);
  const date = (value: string) => formatDateAndTime(i18n.language, value, props.timeZone);
  const offline = error?.code === 'needs-connection';

  return (
    <StepFrame
      title={t('issued.title')}
      hint={data && !data.printingOffered ? t('issued.hintCounter') : t('issued.hint')}
      banner={<ResidentBanner resident={props.resident} />}
      onBack={props.onBack}
      onCancel={props.onLogout}
      cancelLabel={t('menu.logout')}
      bodyClassName="scroll-body"
    >
      {error && (
        <p className="notice" role="alert">
          {offline ? t('issued.offline') : errorText(t, error)}
        </p>
      )}
      {!data && !error && <p aria-busy="true">{t('letters.loading')}</p>}
      {data && data.letters.length === 0 && <p className="step-hint">{t('issued.empty')}</p>}
      {data && data.letters.length > 0 && (
        <>
          {/* Focusable like every step body: a keyboard or switch user can scroll it too. */}
          <div className="scroll-pane" ref={paneRef} onScroll={onScroll} tabIndex={0}>
            <ul className="request-list issued-list">
              {data.letters.map((letter) => {
                const name = issuedLetterName(t, letter);
                const when = letter.date ? date(letter.date) : '';
                const meta = [letter.number ? t('issued.number', { number: letter.number }) : '', when, letter.official ?? ''].filter(Boolean);
                const { tone, icon } = SIGNATURE_TONE[letter.signature];
                return (
                  <li key={letter.id} className="request-item issued-item">
                    <div>
                      <p className="request-name">{name}</p>
                      {meta.length > 0 && <p className="request-meta">{meta.join(' · ')}</p>}
                    </div>
                    <p className={`status-chip ${tone}`}>
                      <span aria-hidden="true">{icon}</span> {issuedLetterStatus(t, letter, data.printingOffered)}
                    </p>
                    {letter.printable && letter.printsLeftToday > 0 && (
                      <button type="button" className="primary" aria-label={t('issued.printWhat', { name })} onClick={() => props.onPrint(letter)}>
                        {t('issued.print.button')}
                      </button>
                    )}
                    {letter.printable && letter.printsLeftToday <= 0 && <p className="issued-limit">{t('issued.printedToday')}</p>}
                  </li>
                );
              })}
            </ul>
          </div>
          <ScrollButtons above={above} below={below} page={page} moreLabel={t('letters.more')} />
        </>
      )}
    </StepFrame>
  );
}
