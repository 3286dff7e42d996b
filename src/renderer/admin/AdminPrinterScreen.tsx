import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, AdminPrinter } from '../../shared/admin-contract';
import type { PrintResult } from '../../shared/contract';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';
import { SettingsEditor, type FieldChoices } from './SettingsEditor';
import { useAdminTime } from './admin-time';
import { AdminLetterPrinterSection } from './AdminLetterPrinterSection';

/**
 * Printer: what the printer says, its settings (transport, address or
 * device, profile, QR mode) with the devices found now, a test slip with its
 * preview, and receipts whose printing failed; then the A4 printer for
 * signed letters ("A4 / Surat").
 */
export function AdminPrinterScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const load = useCallback(() => api.calls['admin.printer']({}), [api]);
  const { value: loaded, reload } = useLoaded(load);
  const [latest, setLatest] = useState<AdminPrinter | null>(null);
  const [outcome, setOutcome] = useState<PrintResult | { outcome: 'unavailable' } | null>(null);
  const [busy, setBusy] = useState(false);
  const printer = latest ?? loaded;

  const time = useAdminTime({ timeStyle: 'medium' });
  const choices: FieldChoices = printer
    ? {
        'printer.profile': printer.profiles.map((profile) => ({ value: profile.id, label: profile.name })),
        'printer.devicePath': [...printer.devices.usb, ...printer.devices.serial].map((device) => ({ value: device, label: device })),
      }
    : {};

  async function act(run: () => ReturnType<AdminBridge['calls']['admin.reprint']>): Promise<void> {
    setBusy(true);
    const result = await run();
    setBusy(false);
    if (result.ok) {
      setOutcome(result.value.result);
      setLatest(result.value.printer);
    }
  }

  return (
    <main className="step admin">
      <AdminHeader page="printer" actor={props.actor} onNavigate={props.onNavigate} onLeave={props.onLeave} hint={printer ? `${t(`admin.printerStatus.${printer.status}`)} · ${printer.transport} · ${printer.profile}` : null} />
      <section className="step-body admin-body" tabIndex={0}>
        <SettingsEditor
          api={api}
          group="printer"
          choices={choices}
          onSaved={() => {
            setLatest(null);
            reload();
          }}
        />
        <h2>{t('admin.printer.testTitle')}</h2>
        <div className="admin-preview">
          <button type="button" className="primary" disabled={busy} onClick={() => void act(() => api.calls['admin.printTestSlip']({}))}>
            {t('admin.printer.testSlip')}
          </button>
          {outcome && (
            <p className="notice" role="status">
              {t(`admin.printer.outcome.${outcome.outcome}`)}
              {'status' in outcome && outcome.status && outcome.outcome !== 'printed' ? ` (${t(`admin.printerStatus.${outcome.status}`)})` : ''}
            </p>
          )}
        </div>
        {printer?.lastSlip && (
          <figure className="admin-preview">
            {printer.lastSlip.previewDataUrl ? (
              <img src={printer.lastSlip.previewDataUrl} alt={t('admin.printer.previewAlt', { kind: t(`admin.printer.kind.${printer.lastSlip.kind}`) })} />
            ) : (
              <p>{t('admin.printer.noPreview')}</p>
            )}
            <figcaption>{t('admin.printer.previewCaption', { kind: t(`admin.printer.kind.${printer.lastSlip.kind}`), time: time(printer.lastSlip.at) })}</figcaption>
          </figure>
        )}
        <h2>{t('admin.printer.failedTitle')}</h2>
        {printer && printer.failedReceipts.length === 0 && <p>{t('admin.printer.noFailed')}</p>}
        {printer && printer.failedReceipts.length > 0 && (
          <ul className="admin-failed">
            {printer.failedReceipts.map((receipt) => (
              <li key={receipt.reference}>
                <span>
                  <strong>{receipt.reference}</strong> · {receipt.failedAt ? time(receipt.failedAt) : ''} {receipt.failure ? `· ${receipt.failure}` : ''}
                </span>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  aria-label={t('admin.printer.reprintWhat', { reference: receipt.reference })}
                  onClick={() => void act(() => api.calls['admin.reprint']({ reference: receipt.reference }))}
                >
                  {t('admin.printer.reprint')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <AdminLetterPrinterSection calls={api.calls} settings={(onSaved) => <SettingsEditor api={api} group="letterPrinter" onSaved={onSaved} />} />
      </section>
    </main>
  );
}
