import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One task per screen: progress ("Langkah 1 dari 2"), the title, the content,
 * and always a visible Kembali, Batal and one primary action.
 */
export function StepFrame(props: {
  step: number;
  totalSteps: number;
  title: string;
  hint: string;
  children: ReactNode;
  primaryLabel: string;
  primaryDisabled?: boolean;
  onPrimary(): void;
  onBack(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <main className="step">
      <header className="step-header">
        <p className="step-progress">{t('steps.progress', { step: props.step, total: props.totalSteps })}</p>
        <h1>{props.title}</h1>
        <p className="step-hint">{props.hint}</p>
      </header>
      <section className="step-body">{props.children}</section>
      <footer className="step-actions">
        <button type="button" className="secondary" onClick={props.onBack}>
          {t('nav.back')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('nav.cancel')}
        </button>
        <button type="button" className="primary" disabled={props.primaryDisabled} onClick={props.onPrimary}>
          {props.primaryLabel}
        </button>
      </footer>
    </main>
  );
}
