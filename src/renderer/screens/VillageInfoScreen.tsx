import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge } from '../../shared/contract';
import { useLoaded } from '../hooks/use-loaded';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import { errorText } from '../error-text';

/** The village office's address and phone, and the village's news. */
export function VillageInfoScreen(props: { api: KioskBridge; resident: IdentifiedResident; onBack(): void; onLogout(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const { value: info, error } = useLoaded(useCallback(() => api.calls['village.info']({}), [api]));

  const profile = info?.profile;
  return (
    <StepFrame
      title={t('village.title')}
      banner={<ResidentBanner resident={props.resident} />}
      onBack={props.onBack}
      onCancel={props.onLogout}
      cancelLabel={t('menu.logout')}
    >
      {error && (
        <p className="notice" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {!info && !error && <p aria-busy="true">{t('letters.loading')}</p>}
      {info && (
        <>
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
                <p className="article-date">{article.createdAt}</p>
                {/* Sanitised in the core to text formatting only (sanitize-article.ts); the CSP forbids scripts anyway. */}
                <div dangerouslySetInnerHTML={{ __html: article.html }} />
              </article>
            ))}
          </div>
        </>
      )}
    </StepFrame>
  );
}
