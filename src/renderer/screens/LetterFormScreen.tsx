import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge } from '../../shared/contract';
import { checkAnswers } from '../../shared/letter-form';
import type { CallError } from '../../shared/result';
import { FieldEditor } from '../components/FieldEditor';
import { NumericKeypad } from '../components/NumericKeypad';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame } from '../components/StepFrame';
import type { FormStep, KioskAction, LetterDraft } from '../kiosk-state';
import { errorText } from '../error-text';

const STEP_NUMBER: Record<FormStep, number> = { fields: 2, requirements: 3, phone: 4, confirm: 5 };
const PREVIOUS: Record<FormStep, FormStep | null> = { fields: null, requirements: 'fields', phone: 'requirements', confirm: 'phone' };
const BRING_ORIGINAL = '-1';

/**
 * The request itself, in four steps generated from the server's form: the
 * letter's fields, the requirements (bring the original paper, or one of the
 * resident's uploaded documents), the phone number, and a summary to confirm.
 */
export function LetterFormScreen(props: {
  api: KioskBridge;
  resident: IdentifiedResident;
  draft: LetterDraft;
  dispatch(action: KioskAction): void;
  onBackToList(): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const { draft, dispatch, resident } = props;
  const { letter } = draft;
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [callError, setCallError] = useState<CallError | null>(null);
  const go = (step: FormStep) => dispatch({ type: 'form-step', step });

  function back(): void {
    const previous = PREVIOUS[draft.step];
    if (previous) go(previous);
    else props.onBackToList();
  }

  function next(): void {
    if (draft.step === 'fields') {
      const problems = checkAnswers(letter.fields, draft.answers);
      if (Object.keys(problems).length > 0) {
        dispatch({ type: 'form-errors', errors: Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, t(`field.${p}`)])) });
        return;
      }
      go('requirements');
    } else if (draft.step === 'requirements') {
      go('phone');
    } else if (draft.step === 'phone') {
      if (!/^\d{8,15}$/.test(draft.phone)) {
        dispatch({ type: 'form-errors', errors: { phone: t('form.phoneInvalid') } });
        return;
      }
      go('confirm');
    }
  }

  async function submit(): Promise<void> {
    setBusy(true);
    setCallError(null);
    const result = await props.api.calls['requests.submit']({
      letterId: letter.id,
      answers: draft.answers,
      requirements: draft.requirements,
      phone: draft.phone,
      note: null,
    });
    setBusy(false);
    if (result.ok) {
      dispatch({ type: 'submitted', submitted: result.value });
    } else if (result.error.code === 'validation' && result.error.fields) {
      dispatch({ type: 'form-errors', errors: result.error.fields });
      go('fields');
    } else {
      setCallError(result.error);
    }
  }

  const fieldLabel = (name: string) => letter.fields.find((f) => f.name === name)?.label ?? name;
  const requirementChoice = (id: number, value: string) =>
    value === BRING_ORIGINAL
      ? t('form.bringOriginal')
      : t('form.useDocument', { name: letter.requirements.find((r) => r.id === id)?.documents.find((d) => d.value === value)?.label ?? value });

  const titles: Record<FormStep, string> = {
    fields: t('form.fieldsTitle'),
    requirements: t('form.requirementsTitle'),
    phone: t('form.phoneTitle'),
    confirm: t('form.confirmTitle'),
  };
  const editedField = letter.fields.find((f) => f.name === editing);

  return (
    <>
      <StepFrame
        step={STEP_NUMBER[draft.step]}
        totalSteps={5}
        title={titles[draft.step]}
        hint={t('letters.letterName', { name: letter.name })}
        banner={<ResidentBanner resident={resident} />}
        primaryLabel={draft.step === 'confirm' ? (busy ? t('form.saving') : t('form.submit')) : t('nav.next')}
        primaryDisabled={busy}
        onPrimary={draft.step === 'confirm' ? () => void submit() : next}
        onBack={back}
        onCancel={props.onCancel}
      >
        {draft.step === 'fields' && (
          <div className="fields">
            {letter.fields.length === 0 && <p className="step-hint">{t('form.noFields')}</p>}
            {letter.fields.map((field) => (
              <button
                key={field.name}
                type="button"
                className={draft.errors[field.name] ? 'field-card field-card-error' : 'field-card'}
                onClick={() => setEditing(field.name)}
              >
                <span className="field-label">
                  {field.label}
                  {field.required ? ` ${t('form.required')}` : ` ${t('form.optional')}`}
                </span>
                <span className="field-value">{draft.answers[field.name] || t('form.tapToFill')}</span>
                {draft.errors[field.name] && (
                  <span className="field-error" role="alert">
                    ! {draft.errors[field.name]}
                  </span>
                )}
              </button>
            ))}
          </div>
        )}

        {draft.step === 'requirements' && (
          <div className="requirements">
            {letter.requirements.length === 0 && <p className="step-hint">{t('form.noRequirements')}</p>}
            {letter.requirements.map((requirement) => (
              <fieldset key={requirement.id} className="requirement">
                <legend>{requirement.name}</legend>
                {[{ label: t('form.bringOriginal'), value: BRING_ORIGINAL }, ...requirement.documents.map((d) => ({ label: t('form.useDocument', { name: d.label }), value: d.value }))].map((choice) => (
                  <button
                    key={choice.value}
                    type="button"
                    className="choice"
                    aria-pressed={(draft.requirements[String(requirement.id)] ?? BRING_ORIGINAL) === choice.value}
                    onClick={() => dispatch({ type: 'requirement', id: requirement.id, value: choice.value })}
                  >
                    {choice.label}
                  </button>
                ))}
              </fieldset>
            ))}
          </div>
        )}

        {draft.step === 'phone' && (
          <div className="entry">
            <p className="step-hint">{t('form.phoneHint')}</p>
            <output className="entry-value" aria-label={t('form.phoneTitle')}>
              {draft.phone || '\u00a0'}
            </output>
            {draft.errors.phone && (
              <p className="notice" role="alert">
                {draft.errors.phone}
              </p>
            )}
            <NumericKeypad
              onDigit={(d) => dispatch({ type: 'phone', phone: draft.phone + d })}
              onDelete={() => dispatch({ type: 'phone', phone: draft.phone.slice(0, -1) })}
              onClear={() => dispatch({ type: 'phone', phone: '' })}
            />
          </div>
        )}

        {draft.step === 'confirm' && (
          <div className="summary">
            <dl>
              <dt>{t('form.letter')}</dt>
              <dd>{letter.name}</dd>
              {Object.entries(draft.answers)
                .filter(([, value]) => value !== '')
                .map(([name, value]) => (
                  <div key={name} className="summary-row">
                    <dt>{fieldLabel(name)}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              {letter.requirements.map((requirement) => (
                <div key={requirement.id} className="summary-row">
                  <dt>{requirement.name}</dt>
                  <dd>{requirementChoice(requirement.id, draft.requirements[String(requirement.id)] ?? BRING_ORIGINAL)}</dd>
                </div>
              ))}
              <dt>{t('form.phoneTitle')}</dt>
              <dd>{draft.phone}</dd>
            </dl>
            <p className="step-hint">{resident.online ? t('form.willSend') : t('form.willSendLater')}</p>
            {callError && (
              <p className="notice" role="alert">
                {errorText(t, i18n.language, callError)}
              </p>
            )}
          </div>
        )}
      </StepFrame>
      {editedField && (
        <FieldEditor
          field={editedField}
          value={draft.answers[editedField.name] ?? ''}
          onCancel={() => setEditing(null)}
          onSave={(value) => {
            dispatch({ type: 'answer', name: editedField.name, value });
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
