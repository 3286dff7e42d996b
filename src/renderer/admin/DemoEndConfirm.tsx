import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoEnding } from '../../shared/admin-contract';
import type { CallError } from '../../shared/result';

/**
 * Asked before the first save of a demo kiosk (any screen that writes
 * config.json): saving ends demo mode, and the core's `ends-demo` refusal
 * says what follows for this kiosk (its admin PIN, its village server). The
 * save is sent again with `endDemo` only after "Ya".
 */
export function DemoEndConfirm(props: { ending: DemoEnding; busy?: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus: a stray Enter keeps demo mode.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="demo-end-title" aria-describedby="demo-end-body">
      <div className="idle-card admin-demo-end">
        <h2 id="demo-end-title">{t('admin.demoEnd.title')}</h2>
        <div id="demo-end-body">
          <p>{t('admin.demoEnd.intro')}</p>
          <ul>
            <li>{t(props.ending.server === 'none' ? 'admin.demoEnd.serverNone' : 'admin.demoEnd.serverSet')}</li>
            <li>{t(props.ending.adminPin === 'set-on-pc' ? 'admin.demoEnd.pinSetOnPc' : 'admin.demoEnd.pinOwn')}</li>
            <li>{t('admin.demoEnd.untilRestart')}</li>
          </ul>
        </div>
        <div className="editor-actions">
          <button ref={cancel} type="button" className="secondary" disabled={props.busy} onClick={props.onCancel}>
            {t('admin.demoEnd.cancel')}
          </button>
          <button type="button" className="primary" disabled={props.busy} onClick={props.onConfirm}>
            {t('admin.demoEnd.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** What the core's `ends-demo` refusal says follows, or null for any other answer. */
export function demoEndingOf(error: CallError): DemoEnding | null {
  if (error.code !== 'ends-demo') return null;
  const adminPin = error.params?.adminPin;
  const server = error.params?.server;
  if ((adminPin !== 'own' && adminPin !== 'set-on-pc') || (server !== 'none' && server !== 'set')) return null;
  return { adminPin, server };
}
