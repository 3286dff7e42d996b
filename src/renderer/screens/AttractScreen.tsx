import { useTranslation } from 'react-i18next';
import type { KioskInfo } from '../../shared/contract';
import type { PrinterStatus } from '../../shared/device-status';
import { useClock } from '../hooks/use-clock';
import { DisplayToggles, HelpButton, ListenButton } from '../components/HelpControls';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Printer states worth a notice before anyone starts (requests remain possible). */
const PRINTER_PROBLEMS: PrinterStatus[] = ['paper-out', 'cover-open', 'offline', 'error'];

/**
 * What the kiosk shows while nobody uses it: village name and logo, date and
 * time, and the invitation to touch. Never any personal data.
 */
export function AttractScreen(props: {
  info: KioskInfo;
  printerStatus: PrinterStatus;
  onStart(): void;
  onQueueTicket(): void;
}) {
  const { t, i18n } = useTranslation();
  const now = useClock();
  const { info } = props;
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: info.timeZone }).format(now);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: info.timeZone }).format(now);

  return (
    <main className="attract" onClick={props.onStart}>
      <div className="attract-tools">
        <ListenButton />
        <HelpButton />
        <DisplayToggles />
        <LanguageSwitch />
      </div>
      {info.demoMode && (
        <p className="demo-badge" aria-label={t('demo.label')}>
          {t('demo.badge')}
        </p>
      )}
      {info.village.logoDataUrl && <img className="village-logo" src={info.village.logoDataUrl} alt={t('attract.logoAlt')} />}
      <p className="app-name">{t('app.name')}</p>
      <h1 className="village-name">{info.village.name ?? t('attract.villageFallback')}</h1>
      <p className="attract-date">{date}</p>
      <p className="attract-time">{time}</p>
      <p className="attract-purpose">{t('attract.purpose')}</p>
      <p className="attract-purpose">{t('attract.noPin')}</p>
      <button type="button" className="primary attract-start" onClick={props.onStart}>
        {t('attract.touchToStart')}
      </button>
      <button
        type="button"
        className="secondary attract-ticket"
        onClick={(event) => {
          event.stopPropagation();
          props.onQueueTicket();
        }}
      >
        {t('attract.queueTicket')}
      </button>
      {info.needsTechnician && (
        <p className="attract-notice" role="alert">
          {t('attract.needsTechnician')}
        </p>
      )}
      {PRINTER_PROBLEMS.includes(props.printerStatus) && (
        <p className="attract-notice" role="status">
          {t(`attract.printer.${props.printerStatus}`)}
        </p>
      )}
    </main>
  );
}
