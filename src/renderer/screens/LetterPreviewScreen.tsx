import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge } from '../../shared/contract';
import type { CallError } from '../../shared/result';
import { isFinalPrintState, type IssuedLetter, type LetterPrintState } from '../../shared/signed-letters';
import { useLoaded } from '../hooks/use-loaded';
import { useScrollCue } from '../hooks/use-scroll-cue';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';
import { issuedLetterName, printStateText } from '../signed-letter-words';
import { ScrollButtons } from '../components/ScrollButtons';

/** Where the print stands, as codes (worded when drawn). */
type Progress =
  | { kind: 'idle' }
  /** `letters.print` was called; no answer yet. */
  | { kind: 'sending' }
  | { kind: 'refused'; error: CallError }
  /** CUPS took the job; its state as the core last reported it. */
  | { kind: 'job'; state: LetterPrintState };

/** The preview's pictures: none yet, drawn, or pdf.js could not draw them. */
type Pages = { kind: 'drawing' } | { kind: 'drawn'; pages: string[] } | { kind: 'failed' };

/**
 * One signed letter: every page as it will be printed, how many there are,
 * and one big "Cetak surat". After that, only what CUPS reports: "Sedang
 * dicetak" until the job completes (then "Selesai, silakan ambil surat
 * Anda"), or why it stopped.
 *
 * The idle timer runs as on every screen: a resident who walked off with the
 * paper leaves nothing open, and the core follows the job to its end (and
 * drops the letter) whether or not the screen is still there to show it.
 */
export function LetterPreviewScreen(props: { api: KioskBridge; resident: IdentifiedResident; letter: IssuedLetter; onBack(): void; onLogout(): void }) {
  const { t } = useTranslation();
  const { api, letter } = props;
  const { value: file, error: fileError } = useLoaded(useCallback(() => api.calls['letters.file']({ id: letter.id }), [api, letter.id]));
  const [pages, setPages] = useState<Pages>({ kind: 'drawing' });
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  const { ref: paneRef, onScroll, above, below, page } = useScrollCue<HTMLDivElement>(pages.kind === 'drawn' ? pages.pages.length : -1);

  // Answers and events after the resident left (Kembali, idle) belong to no screen: they must not act.
  const alive = useRef(true);
  const stopListening = useRef<(() => void) | null>(null);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      stopListening.current?.();
      stopListening.current = null;
    };
  }, []);

  // pdf.js comes in its own chunk, loaded only here.
  useEffect(() => {
    if (!file) return;
    let current = true;
    const width = Math.round((paneRef.current?.clientWidth || window.innerWidth) * (window.devicePixelRatio || 1));
    import('../pdf/render-pdf')
      .then(({ renderLetterPages }) => renderLetterPages(file.pdf, width))
      .then(
        (drawn) => current && setPages({ kind: 'drawn', pages: drawn }),
        () => current && setPages({ kind: 'failed' }),
      );
    return () => {
      current = false;
    };
  }, [file, paneRef]);

  async function print(): Promise<void> {
    setProgress({ kind: 'sending' });
    // Listening starts before the call: the first states may come before its answer (which names the job).
    let own: string | null = null;
    const early = new Map<string, LetterPrintState>();
    const stop = () => {
      stopListening.current?.();
      stopListening.current = null;
    };
    stop();
    stopListening.current = api.on('letters.printStatus', (event) => {
      if (own === null) {
        early.set(event.printId, event.state);
        return;
      }
      if (event.printId !== own) return;
      setProgress({ kind: 'job', state: event.state });
      if (isFinalPrintState(event.state)) stop();
    });
    const result = await api.calls['letters.print']({ id: letter.id });
    if (!alive.current) return;
    if (!result.ok) {
      stop();
      setProgress({ kind: 'refused', error: result.error });
      return;
    }
    own = result.value.printId;
    // CUPS has the job (pending) until the core says more.
    const state = early.get(own) ?? { phase: 'printing' };
    setProgress({ kind: 'job', state });
    if (isFinalPrintState(state)) stop();
  }

  const name = issuedLetterName(t, letter);
  const finished = progress.kind === 'job' && isFinalPrintState(progress.state) ? progress.state : null;
  // A refusal that another try cannot change (today's prints used, a letter the kiosk must not print) offers none.
  const retryUseless = progress.kind === 'refused' && ['letter-print-limit', 'letter-not-signed', 'letter-file-invalid', 'letter-file-missing', 'letter-printing-off', 'not-yours'].includes(progress.error.code);
  const primary = (() => {
    if (!file) return {};
    if (finished?.phase === 'completed') return { primaryLabel: t('issued.preview.done'), onPrimary: props.onLogout };
    if (finished) return { primaryLabel: t('issued.preview.backToList'), onPrimary: props.onBack };
    const busy = progress.kind === 'sending' || progress.kind === 'job';
    return {
      primaryLabel: busy ? t('issued.print.printing') : t('issued.preview.print'),
      primaryDisabled: busy || retryUseless,
      onPrimary: () => void print(),
    };
  })();

  return (
    <StepFrame
      title={name}
      hint={file ? t('issued.preview.pages', { count: file.pages }) : undefined}
      banner={<ResidentBanner resident={props.resident} />}
      onBack={props.onBack}
      onCancel={props.onLogout}
      cancelLabel={t('menu.logout')}
      bodyClassName="scroll-body"
      {...primary}
    >
      {fileError && (
        <p className="notice" role="alert">
          {errorText(t, fileError)}
        </p>
      )}
      {!file && !fileError && <p aria-busy="true">{t('letters.loading')}</p>}
      {progress.kind === 'refused' && (
        <p className="notice" role="alert">
          {errorText(t, progress.error)}
        </p>
      )}
      {progress.kind === 'job' && (
        <p className={progress.state.phase === 'completed' || progress.state.phase === 'printing' ? 'notice notice-info print-progress' : 'notice print-progress'} role="status">
          {printStateText(t, progress.state)}
        </p>
      )}
      {file && (
        <>
          <div className="scroll-pane letter-pages" ref={paneRef} onScroll={onScroll} tabIndex={0}>
            {pages.kind === 'drawing' && <p aria-busy="true">{t('issued.preview.drawing')}</p>}
            {pages.kind === 'failed' && <p className="step-hint">{t('issued.preview.noPreview')}</p>}
            {pages.kind === 'drawn' &&
              pages.pages.map((src, index) => (
                <img key={index} className="letter-page" src={src} alt={t('issued.preview.pageAlt', { page: index + 1, count: pages.pages.length })} />
              ))}
          </div>
          <ScrollButtons above={above} below={below} page={page} moreLabel={t('issued.preview.more')} />
        </>
      )}
    </StepFrame>
  );
}
