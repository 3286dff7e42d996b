import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AdminBridge, AdminLetterPrinter } from '../../shared/admin-contract';
import type { CallError } from '../../shared/result';
import type { LetterPrintState } from '../../shared/signed-letters';
import { errorText } from '../error-text';
import { useLoaded } from '../hooks/use-loaded';
import { useAdminTime } from './admin-time';

/** The calls this section makes, and no others. */
export type LetterPrinterCalls = Pick<AdminBridge['calls'], 'admin.letterPrinter' | 'admin.letterPrinterQueue' | 'admin.letterPrinterTest' | 'admin.letterPrintAllow'>;

/** The select's value for "CUPS's default queue" (a queue name is never empty). */
const DEFAULT_QUEUE = '';

/** The test page's final word from CUPS, for the technician. */
function testStateText(t: TFunction, state: LetterPrintState): string {
  switch (state.phase) {
    case 'printing':
      return t('admin.letterPrinter.state.printing');
    case 'waiting-printer':
      return t('admin.letterPrinter.state.waiting-printer', { status: t(`admin.documentPrinterStatus.${state.status}`) });
    case 'completed':
      return t('admin.letterPrinter.state.completed');
    case 'failed':
      return t('admin.letterPrinter.state.failed', { reason: t(`admin.letterPrinter.failure.${state.reason}`) });
  }
}

/** What the technician's last action came to, as data (worded when drawn). */
type Outcome = { kind: 'test'; state: LetterPrintState; jobId: number | null } | { kind: 'allowed'; letterId: string } | { kind: 'queue-set' } | { kind: 'refused'; error: CallError };

/**
 * The Printer screen's "A4 / Surat" section: whether residents may print
 * their signed letters here (and the settings that say so), whether CUPS
 * answers, its queues with their state, the queue letters go to, a test page
 * with CUPS's final word on it, and today's letter prints, each of which may
 * be allowed once more. `settings` draws the section's settings editor; it
 * calls `onSaved` after a save, so the state above it is read again.
 */
