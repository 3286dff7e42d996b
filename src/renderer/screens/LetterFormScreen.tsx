import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentifiedResident, KioskBridge } from '../../shared/contract';
import { BRING_ORIGINAL, checkAnswers, firstMissingField } from '../../shared/letter-form';
import { isValidPhone } from '../../shared/phone';
import type { CallError } from '../../shared/result';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FieldEditor, type EditorFrame } from '../components/FieldEditor';
import { NumericKeypad } from '../components/NumericKeypad';
import { ResidentBanner } from '../components/ResidentBanner';
import { StepFrame, type ErrandStep } from '../components/StepFrame';
import type { FormStep, KioskAction, LetterDraft } from '../kiosk-state';
import { errorText, fieldProblemText } from '../error-text';
import { PHONE_PROBLEM } from '../../shared/phone';
import { letterDisplayName } from '../letter-name';

/** The summary is the errand's "check" step; everything before it is filling in. */
const ERRAND_STEP: Record<FormStep, ErrandStep> = { fields: 'fill-in', requirements: 'fill-in', phone: 'fill-in', confirm: 'check' };

/**
 * The request itself, generated from the server's form: the letter's fields,
 * the requirements (bring the original paper, or one of the resident's
 * uploaded documents), the phone number, and a summary to confirm.
 *
 * Few taps: picking a letter opens its first required field in the editor
 * (a step screen of its own, in the form's frame), and each "Simpan" opens
 * the next one; after the last, a step that already has its
 * answer (requirements always have one, a phone number from the server) is
 * not shown again but listed on the summary, each row with "Ubah". "Lanjut"
 * on an incomplete form opens the first field still missing.
 */
