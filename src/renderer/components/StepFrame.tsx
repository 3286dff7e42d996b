import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenTools } from './HelpControls';

/**
 * The resident's errand, in order: one count from signing in to the result,
 * so "Langkah N dari M" never jumps or starts again. A screen names its step
 * and never a number; a step may span several screens (NIK and PIN are both
 * "sign-in"; the fields, requirements and phone are all "fill-in"), so that
 * screens shown only when needed leave no gap in the count. The menu and the
 * screens outside the errand (Permohonan Saya, Informasi Desa, a scanned
 * receipt) show no count.
 */
export const ERRAND_STEPS = ['sign-in', 'choose-letter', 'fill-in', 'check', 'done'] as const;

export type ErrandStep = (typeof ERRAND_STEPS)[number];

/** "Langkah 2 dari 5": the step's place in ERRAND_STEPS, counted from 1. */
export function StepProgress(props: { step: ErrandStep }) {
  const { t } = useTranslation();
  return <p className="step-progress">{t('steps.progress', { step: ERRAND_STEPS.indexOf(props.step) + 1, total: ERRAND_STEPS.length })}</p>;
}

/**
 * One task per screen: progress ("Langkah 1 dari 5") on the errand's screens,
 * the title, the content, and always a visible Kembali and Batal beside the
 * one primary action.
 *
 * `step`: where this screen is in the errand (ERRAND_STEPS); leave it out on
 * screens outside it.
 */
export function StepFrame(props: {
  step?: ErrandStep;
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
        {props.step && <StepProgress step={props.step} />}
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