export function AdminLetterPrinterSection(props: { calls: LetterPrinterCalls; settings(onSaved: () => void): ReactNode }) {
  const { t } = useTranslation();
  const { calls } = props;
  const { value: loaded, error: loadError, reload } = useLoaded(useCallback(() => calls['admin.letterPrinter']({}), [calls]));
  const [latest, setLatest] = useState<AdminLetterPrinter | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<'queue' | 'test' | 'allow' | null>(null);
  const time = useAdminTime({ timeStyle: 'short' });
  const printer = latest ?? loaded;
  const selected = chosen ?? printer?.configuredQueue ?? DEFAULT_QUEUE;

  async function run<T>(kind: 'queue' | 'test' | 'allow', call: () => Promise<{ ok: true; value: T } | { ok: false; error: CallError }>, done: (value: T) => void): Promise<void> {
    setBusy(kind);
    setOutcome(null);
    const result = await call().finally(() => setBusy(null));
    if (result.ok) done(result.value);
    else setOutcome({ kind: 'refused', error: result.error });
  }

  const chooseQueue = () =>
    run('queue', () => calls['admin.letterPrinterQueue']({ queue: selected === DEFAULT_QUEUE ? null : selected }), (value) => {
      setLatest(value);
      setChosen(null);
      setOutcome({ kind: 'queue-set' });
    });
  const testPage = () =>
    run('test', () => calls['admin.letterPrinterTest']({}), (value) => {
      setLatest(value.letterPrinter);
      setOutcome({ kind: 'test', state: value.state, jobId: value.jobId });
    });
  const allow = (letterId: string) =>
    run('allow', () => calls['admin.letterPrintAllow']({ letterId }), (value) => {
      setLatest(value);
      setOutcome({ kind: 'allowed', letterId });
    });

  const outcomeText = (done: Outcome): string => {
    switch (done.kind) {
      case 'test':
        return t('admin.letterPrinter.testResult', { state: testStateText(t, done.state), job: done.jobId ?? '-' });
      case 'allowed':
        return t('admin.letterPrinter.allowed', { letterId: done.letterId });
      case 'queue-set':
        return t('admin.letterPrinter.queueSet');
      case 'refused':
        return errorText(t, done.error);
    }
  };

  return (
    <section className="admin-letter-printer" aria-labelledby="letter-printer-title">
      <h2 id="letter-printer-title">{t('admin.letterPrinter.title')}</h2>
      {loadError && !printer && (
        <p className="notice" role="alert">
          {errorText(t, loadError)}
        </p>
      )}
      {printer && (
        <>
          <p className={printer.enabled ? 'notice notice-info' : 'notice'}>{printer.enabled ? t('admin.letterPrinter.enabled') : t('admin.letterPrinter.disabled')}</p>
          {!printer.cupsReachable && (
            <p className="notice" role="alert">
              {t('admin.letterPrinter.cupsDown')}
            </p>
          )}
          <p>
            {printer.queueInUse
              ? t(printer.configuredQueue ? 'admin.letterPrinter.queueInUse' : 'admin.letterPrinter.queueInUseDefault', { queue: printer.queueInUse })
              : t('admin.letterPrinter.noQueue')}
          </p>
          <p>{t('admin.letterPrinter.limits', { count: printer.printsPerLetterPerDay, media: printer.media })}</p>
          {printer.cupsReachable && (
            <>
              <h3>{t('admin.letterPrinter.queuesTitle')}</h3>
              {printer.queues.length === 0 && <p>{t('admin.letterPrinter.noQueues')}</p>}
              <ul className="admin-failed admin-queues">
                {printer.queues.map((queue) => (
                  <li key={queue.queue}>
                    <span>
                      <strong>{queue.queue}</strong>
                      {queue.queue === printer.defaultQueue ? ` ${t('admin.letterPrinter.default')}` : ''} · {t(`admin.documentPrinterStatus.${queue.status}`)}
                      {!queue.accepting ? ` · ${t('admin.letterPrinter.notAccepting')}` : ''}
                      {queue.reasons.length > 0 ? ` · ${t('admin.letterPrinter.reasons', { reasons: queue.reasons.join(', ') })}` : ''}
                      {queue.message ? ` · ${queue.message}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              <div className="admin-queue-choice">
                <label>
                  {t('admin.letterPrinter.chooseQueue')}{' '}
                  <select value={selected} onChange={(event) => setChosen(event.target.value)}>
                    <option value={DEFAULT_QUEUE}>{t('admin.letterPrinter.defaultOption', { queue: printer.defaultQueue ?? t('admin.letterPrinter.none') })}</option>
                    {printer.queues.map((queue) => (
                      <option key={queue.queue} value={queue.queue}>
                        {queue.queue}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="secondary" disabled={busy !== null || selected === (printer.configuredQueue ?? DEFAULT_QUEUE)} onClick={() => void chooseQueue()}>
                  {t('admin.letterPrinter.useQueue')}
                </button>
              </div>
            </>
          )}
          <div className="admin-preview">
            <button type="button" className="primary" disabled={busy !== null || printer.queueInUse === null} onClick={() => void testPage()}>
              {busy === 'test' ? t('admin.letterPrinter.testing') : t('admin.letterPrinter.testPage')}
            </button>
          </div>
          {outcome && (
            <p className="notice" role="status">
              {outcomeText(outcome)}
            </p>
          )}
          <h3>{t('admin.letterPrinter.todayTitle')}</h3>
          {printer.today.length === 0 && <p>{t('admin.letterPrinter.noneToday')}</p>}
          {printer.today.length > 0 && (
            <ul className="admin-failed">
              {printer.today.map((print) => (
                <li key={print.letterId}>
                  <span>
                    {t('admin.letterPrinter.todayItem', { letterId: print.letterId, prints: print.prints, allowed: print.allowedExtra, outcome: print.lastOutcome, time: time(print.lastAt) })}
                  </span>
                  <button type="button" className="secondary" disabled={busy !== null} aria-label={t('admin.letterPrinter.allowWhat', { letterId: print.letterId })} onClick={() => void allow(print.letterId)}>
                    {t('admin.letterPrinter.allow')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {props.settings(() => {
        setLatest(null);
        reload();
      })}
    </section>
  );
}
