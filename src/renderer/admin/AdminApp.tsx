import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge } from '../../shared/admin-contract';
import type { CallError } from '../../shared/result';
import { errorText } from '../error-text';
import { useLoaded } from '../hooks/use-loaded';
import { AdminPinScreen } from './AdminPinScreen';
import type { AdminPage } from './AdminHeader';
import { AdminOutboxScreen } from './AdminOutboxScreen';
import { AdminPrinterScreen } from './AdminPrinterScreen';
import { AdminReadersScreen } from './AdminReadersScreen';
import { AdminServerScreen } from './AdminServerScreen';
import { AdminRecordsScreen } from './AdminRecordsScreen';
import { AdminSecurityScreen } from './AdminSecurityScreen';
import { AdminSettingsScreen } from './AdminSettingsScreen';
import { AdminStatusScreen } from './AdminStatusScreen';
import { KioskTimeZone } from './admin-time';

/** Back to the resident screens: the admin window closes (Electron), or the page goes back to the kiosk (web host). */
export function leaveAdmin(): void {
  if (window.admAdmin) window.close();
  else window.location.assign('./');
}

/**
 * The technician's screens: the admin PIN (or a first PIN to set), then the
 * admin screens. Admin closes itself after the idle time the core gave with
 * the session, on "Keluar", and when the core says the session is gone.
 */
export function AdminApp(props: { api: AdminBridge; onLeave(): void }) {
  const { t } = useTranslation();
  const { api, onLeave } = props;
  const loadState = useCallback(() => api.calls['admin.state']({}), [api]);
  const { value: state, error: loadError, reload: refreshState } = useLoaded(loadState);
  const [open, setOpen] = useState<{ actor: string; idleSeconds: number; timeZone: string } | null>(null);
  const [page, setPage] = useState<AdminPage>('status');
  const [shell, setShell] = useState<{ action: 'restart' | 'exit'; failed: CallError | null } | null>(null);

  // Restart: once the kiosk answers again (the bridge reconnects by itself), back to the resident screens.
  const runShell = useCallback(
    async (action: 'restart' | 'exit') => {
      setShell({ action, failed: null });
      const result = await api.calls['admin.shell']({ action });
      if (!result.ok) return setShell({ action, failed: result.error });
      if (action === 'exit') return;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const back = await api.calls['admin.state']({});
        if (back.ok) return onLeave();
      }
    },
    [api, onLeave],
  );

  const leave = useCallback(async () => {
    await api.calls['admin.lock']({});
    onLeave();
  }, [api, onLeave]);

  // Inactivity closes admin: any touch or key restarts the count.
  const lastTouch = useRef(0);
  useEffect(() => {
    if (!open) return;
    lastTouch.current = Date.now();
    const touched = () => (lastTouch.current = Date.now());
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current <= open.idleSeconds * 1000) return;
      clearInterval(timer); // once: the page is leaving
      void leave();
    }, 1000);
    return () => {
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
      clearInterval(timer);
    };
  }, [open, leave]);

  if (shell && !shell.failed) {
    return (
      <main className="admin admin-centre">
        <p role="status">{t(shell.action === 'restart' ? 'admin.shell.restarting' : 'admin.shell.exited')}</p>
      </main>
    );
  }
  if (loadError) return <main className="admin admin-centre"><p role="alert">{errorText(t, loadError)}</p></main>;
  if (!state) return <main className="admin admin-centre"><p>{t('admin.loading')}</p></main>;
  if (!open) {
    return (
      <AdminPinScreen
        api={api}
        state={state}
        onOpened={setOpen}
        onRefresh={refreshState}
        onCancel={onLeave}
      />
    );
  }
  const navigation = {
    api,
    actor: open.actor,
    onNavigate: (next: AdminPage) => {
      setShell(null);
      setPage(next);
    },
    onLeave: () => void leave(),
  };
  const onShell = (action: 'restart' | 'exit') => void runShell(action);
  return <KioskTimeZone.Provider value={open.timeZone}>{screen()}</KioskTimeZone.Provider>;

  function screen() {
    if (page === 'server') return <AdminServerScreen {...navigation} onRestart={() => onShell('restart')} />;
    if (page === 'readers') return <AdminReadersScreen {...navigation} />;
    if (page === 'settings') return <AdminSettingsScreen {...navigation} />;
    if (page === 'printer') return <AdminPrinterScreen {...navigation} />;
    if (page === 'outbox') return <AdminOutboxScreen {...navigation} />;
    if (page === 'security') return <AdminSecurityScreen {...navigation} />;
    if (page === 'records') return <AdminRecordsScreen {...navigation} />;
    return <AdminStatusScreen {...navigation} onSessionLost={onLeave} onShell={onShell} shellProblem={shell?.failed ?? null} />;
  }
}
