import { useTranslation } from 'react-i18next';
import type { AttractContent, KioskInfo } from '../../shared/contract';
import type { PrinterStatus } from '../../shared/device-status';
import { useClock } from '../hooks/use-clock';
import { DemoBadge, DisplayToggles, HelpButton, ListenButton } from '../components/HelpControls';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PhotoGallery } from '../components/PhotoGallery';
import { dateLocale } from '../date-locale';

/** Printer states worth a notice before anyone starts (requests remain possible). */
const PRINTER_PROBLEMS: PrinterStatus[] = ['paper-out', 'cover-open', 'offline', 'error'];

/** News titles shown beside the gallery. */
const NEWS_SHOWN = 3;

/**
 * What the kiosk shows while nobody uses it: village name and logo, date and
 * time, what the kiosk is for and the invitation to touch; the village's
 * photos and latest news, the office's address and hours, and a running
 * announcement. Never any personal data.
 */
export function AttractScreen(props: {
  info: KioskInfo;
  content: AttractContent | null;
  printerStatus: PrinterStatus;
  onStart(): void;
  onQueueTicket(): void;
}) {
  const { t, i18n } = useTranslation();
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

  return (
    <main className={showcase ? 'attract attract-with-showcase' : 'attract'} onClick={takesSignIn ? props.onStart : undefined}>
      <div className="attract-tools">
        <DemoBadge />
        <ListenButton />
        <HelpButton />
        <DisplayToggles />
        <LanguageSwitch />
      </div>
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
              props.onQueueTicket();
            }}
          >
            {t('attract.queueTicket')}
          </button>
          {PRINTER_PROBLEMS.includes(props.printerStatus) && (
            <p className="attract-notice" role="status">
              {t(`attract.printer.${props.printerStatus}`)}
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
  );
}
