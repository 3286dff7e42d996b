import { useTranslation } from 'react-i18next';
import type { AdminBridge } from '../../shared/admin-contract';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { SettingsEditor } from './SettingsEditor';

/** Pengaturan: the kiosk's own settings (name, times, language, retention, panel, office details). */
export function AdminSettingsScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t } = useTranslation();
  return (
    <main className="step admin">
      <AdminHeader page="settings" actor={props.actor} onNavigate={props.onNavigate} onLeave={props.onLeave} hint={t('admin.settings.hint')} />
      <section className="step-body admin-body" tabIndex={0}>
        <SettingsEditor api={props.api} group="kiosk" />
      </section>
    </main>
  );
}
