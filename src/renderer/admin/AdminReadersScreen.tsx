import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, AdminReaders } from '../../shared/admin-contract';
import { useAdminTime } from './admin-time';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { SettingsEditor, type FieldChoices } from './SettingsEditor';

/** The live log is asked for this often while the screen is open. */
const POLL_MS = 700;

/**
 * Readers: the device readers' states, a live log of what every reader did
 * (tap a card, scan a receipt, and see what the kiosk made of it), the
 * readers' settings with the devices found, and a test area for keyboard-
 * wedge readers plugged into this window's computer.
 */
export function AdminReadersScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const loadReaders = useCallback(() => api.calls['admin.readers']({ devices: false }), [api]);
  const { value: readers, reload } = useLoaded(loadReaders);
  const [devices, setDevices] = useState<AdminReaders['devices']>(null);
  const [searching, setSearching] = useState(false);
  const [testing, setTesting] = useState(false);

  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  async function findDevices(): Promise<void> {
    setSearching(true);
    const result = await api.calls['admin.readers']({ devices: true });
    setSearching(false);
    if (result.ok) setDevices(result.value.devices);
  }

  const time = useAdminTime({ timeStyle: 'medium' });
  const choices: FieldChoices = devices
    ? { 'input.serialScanner.path': devices.found.filter((d) => d.kind === 'serial' && d.value).map((d) => ({ value: d.value!, label: d.label })) }
    : {};

  return (
    <main className="step admin">
      <AdminHeader page="readers" actor={props.actor} onNavigate={props.onNavigate} onLeave={props.onLeave} hint={t('admin.readers.hint')} />
      <section className="step-body admin-body" tabIndex={0}>
        <h2>{t('admin.readers.sourcesTitle')}</h2>
        {readers && readers.sources.length === 0 && <p>{t('admin.readers.noSources')}</p>}
        {readers && readers.sources.length > 0 && (
          <ul className="admin-failed">
            {readers.sources.map((source) => (
              <li key={source.source}>
                <strong>{t(`admin.readers.source.${source.source}`)}</strong>: {source.state}
                {source.detail ? ` · ${source.detail}` : ''}
              </li>
            ))}
          </ul>
        )}

        <h2>{t('admin.readers.testTitle')}</h2>
        <div
          className={testing ? 'admin-reader-test admin-reader-test-on' : 'admin-reader-test'}
          role="button"
          tabIndex={0}
          aria-pressed={testing}
          aria-label={t('admin.readers.testArea')}
          onFocus={() => setTesting(true)}
          onBlur={() => setTesting(false)}
          // Only here are keys a reader's: elsewhere a technician's keyboard types into the fields.
          onKeyDown={(event) => {
            event.preventDefault();
            if (event.repeat) return;
            void api.calls['admin.readerKey']({ key: event.key, atMs: Math.max(0, event.timeStamp) });
          }}
        >
          {testing ? t('admin.readers.testListening') : t('admin.readers.testArea')}
        </div>
        <p className="step-hint">{t('admin.readers.testHint')}</p>

        <h2>{t('admin.readers.eventsTitle')}</h2>
        <div aria-live="polite">
          {readers && readers.events.length === 0 && <p>{t('admin.readers.noEvents')}</p>}
          {readers && readers.events.length > 0 && (
            <ol className="admin-log admin-reader-events" aria-label={t('admin.readers.eventsTitle')}>
              {readers.events.map((event, i) => (
                <li key={`${event.at}-${i}`} className={`admin-reader-event admin-reader-${event.kind}`}>
                  <span>{time(event.at)}</span> <strong>{t(`admin.readers.source.${event.source}`)}</strong> {t(`admin.readers.kind.${event.kind}`)}: {event.detail}
                </li>
              ))}
            </ol>
          )}
        </div>

        <h2>{t('admin.readers.settingsTitle')}</h2>
        <div className="admin-setting-actions">
          <button type="button" className="secondary" disabled={searching} onClick={() => void findDevices()}>
            {searching ? t('admin.readers.searching') : t('admin.readers.findDevices')}
          </button>
        </div>
        {devices && (
          <ul className="admin-failed" aria-label={t('admin.readers.devicesTitle')}>
            {devices.found.length === 0 && <li>{t('admin.readers.noDevices')}</li>}
            {devices.found.map((device, i) => (
              <li key={`${device.kind}-${i}`}>
                <strong>{t(`admin.readers.source.${device.kind}`)}</strong>: {device.label}
              </li>
            ))}
            {devices.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <SettingsEditor api={api} group="readers" choices={choices} />
      </section>
    </main>
  );
}
