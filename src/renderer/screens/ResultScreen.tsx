import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge, PrintResult, SubmittedRequest } from '../../shared/contract';
import { printMessage } from '../print-messages';
import { ScreenTools } from '../components/HelpControls';
import { letterDisplayName } from '../letter-name';

/**
 * The request is stored: the queue number in large print, the reference,
 * the receipt being printed by the core (or an honest word why not), and what
 * happens next. A resident cannot fix a printer, so there is no "print again"
 * here: the message sends them to the staff, who reprint from Permohonan Saya.
 */
export function ResultScreen(props: { api: KioskBridge; submitted: SubmittedRequest; onDone(): void; onMyRequests(): void }) {
  const { t } = useTranslation();
  const { submitted, api } = props;
  const [print, setPrint] = useState<PrintResult | null>(null);
  const [printing, setPrinting] = useState(true);

  const settle = useCallback((result: PrintResult) => {
    setPrinting(false);
    setPrint(result);
  }, []);

  // The core prints the receipt as soon as the request is stored: follow that job.
  useEffect(() => {
    const stop = api.on('printing.receipt', ({ reference, result }) => {
      if (reference === submitted.reference) settle(result);
    });
    // It may have finished before this screen listened.
    void api.calls['printing.receiptState']({ reference: submitted.reference }).then((state) => {
      if (!state.ok) settle({ outcome: 'not-printed', status: null });
      else if (!state.value.printing) settle({ outcome: state.value.outcome, status: state.value.status });
    });
    return stop;
  }, [api, submitted.reference, settle]);

  const message = print ? printMessage(t, print) : null;

  return (
    <main className="step result">
      <header className="step-header">
        <ScreenTools />
        <p className="result-mark" aria-hidden="true">
          ✓
        </p>
        <h1>{t('result.title')}</h1>
        <p className="step-hint">{letterDisplayName(t, submitted.letterName)}</p>
      </header>
      {/* Focusable like every step body: in large text the result scrolls. */}
      <section className="step-body" tabIndex={0}>
        <p className="result-label">{t('result.queueNumber')}</p>
        <p className="result-queue">{submitted.queueNumber}</p>
        <p className="result-label">
          {t('result.reference')}: <strong className="result-reference-inline">{submitted.reference}</strong>
        </p>
        <p className={submitted.verified ? 'result-state' : 'result-state result-state-waiting'} role="status">
          {submitted.verified ? t('result.sending') : t('result.waiting')}
        </p>
        {printing && (
          <p className="print-state" role="status" aria-busy="true">
            {t('print.printing')}
          </p>
        )}
        {!printing && message && (
          <div className={message.ok ? 'print-state' : 'print-state print-state-problem'} role={message.ok ? 'status' : 'alert'}>
            <p>{message.text}</p>
          </div>
        )}
        <ol className="result-next">
          {/* Someone holding the printed receipt need not copy the reference. */}
          {!printing && print?.outcome !== 'printed' && <li>{t('result.next1')}</li>}
          <li>{t('result.next2')}</li>
          <li>{t('result.next3')}</li>
        </ol>
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
