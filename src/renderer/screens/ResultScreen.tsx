import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge, PrintResult, SubmittedRequest } from '../../shared/contract';
import { ScreenTools } from '../components/HelpControls';
import { StepProgress } from '../components/StepFrame';
import { letterDisplayName } from '../letter-name';
import { resultWords } from '../result-words';

/**
 * The request is stored: the queue number in large print, the reference,
 * the receipt being printed by the core (or an honest word why not), and what
 * happens next (result-words.ts, which Bantuan and the spoken prompt share). A
 * resident cannot fix a printer, so there is no "print again" here: the
 * message sends them to the staff, who reprint from Permohonan Saya.
 */
export function ResultScreen(props: {
  api: KioskBridge;
  submitted: SubmittedRequest;
  /** What came of the receipt; null while it is printing. */
  receipt: PrintResult | null;
  /** The receipt of `reference` printed, or could not be (keep it stable: the screen follows the job with it). */
  onReceipt(reference: string, result: PrintResult): void;
  onDone(): void;
  onMyRequests(): void;
}) {
  const { t } = useTranslation();
  const { submitted, api, onReceipt } = props;

  // The core prints the receipt as soon as the request is stored: follow that job.
  useEffect(() => {
    const stop = api.on('printing.receipt', ({ reference, result }) => {
      if (reference === submitted.reference) onReceipt(reference, result);
    });
    // It may have finished before this screen listened.
    void api.calls['printing.receiptState']({ reference: submitted.reference }).then((state) => {
      if (!state.ok) onReceipt(submitted.reference, { outcome: 'not-printed', status: null });
      else if (!state.value.printing) onReceipt(submitted.reference, { outcome: state.value.outcome, status: state.value.status });
    });
    return stop;
  }, [api, submitted.reference, onReceipt]);

  const words = resultWords(t, submitted, props.receipt);

  return (
    <main className="step result">
      <header className="step-header">
        <ScreenTools />
        <StepProgress step="done" />
        <h1>
          <span className="result-mark" aria-hidden="true">
            ✓
          </span>{' '}
          {t('result.title')}
        </h1>
        <p className="step-hint">{letterDisplayName(t, submitted.letterName)}</p>
      </header>
      {/* Focusable like every step body: a long message in large text may scroll. */}
      <section className="step-body result-body" tabIndex={0}>
        {/* The number to keep, and the news about the request: side by side on a landscape panel in large text. */}
        <div className="result-ticket">
          <p className="result-label">{t('result.queueNumber')}</p>
          <p className="result-queue">{submitted.queueNumber}</p>
          <p className="result-label">
            {t('result.reference')}: <strong className="result-reference-inline">{submitted.reference}</strong>
          </p>
        </div>
        <div className="result-news">
          <p className={submitted.verified ? 'result-state' : 'result-state result-state-waiting'} role="status">
            {words.state}
          </p>
          {words.receipt.printing ? (
            <p className="print-state" role="status" aria-busy="true">
              {words.receipt.text}
            </p>
          ) : (
            <div className={words.receipt.ok ? 'print-state' : 'print-state print-state-problem'} role={words.receipt.ok ? 'status' : 'alert'}>
              <p>{words.receipt.text}</p>
            </div>
          )}
          <ol className="result-next">
            {words.next.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ol>
        </div>
      </section>
      <footer className="step-actions step-actions-two">
        <button type="button" className="secondary" onClick={props.onMyRequests}>
          {t('menu.myRequests')}
        </button>
        <button type="button" className="primary" onClick={props.onDone}>
          {t('result.done')}
        </button>
      </footer>
    </main>
  );
}
