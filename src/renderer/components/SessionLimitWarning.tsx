import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The signed-in session's time limit is near: a countdown and "Tambah waktu",
 * so a resident in the middle of a form is asked instead of losing it.
 */
export function SessionLimitWarning(props: { secondsLeft: number; onExtend(): void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(props.secondsLeft);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="limit-title" aria-describedby="limit-body">
      <div className="idle-card">
        <h2 id="limit-title">{t('sessionLimit.title')}</h2>
        <p id="limit-body">{t('sessionLimit.body', { seconds: left })}</p>
        <p className="idle-seconds" aria-hidden="true">
          {left}
        </p>
        <button type="button" className="primary" onClick={props.onExtend}>
          {t('sessionLimit.extend')}
        </button>
      </div>
    </div>
  );
}
