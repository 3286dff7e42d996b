import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTools } from './HelpControls';

/**
 * One task per screen: progress ("Langkah 1 dari 4") where the task has
 * steps, the title, the content, and always a visible Kembali and Batal
 * beside the one primary action.
 */
export function StepFrame(props: {
  step?: number;
  totalSteps?: number;
  title: string;
  hint?: string;
  banner?: ReactNode;
  children: ReactNode;
  primaryLabel?: string;
  primaryDisabled?: boolean;
  onPrimary?(): void;
  onBack(): void;
  onCancel(): void;
  cancelLabel?: string;
  /** `keypad-body` for screens built around the numeric keypad (they never scroll). */
  bodyClassName?: string;
}) {
  const { t } = useTranslation();
  return (
    <main className="step">
      <header className="step-header">
        <ScreenTools />
        {props.banner}
        {props.step !== undefined && props.totalSteps !== undefined && (
          <p className="step-progress">{t('steps.progress', { step: props.step, total: props.totalSteps })}</p>
        )}
        <h1>{props.title}</h1>
        {props.hint && <p className="step-hint">{props.hint}</p>}
      </header>
      {/* Focusable: where the body scrolls (long lists, large text) a keyboard or switch user can scroll it too. */}
      <section className={props.bodyClassName ? `step-body ${props.bodyClassName}` : 'step-body'} tabIndex={0}>
        {props.children}
      </section>
      <footer className={props.onPrimary ? 'step-actions' : 'step-actions step-actions-two'}>
        <button type="button" className="secondary" onClick={props.onBack}>
          {t('nav.back')}
        </button>
        <button type="button" className="secondary step-cancel" onClick={props.onCancel}>
          {props.cancelLabel ?? t('nav.cancel')}
        </button>
        {props.onPrimary && (
          <button type="button" className="primary" disabled={props.primaryDisabled} onClick={props.onPrimary}>
            {props.primaryLabel}
          </button>
        )}
      </footer>
    </main>
  );
}
