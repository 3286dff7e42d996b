import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';

/**
 * "Mulai ulang aplikasi" and "Tutup aplikasi kios", each asked once more:
 * restarting ends every session and reads the configuration anew; quitting
 * leaves the kiosk without its screens until someone starts it again.
 */
export function ShellControls(props: { onShell(action: 'restart' | 'exit'): void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'restart' | 'exit' | null>(null);
  return (
    <>
      <h2>{t('admin.shell.title')}</h2>
      <div className="admin-setting-actions">
        <button type="button" className="secondary" onClick={() => setAsking('restart')}>
          {t('admin.shell.restart')}
        </button>
        <button type="button" className="secondary step-cancel" onClick={() => setAsking('exit')}>
          {t('admin.shell.exit')}
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          id="admin-shell"
          title={t(`admin.shell.${asking}Title`)}
          body={t(`admin.shell.${asking}Body`)}
          keepLabel={t('admin.shell.keep')}
          confirmLabel={t(`admin.shell.${asking}Confirm`)}
          onKeep={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            props.onShell(asking);
          }}
        />
      )}
    </>
  );
}
