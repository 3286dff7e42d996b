import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge } from '../../shared/admin-contract';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../../shared/admin-pin';
import type { LetterField } from '../../shared/contract';
import type { CallError } from '../../shared/result';
import { FieldEditor } from '../components/FieldEditor';
import { NumericKeypad } from '../components/NumericKeypad';
import { errorText } from '../error-text';
import { say, type Wording } from '../wording';
import { useLoaded } from '../hooks/use-loaded';
import { AdminHeader, type AdminPage } from './AdminHeader';

type PinStep = 'current' | 'next' | 'confirm';

/** Keamanan: change the admin PIN, and register or remove technician cards. */
export function AdminSecurityScreen(props: { api: AdminBridge; actor: string; onNavigate(page: AdminPage): void; onLeave(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const loadCards = useCallback(() => api.calls['admin.cards']({}), [api]);
  const cards = useLoaded(loadCards);
  const [step, setStep] = useState<PinStep | null>(null);
  const [pins, setPins] = useState({ current: '', next: '', confirm: '' });
  const [message, setMessage] = useState<{ error: CallError | null; text: Wording | null }>({ error: null, text: null });
  const [naming, setNaming] = useState(false);

  const typing = step ? pins[step] : '';
  const setTyping = (value: string) => step && setPins((all) => ({ ...all, [step]: value }));

  async function nextStep(): Promise<void> {
    if (step === 'current') return setStep('next');
    if (step === 'next') return setStep('confirm');
    if (pins.next !== pins.confirm) {
      setMessage({ error: null, text: { key: 'admin.pinMismatch' } });
      setPins({ ...pins, next: '', confirm: '' });
      return setStep('next');
    }
    const result = await api.calls['admin.changePin']({ current: pins.current, next: pins.next });
    setPins({ current: '', next: '', confirm: '' });
    setStep(null);
    setMessage(result.ok ? { error: null, text: { key: 'admin.security.pinChanged' } } : { error: result.error, text: null });
  }

  const nameField: LetterField = { type: 'text', name: 'label', label: t('admin.security.cardLabel'), required: true, placeholder: null, options: [] };
  return (
    <main className="step admin">
      <AdminHeader page="security" actor={props.actor} onNavigate={props.onNavigate} onLeave={props.onLeave} />
      <section className="step-body admin-body" tabIndex={0}>
        {(message.error || message.text) && (
          <p className="notice" role={message.error ? 'alert' : 'status'}>
            {message.error ? errorText(t, message.error) : message.text && say(t, message.text)}
          </p>
        )}
        <h2>{t('admin.security.pinTitle')}</h2>
        {step === null ? (
          <button type="button" className="primary" onClick={() => setStep('current')}>
            {t('admin.security.changePin')}
          </button>
        ) : (
          <div className="admin-pin-change">
            <p className="step-hint">{t(`admin.security.step.${step}`)}</p>
            <p className="entry">
              <span className="entry-value" aria-label={t('admin.digits', { count: typing.length })}>
                {typing.length === 0 ? '\u00a0' : '\u25cf'.repeat(typing.length)}
              </span>
            </p>
            <NumericKeypad
              onDigit={(digit) => typing.length < ADMIN_PIN_MAX && setTyping(typing + digit)}
              onDelete={() => setTyping(typing.slice(0, -1))}
              onClear={() => setTyping('')}
            />
            <div className="admin-setting-actions">
              <button type="button" className="secondary step-cancel" onClick={() => setStep(null)}>
                {t('admin.cancel')}
              </button>
              <button type="button" className="primary" disabled={typing.length < ADMIN_PIN_MIN} onClick={() => void nextStep()}>
                {step === 'confirm' ? t('admin.security.savePin') : t('admin.next')}
              </button>
            </div>
          </div>
        )}
        <h2>{t('admin.security.cardsTitle')}</h2>
        <p>{t('admin.security.cardsHint')}</p>
        <ul className="admin-failed">
          {cards.value?.cards.map((card) => (
            <li key={card.label}>
              <span>{card.label}</span>
              <button
                type="button"
                className="secondary step-cancel"
                aria-label={t('admin.security.removeWhat', { label: card.label })}
                onClick={() =>
                  void api.calls['admin.removeCard']({ label: card.label }).then((result) => {
                    if (!result.ok) setMessage({ error: result.error, text: null });
                    cards.reload();
                  })
                }
              >
                {t('admin.security.remove')}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="secondary" onClick={() => setNaming(true)}>
          {t('admin.security.register')}
        </button>
      </section>
      {naming && (
        <FieldEditor
          field={nameField}
          value=""
          timeZone="Asia/Jakarta"
          onCancel={() => setNaming(false)}
          onSave={(label) => {
            setNaming(false);
            void api.calls['admin.registerCard']({ label }).then((result) => {
              setMessage(result.ok ? { error: null, text: { key: 'admin.security.registered', params: { label } } } : { error: result.error, text: null });
              cards.reload();
            });
          }}
        />
      )}
    </main>
  );
}
