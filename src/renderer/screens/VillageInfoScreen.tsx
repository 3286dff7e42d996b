import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge } from '../../shared/contract';
import { useLoaded } from '../hooks/use-loaded';
import { useScrollCue } from '../hooks/use-scroll-cue';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';
import { formatDateAndTime } from '../date-locale';
import { ScrollButtons } from '../components/ScrollButtons';

/**
 * The village office's address and phone, and the village's news. The page
 * scrolls inside the body with buttons under it that are always in view, and
 * news the kiosk could not fetch just now is said to be its stored copy.
 */
export function VillageInfoScreen(props: { api: KioskBridge; resident: IdentifiedResident; timeZone: string; onBack(): void; onLogout(): void }) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const { value: info, error } = useLoaded(useCallback(() => api.calls['village.info']({}), [api]));
  const { ref: paneRef, onScroll, above, below, page } = useScrollCue<HTMLDivElement>(info ? info.articles.length : -1);
  const date = (value: string) => formatDateAndTime(i18n.language, value, props.timeZone);

  const profile = info?.profile;
  const fetchedAt = info?.articlesFetchedAt ? date(info.articlesFetchedAt) : '';
  return (
    <StepFrame
      title={t('village.title')}
      banner={<ResidentBanner resident={props.resident} />}
      onBack={props.onBack}
      onCancel={props.onLogout}
      cancelLabel={t('menu.logout')}
      bodyClassName="scroll-body"
    >
      {error && (
        <p className="notice" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {!info && !error && <p aria-busy="true">{t('letters.loading')}</p>}
      {info && (
        <>
          {info.articlesFromCache && (
            <p className="notice notice-info village-cached" role="status">
              {fetchedAt ? t('village.fromCache', { when: fetchedAt }) : t('village.notConnected')}
            </p>
          )}
          {/* Focusable like every step body: a keyboard or switch user can scroll it too. */}
          <div className="scroll-pane" ref={paneRef} onScroll={onScroll} tabIndex={0}>
            <section className="village-card">
              {profile ? (
                <>
                  <h2>{profile.title}</h2>
                  {profile.officeAddress && <p>{t('village.address', { address: profile.officeAddress })}</p>}
                  {profile.district && profile.regency && <p>{t('village.area', { district: profile.district, regency: profile.regency })}</p>}
                  {profile.operatorPhone && <p>{t('village.operator', { phone: profile.operatorPhone })}</p>}
                </>
              ) : (
                <p>{t('village.noProfile')}</p>
              )}
            </section>
            <h2>{t('village.news')}</h2>
            {info.articles.length === 0 && <p className="step-hint">{t('village.noNews')}</p>}
            <div className="articles">
              {info.articles.map((article) => (
                <article key={article.id} className="article">
                  <h2>{article.title}</h2>
                  {date(article.createdAt) && <p className="article-date">{date(article.createdAt)}</p>}
                  {/* Sanitised in the core to text formatting only (sanitize-article.ts); the CSP forbids scripts anyway. */}
                  <div dangerouslySetInnerHTML={{ __html: article.html }} />
                </article>
              ))}
            </div>
          </div>
          <ScrollButtons above={above} below={below} page={page} moreLabel={t('village.more')} />
        </>
      )}
    </StepFrame>
  );
}
