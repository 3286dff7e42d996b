import { useTranslation } from 'react-i18next';
import type { SubmittedRequest } from '../../shared/contract';

/** The request is stored: its reference, what happens next, and the way out. */
export function ResultScreen(props: { submitted: SubmittedRequest; onDone(): void; onMyRequests(): void }) {
  const { t } = useTranslation();
  const { submitted } = props;
  return (
    <main className="step result">
      <header className="step-header">
        <p className="result-mark" aria-hidden="true">
          ✓
        </p>
        <h1>{t('result.title')}</h1>
        <p className="step-hint">{t('letters.letterName', { name: submitted.letterName })}</p>
      </header>
      <section className="step-body">
        <p className="result-label">{t('result.reference')}</p>
        <p className="result-reference">{submitted.reference}</p>
        <p className={submitted.verified ? 'result-state' : 'result-state result-state-waiting'} role="status">
          {submitted.verified ? t('result.sending') : t('result.waiting')}
        </p>
        <ol className="result-next">
          <li>{t('result.next1')}</li>
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