export function LetterFormScreen(props: {
  api: KioskBridge;
  resident: IdentifiedResident;
  draft: LetterDraft;
  dispatch(action: KioskAction): void;
  onBackToList(): void;
  onCancel(): void;
  /** The kiosk's zone: "today" in the date picker is the kiosk's today. */
  timeZone: string;
  /** The village office's number for residents without a phone, or null (then the choice is not offered). */
  officePhone: string | null;
}) {
  const { t } = useTranslation();
  const { draft, dispatch, resident } = props;
  const { letter } = draft;
  // A fresh form starts in its first required field (the reducer opens it); "walking" goes on to the next one after each Simpan.
  const [walking, setWalking] = useState(draft.editing !== null);
  const setEditing = (name: string | null) => dispatch({ type: 'edit-field', name });
  // A step opened with "Ubah" from the summary goes back to it.
  const [fromSummary, setFromSummary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [callError, setCallError] = useState<CallError | null>(null);
  const go = (step: FormStep) => dispatch({ type: 'form-step', step });

  function back(): void {
    if (fromSummary && draft.step !== 'confirm') {
      setFromSummary(false);
      go('confirm');
      return;
    }
    if (draft.step === 'fields') props.onBackToList();
    else go('fields');
  }

  /** After the fields: the phone if it still needs typing, else straight to the summary. */
  function afterFields(answers: Record<string, string>): void {
    const problems = checkAnswers(letter.fields, answers);
    const missing = Object.keys(problems);
    if (missing.length > 0) {
      dispatch({ type: 'form-errors', errors: problems });
      // Straight into the first field still missing, and on through the rest.
      setEditing(letter.fields.find((f) => missing.includes(f.name))?.name ?? null);
      setWalking(true);
      return;
    }
    go(phoneReady() ? 'confirm' : 'phone');
  }

  const phoneReady = () => draft.noPhone || isValidPhone(draft.phone);

  function next(): void {
    if (draft.step === 'fields') {
      afterFields(draft.answers);
    } else if (draft.step === 'requirements') {
      setFromSummary(false);
      go(phoneReady() ? 'confirm' : 'phone');
    } else if (draft.step === 'phone') {
      if (!isValidPhone(draft.phone)) {
        dispatch({ type: 'form-errors', errors: { phone: PHONE_PROBLEM } });
        return;
      }
      setFromSummary(false);
      go('confirm');
    }
  }

  function saveField(name: string, value: string): void {
    dispatch({ type: 'answer', name, value });
    const answers = { ...draft.answers, [name]: value };
    if (!walking) {
      setEditing(null);
      return;
    }
    const following = firstMissingField(letter.fields, answers);
    setEditing(following);
    if (following === null) {
      setWalking(false);
      afterFields(answers);
    }
  }

  function change(step: FormStep): void {
    setFromSummary(true);
    go(step);
  }

  async function submit(): Promise<void> {
    setBusy(true);
    setCallError(null);
    const result = await props.api.calls['requests.submit']({
      letterId: letter.id,
      answers: draft.answers,
      requirements: draft.requirements,
      phone: draft.phone,
      noPhone: draft.noPhone,
      note: null,
    });
    setBusy(false);
    if (result.ok) {
      dispatch({ type: 'submitted', submitted: result.value });
    } else if (result.error.code === 'validation' && result.error.fields) {
      const fields = result.error.fields;
      dispatch({ type: 'form-errors', errors: fields });
      // Back to where the first problem is: the answers, or the phone number.
      go(Object.keys(fields).some((name) => name !== 'phone') ? 'fields' : 'phone');
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
  const editedField = letter.fields.find((f) => f.name === draft.editing);
  // The form's frame, shared by the field editor: the same step, letter, resident and "Batalkan permohonan".
  const frame: EditorFrame = {
    step: ERRAND_STEP[draft.step],
    hint: letterDisplayName(t, letter.name),
    banner: <ResidentBanner resident={resident} />,
    // In the editor the resident may have typed something not yet saved: ask there too.
    onCancel: () => (hasAnswers(draft) || editedField ? setConfirmDiscard(true) : props.onCancel()),
    cancelLabel: t('form.discard'),
  };

  const discardDialog = confirmDiscard && (
    <ConfirmDialog
      id="discard"
      title={t('form.discardTitle')}
      body={t('form.discardBody', { name: letterDisplayName(t, letter.name) })}
      keepLabel={t('form.keepFilling')}
      confirmLabel={t('form.discardYes')}
      onKeep={() => setConfirmDiscard(false)}
      onConfirm={props.onCancel}
    />
  );

  if (editedField) {
    return (
      <>
        <FieldEditor
          key={editedField.name}
          field={editedField}
          value={draft.answers[editedField.name] ?? ''}
          timeZone={props.timeZone}
          // Changing a field, also from the check step's "Ubah", is filling in.
          frame={{ ...frame, step: 'fill-in' }}
          onCancel={() => {
            setWalking(false);
            setEditing(null);
          }}
          onSave={(value) => saveField(editedField.name, value)}
        />
        {discardDialog}
      </>
    );
  }

  return (
    <>
      <StepFrame
        {...frame}
        title={titles[draft.step]}
        primaryLabel={draft.step === 'confirm' ? (busy ? t('form.saving') : t('form.submit')) : t('nav.next')}
        primaryDisabled={busy}
        onPrimary={draft.step === 'confirm' ? () => void submit() : next}
        onBack={back}
        bodyClassName={draft.step === 'phone' ? 'keypad-body' : undefined}
      >
        {draft.step === 'fields' && (
          <div className="fields">
            {letter.fields.length === 0 && <p className="step-hint">{t('form.noFields')}</p>}
            {letter.fields.map((field) => {
              const problem = draft.errors[field.name];
              return (
                <button
                  key={field.name}
                  type="button"
                  className={problem ? 'field-card field-card-error' : 'field-card'}
                  onClick={() => setEditing(field.name)}
                >
                  <span className="field-label">
                    {field.label}
                    {field.required ? ` ${t('form.required')}` : ` ${t('form.optional')}`}
                  </span>
                  <span className="field-value">{draft.answers[field.name] || t('form.tapToFill')}</span>
                  {problem && (
                    <span className="field-error" role="alert">
                      ! {fieldProblemText(t, problem)}
                    </span>
                  )}
                </button>
              );
            })}
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
          <>
            <div className="keypad-side entry">
              <p className="step-hint">{t('form.phoneHint')}</p>
              <output className="entry-value" aria-label={t('form.phoneTitle')}>
                {draft.phone || '\u00a0'}
              </output>
              {draft.errors.phone && (
                <p className="notice" role="alert">
                  {fieldProblemText(t, draft.errors.phone)}
                </p>
              )}
              {props.officePhone && (
                <button
                  type="button"
                  className="secondary wide"
                  onClick={() => {
                    setFromSummary(false);
                    dispatch({ type: 'no-phone' });
                  }}
                >
                  {t('form.noPhone')}
                </button>
              )}
            </div>
            <NumericKeypad
              onDigit={(d) => dispatch({ type: 'phone', phone: draft.phone + d })}
              onDelete={() => dispatch({ type: 'phone', phone: draft.phone.slice(0, -1) })}
              onClear={() => dispatch({ type: 'phone', phone: '' })}
            />
          </>
        )}

        {draft.step === 'confirm' && (
          <div className="summary">
            <dl>
              {letter.fields.map((field) => (
                <div key={field.name} className="summary-row">
                  <dt>{fieldLabel(field.name)}</dt>
                  <dd>
                    <span>{draft.answers[field.name] || '-'}</span>
                    <button type="button" className="secondary summary-change" aria-label={t('form.changeWhat', { what: field.label })} onClick={() => setEditing(field.name)}>
                      {t('form.change')}
                    </button>
                  </dd>
                </div>
              ))}
              {letter.requirements.map((requirement) => (
                <div key={requirement.id} className="summary-row">
                  <dt>{requirement.name}</dt>
                  <dd>
                    <span>{requirementChoice(requirement.id, draft.requirements[String(requirement.id)] ?? BRING_ORIGINAL)}</span>
                    {requirement.documents.length > 0 && (
                      <button type="button" className="secondary summary-change" aria-label={t('form.changeWhat', { what: requirement.name })} onClick={() => change('requirements')}>
                        {t('form.change')}
                      </button>
                    )}
                  </dd>
                </div>
              ))}
              <div className="summary-row">
                <dt>{t('form.phoneTitle')}</dt>
                <dd>
                  <span>{draft.noPhone ? t('form.viaOffice', { phone: props.officePhone ?? '' }) : draft.phone}</span>
                  <button type="button" className="secondary summary-change" aria-label={t('form.changeWhat', { what: t('form.phoneTitle') })} onClick={() => change('phone')}>
                    {t('form.change')}
                  </button>
                </dd>
              </div>
            </dl>
            <p className="step-hint">{resident.online ? t('form.willSend') : t('form.willSendLater')}</p>
            {callError && (
              <p className="notice" role="alert">
                {errorText(t, callError)}
              </p>
            )}
          </div>
        )}
      </StepFrame>
      {discardDialog}
    </>
  );
}

/** Anything the resident typed or chose that a one-tap cancel would throw away. */
function hasAnswers(draft: LetterDraft): boolean {
  return Object.values(draft.answers).some((v) => v.trim() !== '');
}
