import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge } from '../../shared/admin-contract';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { formatDateTime } from '../date-locale';

/** Catatan: the audit log (newest first) and the tail of the kiosk's log, by subsystem. */
export function AdminRecordsScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t, i18n } = useTranslation();
  const { api } = props;
  const [subsystem, setSubsystem] = useState<string | null>(null);
  const loadAudit = useCallback(() => api.calls['admin.audit']({ limit: 100 }), [api]);
  const loadLog = useCallback(() => api.calls['admin.logTail']({ subsystem, lines: 100 }), [api, subsystem]);
  const audit = useLoaded(loadAudit);
  const logTail = useLoaded(loadLog);
  const time = (at: string) => formatDateTime(i18n.language, at, { dateStyle: 'short', timeStyle: 'medium' });
  const [known, setKnown] = useState<string[]>([]);
  const subsystems = [...new Set([...known, ...(logTail.value?.subsystems ?? [])])].sort();

  return (
    <main className="step admin">
      <AdminHeader
        page="records"
        actor={props.actor}
        onNavigate={props.onNavigate}
        onLeave={props.onLeave}
        tools={
          <button
            type="button"
            className="secondary"
            onClick={() => {
              audit.reload();
              logTail.reload();
            }}
          >
            {t('admin.refresh')}
          </button>
        }
      />
      <section className="step-body admin-body" tabIndex={0}>
        <h2>{t('admin.records.auditTitle')}</h2>
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t('admin.records.when')}</th>
              <th>{t('admin.records.who')}</th>
              <th>{t('admin.records.what')}</th>
              <th>{t('admin.records.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.value?.entries.map((entry, i) => (
              <tr key={i}>
                <td>{time(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('admin.records.logTitle')}</h2>
        <div className="admin-nav" role="group" aria-label={t('admin.records.subsystem')}>
          <button type="button" className="secondary" aria-pressed={subsystem === null} onClick={() => setSubsystem(null)}>
            {t('admin.records.allSubsystems')}
          </button>
          {subsystems.map((name) => (
            <button
              key={name}
              type="button"
              className="secondary"
              aria-pressed={subsystem === name}
              onClick={() => {
                setKnown(subsystems);
                setSubsystem(name);
              }}
            >
              {name}
            </button>
          ))}
        </div>
        <pre className="admin-log">{logTail.value?.records.map((record) => `${time(record.at)} ${record.level.toUpperCase()} [${record.subsystem}] ${record.message}`).join('\n')}</pre>
      </section>
    </main>
  );
}
