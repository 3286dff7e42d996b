import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AdminBridge, AdminOutboxRow } from '../../shared/admin-contract';
import { OUTBOX_STATE, OUTBOX_STATES, type OutboxState } from '../../shared/outbox-states';
import type { KioskRequestStatus } from '../../shared/request-status';
import type { CallError } from '../../shared/result';
import { errorText } from '../error-text';
import { useLoaded } from '../hooks/use-loaded';
import { downloadFile } from './download-file';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { useAdminTime } from './admin-time';

type Filter = OutboxState | 'all';
const FILTERS: Filter[] = ['all', ...OUTBOX_STATES];

/**
 * Permohonan: the outbox by state, newest first. A row opens its detail:
 * send again, hold, and for a request whose sending was in doubt the server
 * rows it could be. Sending can be paused while admin is open; the list can
 * be saved as CSV or JSON.
 */
export function AdminOutboxScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const [filter, setFilter] = useState<Filter>('all');
  const load = useCallback(() => api.calls['admin.outbox']({ state: filter }), [api, filter]);
  const { value, error: loadError, loading, reload } = useLoaded(load);
  const [open, setOpen] = useState<string | null>(null);
  const [refused, setRefused] = useState<CallError | null>(null);
  const time = useAdminTime({ dateStyle: 'short', timeStyle: 'short' });

  async function done(result: { ok: true } | { ok: false; error: CallError }): Promise<void> {
    setRefused(result.ok ? null : result.error);
    reload();
  }

  async function exportAs(format: 'csv' | 'json'): Promise<void> {
    const result = await api.calls['admin.outboxExport']({ state: filter, format });
    if (!result.ok) return setRefused(result.error);
    downloadFile(result.value.fileName, result.value.mimeType, result.value.text);
  }

  const rows = value?.rows ?? [];
  const detail = rows.find((row) => row.reference === open) ?? null;
  return (
    <main className="step admin">
      <AdminHeader
        page="outbox"
        actor={props.actor}
        onNavigate={props.onNavigate}
        onLeave={props.onLeave}
        hint={value ? OUTBOX_STATES.map((state) => `${value.counts[state]} ${t(`admin.status.${state}`)}`).join(' · ') : null}
        tools={
          value && (
            <button type="button" className="secondary" aria-pressed={value.paused} onClick={() => void api.calls['admin.syncPause']({ paused: !value.paused }).then(done)}>
              {value.paused ? t('admin.outbox.resume') : t('admin.outbox.pause')}
            </button>
          )
        }
      />
      <section className="step-body admin-body" tabIndex={0}>
        <div className="admin-nav" role="group" aria-label={t('admin.outbox.filter')}>
          {FILTERS.map((state) => (
            <button
              key={state}
              type="button"
              className="secondary"
              aria-pressed={filter === state}
              onClick={() => {
                setFilter(state);
                setOpen(null);
              }}
            >
              {t(`admin.outbox.filters.${state}`)}
            </button>
          ))}
          <button type="button" className="secondary" onClick={() => void exportAs('csv')}>
            {t('admin.outbox.exportCsv')}
          </button>
          <button type="button" className="secondary" onClick={() => void exportAs('json')}>
            {t('admin.outbox.exportJson')}
          </button>
        </div>
        {value?.paused && (
          <p className="notice" role="status">
            {t('admin.outbox.paused')}
          </p>
        )}
        {(loadError ?? refused) && (
          <p className="notice" role="alert">
            {errorText(t, (loadError ?? refused)!)}
          </p>
        )}
        {value && rows.length === 0 && <p>{t('admin.outbox.none')}</p>}
        <ul className="admin-failed admin-outbox" aria-busy={loading}>
          {rows.map((row) => (
            <li key={row.reference}>
              <span>
                <strong>{row.reference}</strong> · {row.letterName} · {row.resident ?? t('admin.outbox.purged')} · {time(row.createdAt)} ·{' '}
                <em>{statusText(t, row.status)}</em>
              </span>
              <button type="button" className="secondary" aria-expanded={open === row.reference} aria-label={t('admin.outbox.detailOf', { reference: row.reference })} onClick={() => setOpen(open === row.reference ? null : row.reference)}>
                {t('admin.outbox.detail')}
              </button>
              {detail === row && <OutboxDetail row={row} time={time} api={api} onDone={done} />}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

function OutboxDetail(props: { row: AdminOutboxRow; time(at: string): string; api: AdminBridge; onDone(result: { ok: true } | { ok: false; error: CallError }): Promise<void> }) {
  const { t } = useTranslation();
  const { row, api } = props;
  return (
    <div className="admin-outbox-detail">
      <dl className="admin-facts">
        <dt>{t('admin.outbox.fields.state')}</dt>
        <dd>
          {statusText(t, row.status)}
          {row.heldForOtherServer ? ` · ${t('admin.outbox.otherServer')}` : ''}
        </dd>
        <dt>{t('admin.outbox.fields.attempts')}</dt>
        <dd>
          {row.attempts}
          {row.nextAttemptAt ? ` · ${t('admin.outbox.next', { time: props.time(row.nextAttemptAt) })}` : ''}
        </dd>
        {row.serverId !== null && (
          <>
            <dt>{t('admin.outbox.fields.serverId')}</dt>
            <dd>{row.serverId}</dd>
          </>
        )}
        {row.problem && (
          <>
            <dt>{t('admin.outbox.fields.reason')}</dt>
            <dd>
              {row.problem.code === 'note' ? (
                row.problem.detail
              ) : (
                <>
                  {t(`admin.outbox.problem.${row.problem.code}`)}
                  <br />
                  <small>{t('admin.outbox.technical', { detail: row.problem.detail })}</small>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {row.candidates.length > 0 && (
        <div className="admin-candidates">
          <p>{t('admin.outbox.candidates')}</p>
          {row.candidates.map((id) => (
            <button key={id} type="button" className="secondary" onClick={() => void api.calls['admin.adopt']({ reference: row.reference, serverId: id }).then(props.onDone)}>
              {t('admin.outbox.adopt', { id })}
            </button>
          ))}
        </div>
      )}
      {row.retry !== 'allowed' && row.retry !== 'sent' && <p className="notice">{t(`admin.outbox.retryBlocked.${row.retry}`)}</p>}
      <div className="admin-setting-actions">
        {row.canPark && (
          <button type="button" className="secondary step-cancel" onClick={() => void api.calls['admin.outboxAction']({ reference: row.reference, action: 'park' }).then(props.onDone)}>
            {t('admin.outbox.park')}
          </button>
        )}
        {row.canRetry && (
          <button type="button" className="primary" onClick={() => void api.calls['admin.outboxAction']({ reference: row.reference, action: 'retry' }).then(props.onDone)}>
            {row.candidates.length > 0 ? t('admin.outbox.sendAgain') : row.state === OUTBOX_STATE.parked ? t('admin.outbox.release') : t('admin.outbox.retryNow')}
          </button>
        )}
      </div>
    </div>
  );
}

/** One word per request: where it is on the kiosk, or, once sent, the office's status (so a cancelled one reads "Dibatalkan"). */
function statusText(t: TFunction, status: KioskRequestStatus): string {
  if (status.at === 'kiosk') return t(`admin.outbox.state.${status.state}`);
  return status.code === null ? t('admin.outbox.state.synced') : t(`status.${status.code}`);
}
