import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, AdminServer, AdminServerCheck, DemoEnding, PendingElsewhere } from '../../shared/admin-contract';
import type { CallError } from '../../shared/result';
import { FieldEditor } from '../components/FieldEditor';
import { useAdminTime } from './admin-time';
import { errorText } from '../error-text';
import { say, type Wording } from '../wording';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { DemoEndConfirm, demoEndingOf } from './DemoEndConfirm';

type Decision = { url: string | null; pending: PendingElsewhere[] };

/**
 * Server: the village server's URL, a check (of the saved URL, or of a new
 * one before it is saved), and a refresh of the village profile. Saving a
 * new URL while requests made for another server wait asks first whether
 * they stay for that server or go to the new one.
 */
export function AdminServerScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void; onRestart(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const load = useCallback(() => api.calls['admin.server']({}), [api]);
  const { value: loaded, error: loadError } = useLoaded(load);
  const [latest, setLatest] = useState<AdminServer | null>(null);
  const server = latest ?? loaded;
  const [draft, setDraft] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [check, setCheck] = useState<AdminServerCheck | null>(null);
  const [problem, setProblem] = useState<CallError | null>(null);
  const [message, setMessage] = useState<Wording | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  /** A demo kiosk's first save, waiting for the technician to agree that it ends demo mode. */
  const [ending, setEnding] = useState<{ ending: DemoEnding; url: string | null; pending: 'ask' | 'keep' | 'retarget' } | null>(null);
  const [restartNeeded, setRestartNeeded] = useState(false);
  const [busy, setBusy] = useState(false);

  const at = useAdminTime({ dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: string | null) => (value ? at(value) : t('admin.server.never'));
  const target = (value: string) => (value === 'demo' ? t('admin.server.demoServer') : value);

  async function run<T>(work: () => Promise<T>): Promise<T> {
    setBusy(true);
    try {
      return await work();
    } finally {
      setBusy(false);
    }
  }

  async function checkNow(url: string | null): Promise<void> {
    setMessage(null);
    const result = await run(() => api.calls['admin.serverCheck']({ url }));
    setProblem(result.ok ? null : result.error);
    setCheck(result.ok ? result.value.check : null);
  }

  async function refresh(): Promise<void> {
    const result = await run(() => api.calls['admin.refreshReference']({}));
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setLatest(result.value.server);
    setMessage(result.value.refreshed ? { key: 'admin.server.refreshed' } : { key: 'admin.server.notRefreshed', params: { problem: result.value.problem } });
  }

  async function save(url: string | null, pending: 'ask' | 'keep' | 'retarget', endDemo = false): Promise<void> {
    const result = await run(() => api.calls['admin.setServerUrl']({ url, pending, ...(endDemo ? { endDemo: true as const } : {}) }));
    setEnding(null);
    const asked = result.ok ? null : demoEndingOf(result.error);
    if (asked) {
      setDecision(null);
      return setEnding({ ending: asked, url, pending });
    }
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    if (result.value.outcome === 'decide') return setDecision({ url, pending: result.value.pending });
    setDecision(null);
    setDraft(null);
    setCheck(null);
    setLatest(result.value.server);
    setRestartNeeded(result.value.restartNeeded);
    setMessage(result.value.retargeted > 0 ? { key: 'admin.server.savedRetargeted', params: { count: result.value.retargeted } } : { key: 'admin.server.saved' });
  }

  const pendingTotal = decision?.pending.reduce((sum, group) => sum + group.count, 0) ?? 0;
  return (
    <main className="step admin">
      <AdminHeader
        page="server"
        actor={props.actor}
        onNavigate={props.onNavigate}
        onLeave={props.onLeave}
        hint={server ? (server.target ? t('admin.server.sendsTo', { target: target(server.target) }) : t('admin.server.sendsNowhere')) : null}
      />
      <section className="step-body admin-body" tabIndex={0}>
        {(loadError || problem) && (
          <p className="notice" role="alert">
            {problem?.code === 'validation' ? t('admin.server.badUrl') : errorText(t, (problem ?? loadError)!)}
          </p>
        )}
        {message && (
          <p className="notice admin-saved" role="status">
            {say(t, message)}
          </p>
        )}
        {restartNeeded && (
          <div className="notice" role="status">
            <p>{t('admin.server.restartToUse')}</p>
            <button type="button" className="primary" onClick={props.onRestart}>
              {t('admin.shell.restart')}
            </button>
          </div>
        )}
        {server && (
          <>
            <dl className="admin-facts">
              <dt>{t('admin.server.url')}</dt>
              <dd>
                {server.url ?? t('admin.server.none')}
                {server.demoMode && ` · ${t('admin.server.demoNote')}`}
              </dd>
              {draft !== null && (
                <>
                  <dt>{t('admin.server.newUrl')}</dt>
                  <dd>
                    <strong>{draft || t('admin.server.none')}</strong> <em>{t('admin.settings.changed')}</em>
                  </dd>
                </>
              )}
            </dl>
            <div className="admin-setting-actions">
              <button type="button" className="secondary" disabled={busy} onClick={() => setEditing(true)}>
                {t('admin.server.changeUrl')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => void checkNow(draft)}>
                {draft ? t('admin.server.checkNew') : t('admin.server.check')}
              </button>
              {draft !== null && (
                <button type="button" className="primary" disabled={busy} onClick={() => void save(draft || null, 'ask')}>
                  {t('admin.server.saveUrl')}
                </button>
              )}
            </div>
            {check && (
              <dl className="admin-facts admin-check" aria-label={t('admin.server.checkTitle')}>
                <dt>{t('admin.server.checked')}</dt>
                <dd>{check.url === 'demo' ? t('admin.server.demoServer') : check.url}</dd>
                <dt>{t('admin.server.reachable')}</dt>
                <dd>{check.reachable ? t('admin.server.yes') : t('admin.server.no')}</dd>
                <dt>{t('admin.server.version')}</dt>
                <dd>{check.version ?? '-'}</dd>
                <dt>{t('admin.server.village')}</dt>
                <dd>{check.village ?? '-'}</dd>
                <dt>{t('admin.server.licence')}</dt>
                <dd>{check.licensed === null ? t('admin.server.unknown') : check.licensed ? t('admin.server.licensed') : t('admin.server.unlicensed')}</dd>
                {check.problem && (
                  <>
                    <dt>{t('admin.server.problem')}</dt>
                    <dd>{check.problem}</dd>
                  </>
                )}
              </dl>
            )}
            <h2>{t('admin.server.referenceTitle')}</h2>
            <dl className="admin-facts">
              <dt>{t('admin.server.reference.profile')}</dt>
              <dd>{when(server.reference.profile)}</dd>
              <dt>{t('admin.server.reference.letters')}</dt>
              <dd>{when(server.reference.letters)}</dd>
              <dt>{t('admin.server.reference.articles')}</dt>
              <dd>{when(server.reference.articles)}</dd>
            </dl>
            <p className="step-hint">{t('admin.server.referenceHint')}</p>
            <button type="button" className="secondary" disabled={busy} onClick={() => void refresh()}>
              {t('admin.server.refresh')}
            </button>
            {server.pendingElsewhere.length > 0 && (
              <>
                <h2>{t('admin.server.elsewhereTitle')}</h2>
                <ul className="admin-failed">
                  {server.pendingElsewhere.map((group) => (
                    <li key={group.target}>{t('admin.server.elsewhereRow', { count: group.count, target: target(group.target) })}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </section>
      {editing && (
        <FieldEditor
          field={{ type: 'url', name: 'server.url', label: t('admin.server.url'), required: false, placeholder: 'https://api.desa.example', options: [] }}
          value={draft ?? server?.url ?? ''}
          timeZone="Asia/Jakarta"
          onCancel={() => setEditing(false)}
          onSave={(text) => {
            setDraft(text);
            setCheck(null);
            setMessage(null);
            setEditing(false);
          }}
        />
      )}
      {ending && (
        <DemoEndConfirm ending={ending.ending} busy={busy} onCancel={() => setEnding(null)} onConfirm={() => void save(ending.url, ending.pending, true)} />
      )}
      {decision && (
        <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="server-decide-title">
          <div className="idle-card">
            <h2 id="server-decide-title">{t('admin.server.decideTitle', { count: pendingTotal })}</h2>
            <ul>
              {decision.pending.map((group) => (
                <li key={group.target}>{t('admin.server.elsewhereRow', { count: group.count, target: target(group.target) })}</li>
              ))}
            </ul>
            <p>{t('admin.server.decideBody', { url: decision.url })}</p>
            <div className="editor-actions">
              <button type="button" className="secondary" disabled={busy} onClick={() => setDecision(null)}>
                {t('nav.cancel')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => void save(decision.url, 'keep')}>
                {t('admin.server.keep')}
              </button>
              <button type="button" className="primary" disabled={busy} onClick={() => void save(decision.url, 'retarget')}>
                {t('admin.server.retarget', { count: pendingTotal })}
              </button>
            </div>
          </div>
        </div>
      )}
    </main>
  );
}
