import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, AdminStatus, TechnicianNotice } from '../../shared/admin-contract';
import { OUTBOX_STATES } from '../../shared/outbox-states';
import { ok, type CallError, type Result } from '../../shared/result';
import { errorText } from '../error-text';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { useAdminTime } from './admin-time';
import { ShellControls } from './ShellControls';
import { statusVerdict, type StatusVerdict } from '../../shared/technician-notices';

/** The status is asked for again this often while the screen is open. */
const REFRESH_SECONDS = 10;

/**
 * What a technician checks first: the village server, the outbox, the
 * printer, the readers, storage and the app, and above them whatever needs a
 * technician now.
 */
export function AdminStatusScreen(props: {
  api: AdminBridge;
  actor: string;
  onNavigate(page: AdminPage): void;
  onLeave(): void;
  onSessionLost(): void;
  onShell(action: 'restart' | 'exit'): void;
  /** Why the last restart or quit was refused. */
  shellProblem: CallError | null;
}) {
  const { t } = useTranslation();
  const { api, onSessionLost } = props;
  const load = useCallback(async (): Promise<Result<{ status: AdminStatus; checkedAt: Date }>> => {
    const result = await api.calls['admin.status']({});
    return result.ok ? ok({ status: result.value, checkedAt: new Date() }) : result;
  }, [api]);
  const { value, error, reload } = useLoaded(load);
  const status = value?.status ?? null;
  const checkedAt = value?.checkedAt ?? null;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [reload]);
  useEffect(() => {
    if (error?.code === 'admin-session-required') onSessionLost();
  }, [error, onSessionLost]);

  const time = useAdminTime({ dateStyle: 'medium', timeStyle: 'medium' });

  return (
    <main className="step admin">
      <AdminHeader
        page="status"
        actor={props.actor}
        onNavigate={props.onNavigate}
        onLeave={props.onLeave}
        hint={checkedAt ? t('admin.status.checkedAt', { time: time(checkedAt) }) : null}
        tools={
          <button type="button" className="secondary" onClick={reload}>
            {t('admin.refresh')}
          </button>
        }
      />
      <section className="step-body admin-body" tabIndex={0}>
        {error && (
          <p className="notice" role="alert">
            {errorText(t, error)}
          </p>
        )}
        {status && (
          <>
            <Verdict verdict={statusVerdict(status.notices)} />
            <dl className="admin-facts">
              <dt>{t('admin.status.server')}</dt>
              <dd>
                {status.demoMode ? t('admin.status.serverDemo') : (status.server.url ?? t('admin.status.serverNone'))}
                {status.server.reachable !== null && <> · {status.server.reachable ? t('admin.status.reachable') : t('admin.status.unreachable')}</>}
                {status.server.version && <> · {t('admin.status.version', { version: status.server.version })}</>}
                {status.server.licensed !== null && <> · {status.server.licensed ? t('admin.status.licensed') : t('admin.status.unlicensed')}</>}
              </dd>
              <dt>{t('admin.status.lastSync')}</dt>
              <dd>{status.sync.lastPassAt ? time(status.sync.lastPassAt) : t('admin.status.never')}</dd>
              <dt>{t('admin.status.outbox')}</dt>
              <dd>
                {OUTBOX_STATES.map((state) => `${status.outbox[state]} ${t(`admin.status.${state}`)}`).join(' · ')}
              </dd>
              <dt>{t('admin.status.printer')}</dt>
              <dd>
                {t(`admin.printerStatus.${status.printer.status}`)} · {status.printer.transport} · {status.printer.profile}
                {status.printer.changes.length > 0 && (
                  <>
                    <br />
                    {t('admin.status.printerChanges')}:{' '}
                    {status.printer.changes
                      .slice(0, 3)
                      .map((change) => `${t(`admin.printerStatus.${change.status}`)} (${time(change.at)})`)
                      .join(', ')}
                  </>
                )}
              </dd>
              <dt>{t('admin.status.reader')}</dt>
              <dd>
                {status.reader.lastEvent
                  ? t('admin.status.readerLast', {
                      what: t(status.reader.lastEvent.kind === 'card' ? 'admin.status.readerCard' : 'admin.status.readerReceipt'),
                      time: time(status.reader.lastEvent.at),
                    })
                  : t('admin.status.readerNone')}
              </dd>
              <dt>{t('admin.status.disk')}</dt>
              <dd>{status.disk ? t('admin.status.diskFree', { free: size(status.disk.freeBytes), total: size(status.disk.totalBytes) }) : '-'}</dd>
              <dt>{t('admin.status.app')}</dt>
              <dd>
                {t('admin.status.appVersion', { version: status.appVersion, uptime: duration(status.uptimeSeconds) })} ·{' '}
                {t('admin.status.kiosk', { name: status.kioskName })}
              </dd>
            </dl>
          </>
        )}
        {props.shellProblem && (
          <p className="notice" role="alert">
            {errorText(t, props.shellProblem)}
          </p>
        )}
        <ShellControls onShell={props.onShell} />
      </section>
    </main>
  );
}

/** The verdict above the facts: all well only with nothing to do; otherwise the most important thing first. */
function Verdict(props: { verdict: StatusVerdict }) {
  const { t } = useTranslation();
  const { verdict } = props;
  if (verdict.kind === 'all-well') {
    return (
      <section className="admin-notices" aria-labelledby="admin-notices-title">
        <h2 id="admin-notices-title">{t('admin.status.allGoodTitle')}</h2>
        <p>{t('admin.status.allGood')}</p>
      </section>
    );
  }
  return (
    <section className="admin-notices admin-notices-problem" aria-labelledby="admin-notices-title">
      <h2 id="admin-notices-title">{t('admin.notice.title')}</h2>
      <p className="admin-notice-first">
        <strong>{t('admin.status.firstProblem')}</strong> <span>{noticeText(t, verdict.first)}</span>
      </p>
      {verdict.more.length > 0 && (
        <ul>
          {verdict.more.map((notice, i) => (
            <li key={i}>{noticeText(t, notice)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function noticeText(t: (key: string, params?: Record<string, unknown>) => string, notice: TechnicianNotice): string {
  if (notice.code === 'printer-problem') return t('admin.notice.printer-problem', { status: t(`admin.printerStatus.${notice.status}`) });
  if (notice.code === 'demo-ends-at-restart') return t(`admin.notice.demo-ends-at-restart_${notice.server}`);
  return t(`admin.notice.${notice.code}`, notice);
}

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  // "menyala 0 m" reads as if the kiosk were off: a fresh start says less than a minute.
  if (hours === 0 && minutes === 0) return '< 1 m';
  return hours > 0 ? `${hours} j ${minutes} m` : `${minutes} m`;
}
