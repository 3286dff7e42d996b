import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isReprintable, statusTone, type RequestStatusCode, type StatusTone } from '../../shared/request-status';
import type { TFunction } from 'i18next';
import type { IdentifiedResident, KioskBridge, MyRequest, PrintResult } from '../../shared/contract';
import type { CallError } from '../../shared/result';
import { OUTBOX_STATE } from '../../shared/outbox-states';
import { useLoaded } from '../hooks/use-loaded';
import { ResidentBanner } from '../components/ResidentBanner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';
import { printMessage } from '../print-messages';
import { letterDisplayName } from '../letter-name';
import { formatDateAndTime } from '../date-locale';

const STATUS_ICONS: Record<StatusTone, string> = {
  progress: '\u25D4', // a quarter-filled circle: the office is on it (a glyph the kiosk's fonts have)
  action: '!',
  ready: '\u2714', // check mark: come and collect it
  done: '\u2714',
  stopped: '\u2716', // cross
  waiting: '\u21BB', // circle arrow: not sent yet
};

/** What the last cancel or reprint came to, kept as data and worded when drawn (a language switch rewords it). */
type Outcome =
  | { kind: 'cancelled' }
  | { kind: 'printing' }
  | { kind: 'printed'; result: PrintResult }
  | { kind: 'refused'; error: CallError };

function outcomeText(t: TFunction, outcome: Outcome): string {
  switch (outcome.kind) {
    case 'cancelled':
      return t('mine.cancelled');
    case 'printing':
      return t('print.printing');
    case 'printed':
      return printMessage(t, outcome.result).text;
    case 'refused':
      return errorText(t, outcome.error);
  }
}

/** The scanned receipt's request is brought into view once the list is there. */
function scrollIntoView(element: HTMLLIElement | null): void {
  element?.scrollIntoView?.({ block: 'center' });
}

/** The resident's requests and their status; cancel while the office has not started. */
export function MyRequestsScreen(props: {
  api: KioskBridge;
  resident: IdentifiedResident;
  /** A scanned receipt's reference: that request is marked. */
  highlight?: string | null;
  timeZone: string;
  onBack(): void;
  onLogout(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const { value: data, error, reload } = useLoaded(useCallback(() => api.calls['requests.mine']({}), [api]));
  const [confirming, setConfirming] = useState<MyRequest | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function cancel(item: MyRequest): Promise<void> {
    setConfirming(null);
    if (item.serverId === null) return;
    const result = await api.calls['requests.cancel']({ serverId: item.serverId });
    setOutcome(result.ok ? { kind: 'cancelled' } : { kind: 'refused', error: result.error });
    reload();
  }

  async function reprint(reference: string): Promise<void> {
    setOutcome({ kind: 'printing' });
    const result = await api.calls['printing.reprint']({ reference });
    setOutcome(result.ok ? { kind: 'printed', result: result.value } : { kind: 'refused', error: result.error });
  }

  const date = (moment: string) => formatDateAndTime(i18n.language, moment, props.timeZone);
  const status = (item: MyRequest) =>
    item.localState ? t(`mine.local.${item.localState}`) : item.statusCode !== null ? t(`status.${item.statusCode}`) : t('mine.unknownStatus');

  return (
    <>
      <StepFrame
        title={t('mine.title')}
        hint={!props.resident.online ? t('mine.offlineOnly') : data && !data.fromServer ? t('mine.kioskOnly') : t('mine.hint')}
        banner={<ResidentBanner resident={props.resident} />}
        onBack={props.onBack}
        onCancel={props.onLogout}
        cancelLabel={t('menu.logout')}
      >
        {outcome && (
          <p className="notice notice-info" role="status">
            {outcomeText(t, outcome)}
          </p>
        )}
        {error && (
          <p className="notice" role="alert">
            {errorText(t, error)}
          </p>
        )}
        {!data && !error && <p aria-busy="true">{t('letters.loading')}</p>}
        {data && data.items.length === 0 && <p className="step-hint">{t('mine.empty')}</p>}
        {data && (
          <ul className="request-list">
            {data.items.map((item) => (
              <li
                key={item.key}
                className={item.reference !== null && item.reference === props.highlight ? 'request-item highlighted' : 'request-item'}
                aria-current={item.reference !== null && item.reference === props.highlight ? 'true' : undefined}
                ref={item.reference !== null && item.reference === props.highlight ? scrollIntoView : undefined}
              >
                <div>
                  <p className="request-name">{letterDisplayName(t, item.letterName)}</p>
                  <p className="request-meta">
                    {date(item.submittedAt)}
                    {item.reference && (
                      <>
                        {' '}
                        <span className="request-reference">· {item.reference}</span>
                      </>
                    )}
                  </p>
                </div>
                <p className={`status-chip status-${statusTone(item.statusCode as RequestStatusCode | null, item.localState)}`}>
                  <span aria-hidden="true">{STATUS_ICONS[statusTone(item.statusCode as RequestStatusCode | null, item.localState)]}</span> {status(item)}
                </p>
                {item.reference && isReprintable(item.statusCode as RequestStatusCode | null) && item.localState !== OUTBOX_STATE.rejected && (
                  <button type="button" className="secondary" onClick={() => void reprint(item.reference!)}>
                    {t('mine.reprint')}
                  </button>
                )}
                {item.cancellable && (
                  <button type="button" className="secondary" onClick={() => setConfirming(item)}>
                    {t('mine.cancel')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </StepFrame>
      {confirming && (
        <ConfirmDialog
          id="cancel"
          title={t('mine.confirmTitle')}
          body={t('mine.confirmBody', { name: letterDisplayName(t, confirming.letterName) })}
          keepLabel={t('mine.keep')}
          confirmLabel={t('mine.confirmCancel')}
          onKeep={() => setConfirming(null)}
          onConfirm={() => void cancel(confirming)}
        />
      )}
    </>
  );
}
