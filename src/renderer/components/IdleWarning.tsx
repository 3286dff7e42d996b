import { useTranslation } from 'react-i18next';

/** Full-screen countdown; a tap anywhere on it continues the session. */
export function IdleWarning(props: { secondsLeft: number; tones: number; onStay(): void }) {
  const { t } = useTranslation();
  return (
    <div
      className="idle-warning"
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      data-tones={props.tones}
      onClick={props.onStay}
    >
      <div className="idle-card">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-body">{t('idle.body', { seconds: props.secondsLeft })}</p>
        <p className="idle-seconds" aria-hidden="true">
          {props.secondsLeft}
        </p>
        <button type="button" className="primary" onClick={props.onStay}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
