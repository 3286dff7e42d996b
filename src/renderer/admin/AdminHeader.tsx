import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type AdminPage = 'status' | 'server' | 'outbox' | 'printer' | 'readers' | 'settings' | 'security' | 'records';
const PAGES: AdminPage[] = ['status', 'server', 'outbox', 'printer', 'readers', 'settings', 'security', 'records'];

/** The admin screens' header: where the technician is, the other screens, and Keluar. */
export function AdminHeader(props: { page: AdminPage; actor: string; onNavigate(page: AdminPage): void; onLeave(): void; hint?: ReactNode; tools?: ReactNode }) {
  const { t } = useTranslation();
  const who = props.actor.startsWith('card:') ? t('admin.who.card', { label: props.actor.slice(5) }) : t('admin.who.pin');
  return (
    <header className="step-header">
      <div className="admin-tools">
        {props.tools}
        <button type="button" className="primary" onClick={props.onLeave}>
          {t('admin.leave')}
        </button>
      </div>
      <p className="step-progress">
        {t('admin.title')} · {t('admin.openedBy', { who })}
      </p>
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        {PAGES.map((page) => (
          <button key={page} type="button" className="secondary" aria-current={page === props.page ? 'page' : undefined} onClick={() => props.onNavigate(page)}>
            {t(`admin.nav.${page}`)}
          </button>
        ))}
      </nav>
      <h1>{t(`admin.${props.page}.title`)}</h1>
      {props.hint && <p className="step-hint">{props.hint}</p>}
    </header>
  );
}
