import { useTranslation } from 'react-i18next';
import { ToolButton } from './ToolButton';

/**
 * "English" / "Bahasa Indonesia" on every screen, so a resident can
 * switch in the middle of a task; the language goes back to the kiosk's own
 * when the session ends (App's reset). Named in the language it switches to.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'id' : 'en';
  return (
    <ToolButton className="language-switch" lang={next} onClick={() => void i18n.changeLanguage(next)}>
      {t('attract.switchLanguage')}
    </ToolButton>
  );
}
