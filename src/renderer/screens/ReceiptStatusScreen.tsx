import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge } from '../../shared/contract';
import { statusTone, type RequestStatusCode } from '../../shared/request-status';
import { useLoaded } from '../hooks/use-loaded';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';
import { letterDisplayName } from '../letter-name';
import { formatDateAndTime } from '../date-locale';

/**
 * A receipt was scanned: where its request stands, from this kiosk's record.
 * No personal data is shown (whoever holds the paper sees the letter, the
 * date and the status). "Lihat status terbaru" asks the owner's PIN (the core
 * knows the NIK from its record) and opens Permohonan Saya with the server's
 * latest status; a resident already signed in goes straight there. A kiosk
 * that takes no sign-in (no village server, or waiting for a technician) asks
 * no PIN it could not use: it sends the resident to the service counter.
 */
export function ReceiptStatusScreen(props: {
  api: KioskBridge;
  reference: string;
  timeZone: string;
  signedIn: boolean;
  /** False when the kiosk would refuse a sign-in: the latest status is then asked at the counter. */
  takesSignIn: boolean;
  onLatest(): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api, reference } = props;
  const { value, error } = useLoaded(useCallback(() => api.calls['requests.receiptStatus']({ reference }), [api, reference]));
  const date = (moment: string) => formatDateAndTime(i18n.language, moment, props.timeZone);
  const status = value
    ? value.localState
      ? t(`mine.local.${value.localState}`)
      : value.statusCode !== null
        ? t(`status.${value.statusCode}`)
        : t('mine.unknownStatus')
    : '';
  return (
    <StepFrame title={t('receiptStatus.title')} hint={t('receiptStatus.hint')} onBack={props.onClose} onCancel={props.onClose}>
      {error && (
        <p className="notice" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {value && (
        <div className="summary">
          <dl>
            <dt>{t('result.reference')}</dt>
            <dd>{value.reference}</dd>
            <dt>{t('form.letter')}</dt>
            <dd>{letterDisplayName(t, value.letterName)}</dd>
            <dt>{t('receiptStatus.made')}</dt>
            <dd>{date(value.createdAt)}</dd>
            {value.queueNumber && (
              <>
                <dt>{t('result.queueNumber')}</dt>
                <dd>{value.queueNumber}</dd>
              </>
            )}
            <dt>{t('receiptStatus.status')}</dt>
            <dd>
              <span className={`status-chip status-${statusTone(value.statusCode as RequestStatusCode | null, value.localState)}`}>{status}</span>
            </dd>
          </dl>
          {props.signedIn || props.takesSignIn ? (
            <>
              <p className="step-hint">{t(props.signedIn ? 'receiptStatus.latestSignedIn' : 'receiptStatus.latestHint')}</p>
              <button type="button" className="primary wide" onClick={props.onLatest}>
                {t(props.signedIn ? 'receiptStatus.openMine' : 'receiptStatus.latest')}
              </button>
            </>
          ) : (
            <p className="step-hint">{t('receiptStatus.latestAtCounter')}</p>
          )}
        </div>
      )}
    </StepFrame>
  );
}
