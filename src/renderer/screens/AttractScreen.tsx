import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttractContent, KioskBridge, KioskInfo, PrintResult } from '../../shared/contract';
import type { PrinterStatus } from '../../shared/device-status';
import type { CallError } from '../../shared/result';
import { useClock } from '../hooks/use-clock';
import { ScreenTools } from '../components/HelpControls';
import { PhotoGallery } from '../components/PhotoGallery';
import { QueueTicketDialog } from '../components/QueueTicketDialog';
import { dateLocale } from '../date-locale';
import { errorText } from '../error-text';

/** Printer states worth a notice before anyone starts (requests remain possible). */
const PRINTER_PROBLEMS: PrinterStatus[] = ['paper-out', 'cover-open', 'offline', 'error'];

/** News titles shown beside the gallery. */
const NEWS_SHOWN = 3;

/**
 * What the kiosk shows while nobody uses it: village name and logo, date and
 * time, what the kiosk is for and the invitation to touch; the village's
 * photos and latest news, the office's address and hours, and a running
 * announcement. Never any personal data. A queue ticket is taken here, without
 * signing in; the printer's state is said before anyone starts.
 */
export function AttractScreen(props: {
  api: KioskBridge;
  info: KioskInfo;
  /** Fetched by App once and again only when the core has new (the pictures are large). */
  content: AttractContent | null;
  onStart(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const now = useClock();
  const { info } = props;
  const locale = dateLocale(i18n.language);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: info.timeZone }).format(now);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: info.timeZone }).format(now);

  const content = props.content;
  const news = (content?.articles ?? []).slice(0, NEWS_SHOWN);
  const showcase = (content?.gallery.length ?? 0) > 0 || news.length > 0;
  const office = [content?.officeAddress, content?.officeHours].filter(Boolean).join(' · ');
  // A kiosk that would refuse the sign-in offers none: nobody types NIK and PIN to learn it at the end.
  const takesSignIn = info.signInRefused === null;

  // The printer's state for the notice below (polled by the core).
  const [printerStatus, setPrinterStatus] = useState<PrinterStatus>('unknown');
  useEffect(() => {
    void api.calls['printing.status']({}).then((result) => {
      if (result.ok) setPrinterStatus(result.value.status);
    });
    return api.on('printer.status', ({ status }) => setPrinterStatus(status));
  }, [api]);

  const [ticket, setTicket] = useState<(PrintResult & { queueNumber: string }) | 'printing' | null>(null);
  const [ticketRefused, setTicketRefused] = useState<CallError | null>(null);
  async function takeQueueTicket(): Promise<void> {
    setTicket('printing');
    const result = await api.calls['printing.queueTicket']({});
    setTicket(result.ok ? result.value : null);
    setTicketRefused(result.ok ? null : result.error);
  }
  const closeTicket = useCallback(() => setTicket(null), []);

  return (
    <>
      <main className={showcase ? 'attract attract-with-showcase' : 'attract'} onClick={takesSignIn ? props.onStart : undefined}>
        <ScreenTools className="attract-tools" />
        <div className="attract-main">
          <section className="attract-welcome">
            <div className="attract-identity">
              {content?.logoDataUrl && <img className="village-logo" src={content.logoDataUrl} alt={t('attract.logoAlt')} />}
              <div>
                <p className="app-name">{t('app.name')}</p>
                <h1 className="village-name">{info.village.name ?? t('attract.villageFallback')}</h1>
              </div>
            </div>
            <p className="attract-time">{time}</p>
            <p className="attract-date">{date}</p>
            {takesSignIn ? (
              <>
                <p className="attract-purpose">{t('attract.purpose')}</p>
                <p className="attract-purpose">{t('attract.noPin')}</p>
                <button type="button" className="primary attract-start" onClick={props.onStart}>
                  {t('attract.touchToStart')}
                </button>
              </>
            ) : (
              <p className="attract-notice" role="alert">
                {t(info.signInRefused === 'needs-technician' ? 'attract.needsTechnician' : 'attract.notInService')}
              </p>
            )}
            <button
              type="button"
              className="secondary attract-ticket"
              onClick={(event) => {
                event.stopPropagation();
                void takeQueueTicket();
              }}
            >
              {t('attract.queueTicket')}
            </button>
            {PRINTER_PROBLEMS.includes(printerStatus) && (
              <p className="attract-notice" role="status">
                {t(`attract.printer.${printerStatus}`)}
              </p>
            )}
          </section>
          {showcase && content && (
            <aside className="attract-showcase">
              <PhotoGallery photos={content.gallery} label={t('attract.gallery')} />
              {news.length > 0 && (
                <section className="attract-news" aria-labelledby="attract-news-title">
                  <h2 id="attract-news-title">{t('attract.news')}</h2>
                  <ul>
                    {news.map((article, i) => (
                      <li key={i}>
                        {article.imageDataUrl && <img src={article.imageDataUrl} alt="" />}
                        <span>{article.title}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </aside>
          )}
        </div>
        {(office || content?.runningText) && (
          <footer className="attract-footer">
            {office && <p className="attract-office">{t('attract.office', { details: office })}</p>}
            {content?.runningText && (
              <div className="running-text">
                <p>{content.runningText}</p>
              </div>
            )}
          </footer>
        )}
      </main>
      {/* Outside <main>: a tap on the dialog or the notice is no touch to start. */}
      {ticket && <QueueTicketDialog ticket={ticket} onClose={closeTicket} />}
      {ticketRefused && (
        <p className="attract-notice attract-notice-float" role="alert">
          {errorText(t, ticketRefused)}
        </p>
      )}
    </>
  );
}
