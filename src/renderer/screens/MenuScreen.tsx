import { useTranslation } from 'react-i18next';
import type { IdentifiedResident } from '../../shared/contract';
import { ResidentBanner } from '../components/ResidentBanner';
import { ScreenTools } from '../components/HelpControls';

export function MenuScreen(props: {
  resident: IdentifiedResident;
  onRequestLetter(): void;
  onMyRequests(): void;
  onMyLetters(): void;
  onVillageInfo(): void;
  onLogout(): void;
}) {
  const { t } = useTranslation();
  const { resident } = props;
  return (
    <main className="step">
      <header className="step-header">
        <ScreenTools />
        <ResidentBanner resident={resident} />
        <h1>{resident.name ? t('menu.greeting', { name: resident.name }) : t('menu.greetingOffline')}</h1>
        <p className="step-hint">{resident.online ? t('menu.hint') : t('menu.offlineHint')}</p>
      </header>
      <section className="menu">
        <button type="button" className="menu-item primary" onClick={props.onRequestLetter}>
          <span className="menu-title">{t('menu.requestLetter')}</span>
          <span className="menu-sub">{t('menu.requestLetterSub')}</span>
        </button>
        <button type="button" className="menu-item secondary" onClick={props.onMyRequests}>
          <span className="menu-title">{t('menu.myRequests')}</span>
          <span className="menu-sub">{t('menu.myRequestsSub')}</span>
        </button>
        <button type="button" className="menu-item secondary" onClick={props.onMyLetters}>
          <span className="menu-title">{t('menu.myLetters')}</span>
          <span className="menu-sub">{t('menu.myLettersSub')}</span>
        </button>
        <button type="button" className="menu-item secondary" onClick={props.onVillageInfo}>
          <span className="menu-title">{t('menu.villageInfo')}</span>
          <span className="menu-sub">{t('menu.villageInfoSub')}</span>
        </button>
      </section>
      <footer className="step-actions step-actions-one">
        <button type="button" className="secondary" onClick={props.onLogout}>
          {t('menu.logout')}
        </button>
      </footer>
    </main>
  );
}
