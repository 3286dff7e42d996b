import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, LogFolders } from '../../shared/admin-contract';
import type { CallError } from '../../shared/result';
import { errorText } from '../error-text';
import { say, type Wording } from '../wording';
import { downloadFile } from './download-file';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { useAdminTime } from './admin-time';

/**
 * A code (an audit detail's JSON, a path, an address) with places to break
 * after each comma and slash, so a long one wraps between its parts before
 * the browser has to cut a part anywhere.
 */
function breakableCode(text: string): ReactNode[] {
  return text.split(/(?<=[,/])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

/** Catatan: the audit log (newest first), the tail of the kiosk's log by subsystem, and both taken away (USB stick or download). */
export function AdminRecordsScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const [subsystem, setSubsystem] = useState<string | null>(null);
  const loadAudit = useCallback(() => api.calls['admin.audit']({ limit: 100 }), [api]);
  const loadLog = useCallback(() => api.calls['admin.logTail']({ subsystem, lines: 100 }), [api, subsystem]);
  const audit = useLoaded(loadAudit);
  const logTail = useLoaded(loadLog);
  const time = useAdminTime({ dateStyle: 'short', timeStyle: 'medium' });
  const [known, setKnown] = useState<string[]>([]);
  const subsystems = [...new Set([...known, ...(logTail.value?.subsystems ?? [])])].sort();
  const [folders, setFolders] = useState<LogFolders['folders'] | null>(null);
  const [exported, setExported] = useState<Wording | null>(null);
  const [exportProblem, setExportProblem] = useState<CallError | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportTo(folder: string | null): Promise<void> {
    setBusy(true);
    const result = await api.calls['admin.logExport']({ folder });
    setBusy(false);
    setExportProblem(result.ok ? null : result.error);
    if (!result.ok) return setExported(null);
    if (result.value.text !== null) downloadFile(result.value.fileName, 'text/plain', result.value.text);
    setExported(result.value.written ? { key: 'admin.records.writtenTo', params: { folder: result.value.written } } : { key: 'admin.records.downloaded', params: { file: result.value.fileName } });
    audit.reload();
  }

  async function findSticks(): Promise<void> {
    const result = await api.calls['admin.logFolders']({});
    if (result.ok) setFolders(result.value.folders);
    else setExportProblem(result.error);
  }

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
        <h2>{t('admin.records.exportTitle')}</h2>
        <p className="step-hint">{t('admin.records.exportHint')}</p>
        <div className="admin-setting-actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void findSticks()}>
            {t('admin.records.findSticks')}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void exportTo(null)}>
            {t('admin.records.download')}
          </button>
        </div>
        {folders && folders.length === 0 && <p>{t('admin.records.noSticks')}</p>}
        {folders && folders.length > 0 && (
          <ul className="admin-failed">
            {folders.map((folder) => (
              <li key={folder.path}>
                <span>
                  <strong>{folder.label}</strong> · {folder.path}
                  {folder.freeBytes !== null ? ` · ${t('admin.records.free', { mb: Math.floor(folder.freeBytes / 1024 / 1024) })}` : ''}
                </span>
                <button type="button" className="primary" disabled={busy} aria-label={t('admin.records.exportToWhat', { label: folder.label })} onClick={() => void exportTo(folder.path)}>
                  {t('admin.records.exportTo')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {exported && (
          <p className="notice admin-saved" role="status">
            {say(t, exported)}
          </p>
        )}
        {exportProblem && (
          <p className="notice" role="alert">
            {errorText(t, exportProblem)}
          </p>
        )}
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
                <td className="admin-table-time">{time(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.detail && <code className="admin-table-code">{breakableCode(entry.detail)}</code>}</td>
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
