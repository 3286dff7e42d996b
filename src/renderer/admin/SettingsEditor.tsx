import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminBridge, ConfigFilePosition, DemoEnding, FleetIdentityView } from '../../shared/admin-contract';
import { SETTINGS_FIELDS, type SettingsField, type SettingsKey, type SettingsValue } from '../../shared/admin-settings';
import type { LetterField } from '../../shared/contract';
import { settingRange } from '../../shared/setting-ranges';
import type { CallError } from '../../shared/result';
import { FieldEditor } from '../components/FieldEditor';
import { errorText } from '../error-text';
import { useLoaded } from '../hooks/use-loaded';
import { DemoEndConfirm, demoEndingOf } from './DemoEndConfirm';

/** i18next reads dots as nesting: `kiosk.idleSeconds` is worded under `kiosk_idleSeconds`. */
const wordKey = (key: SettingsKey) => key.replaceAll('.', '_');

export type FieldChoices = Partial<Record<SettingsKey, Array<{ value: string; label: string }>>>;

/**
 * One group of settings, a row each. "Ubah" opens the same editor residents
 * use for a form field; changes wait until "Simpan perubahan", which saves
 * all of them or, if the core refuses one, none (its problem is shown on its
 * row). `choices` gives the options found at run time (devices, profiles).
 * The outcome is said beside "Simpan perubahan", where the technician is
 * looking; a refused value's row is scrolled to and its button focused. On a
 * demo kiosk the first save asks first (`DemoEndConfirm`).
 */
export function SettingsEditor(props: { api: AdminBridge; group: SettingsField['group']; choices?: FieldChoices; onSaved?(): void }) {
  const { t } = useTranslation();
  const { api } = props;
  const load = useCallback(() => api.calls['admin.settings']({}), [api]);
  const { value: loaded, error: loadError } = useLoaded(load);
  const [saved, setSaved] = useState<Record<SettingsKey, SettingsValue> | null>(null);
  const [savedIdentity, setSavedIdentity] = useState<FleetIdentityView | null>(null);
  const [changes, setChanges] = useState<Partial<Record<SettingsKey, SettingsValue>>>({});
  const [editing, setEditing] = useState<SettingsField | null>(null);
  const [refusal, setRefusal] = useState<CallError | null>(null);
  const [done, setDone] = useState(false);
  const [ending, setEnding] = useState<DemoEnding | null>(null);
  const [busy, setBusy] = useState(false);
  const current = saved ?? loaded?.values ?? null;
  const identity = savedIdentity ?? loaded?.identity ?? null;
  // A config.json the core cannot parse is never saved over: the technician fixes the file first.
  const unreadableAtLoad = unreadableFileError(loaded?.unreadableFile ?? null);
  const unreadable = refusal?.code === 'config-unreadable' ? refusal : unreadableAtLoad;
  const rowButtons = useRef(new Map<SettingsKey, HTMLButtonElement>());
  const saveBar = useRef<HTMLDivElement>(null);
  const fields = SETTINGS_FIELDS.filter((field) => field.group === props.group);
  const firstRefused = fields.find((field) => refusal?.fields?.[field.key])?.key ?? null;

  // The list is long and Save is below it: a refused value is brought into view, with its button focused;
  // any other outcome is kept in view with the buttons (the message above them must not push them out of sight).
  useEffect(() => {
    if (firstRefused !== null) {
      const button = rowButtons.current.get(firstRefused);
      button?.scrollIntoView({ block: 'center' });
      button?.focus();
    } else if (refusal || done) {
      saveBar.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [refusal, firstRefused, done]);

  const label = (field: SettingsField) => t(`admin.settings.fields.${wordKey(field.key)}`);
  const optionsOf = (field: SettingsField) =>
    props.choices?.[field.key] ??
    ('options' in field ? field.options.map((value) => ({ value, label: 'numeric' in field ? value : t(`admin.settings.choices.${value}`) })) : []);
  const shown = (field: SettingsField, value: SettingsValue) => {
    if (typeof value === 'boolean') return value ? t('admin.settings.on') : t('admin.settings.off');
    // An empty village field takes the server's value: say which, so nobody types over it thinking it is missing.
    const served = field.key in SERVER_FILLED && identity ? identity[SERVER_FILLED[field.key as keyof typeof SERVER_FILLED]] : null;
    if ((value === null || value === '') && served?.source === 'server') return t('admin.settings.identity.emptyInUse', { value: served.value });
    if (value === null || value === '') return t('admin.settings.empty');
    return optionsOf(field).find((option) => option.value === value)?.label ?? String(value);
  };

  async function save(endDemo: boolean): Promise<void> {
    setBusy(true);
    const result = await api.calls['admin.saveSettings']({ values: changes, ...(endDemo ? { endDemo: true as const } : {}) }).finally(() => setBusy(false));
    setEnding(null);
    const asked = result.ok ? null : demoEndingOf(result.error);
    if (asked) {
      setEnding(asked);
      setRefusal(null);
      setDone(false);
      return;
    }
    if (result.ok) {
      setSaved(result.value.values);
      setSavedIdentity(result.value.identity ?? null);
      setChanges({});
      setRefusal(null);
      setDone(true);
      props.onSaved?.();
    } else {
      setRefusal(result.error);
      setDone(false);
    }
  }

  const changed = Object.keys(changes).length > 0;
  return (
    // One grid of its own, so the list, the identity and the save bar keep the touch gap wherever the editor is placed.
    <div className="admin-settings-editor">
      {loadError && (
        <p className="notice" role="alert">
          {errorText(t, loadError)}
        </p>
      )}
      {unreadableAtLoad && (
        <p className="notice" role="alert">
          {errorText(t, unreadableAtLoad)}
        </p>
      )}
      {current && (
        <ul className="admin-settings">
          {fields.map((field) => {
            const problem = refusal?.fields?.[field.key];
            // The range a resident can live with, said before anything is typed (the core refuses the rest).
            const range = field.kind === 'number' ? settingRange(field.key) : null;
            const pending = field.key in changes;
            const problemId = `setting-problem-${wordKey(field.key)}`;
            const remember = (button: HTMLButtonElement | null) => {
              if (button) rowButtons.current.set(field.key, button);
              else rowButtons.current.delete(field.key);
            };
            return (
              <li key={field.key} className={problem ? 'admin-setting admin-setting-problem' : 'admin-setting'}>
                <span className="admin-setting-label">
                  {label(field)}
                  {range && <span className="admin-setting-range">{t(`admin.settings.range.${range.unit}`, { min: range.min, max: range.max })}</span>}
                </span>
                <span className="admin-setting-value">
                  {shown(field, pending ? changes[field.key]! : current[field.key])}
                  {pending && <em> {t('admin.settings.changed')}</em>}
                  {problem && (
                    <strong id={problemId} className="admin-setting-problem-text">
                      {' '}
                      {problem === 'format'
                        ? t(`admin.settings.format.${wordKey(field.key)}`)
                        : t(`admin.settings.problem.${problem}`, { min: refusal?.params?.[`${field.key}.min`], max: refusal?.params?.[`${field.key}.max`] })}
                    </strong>
                  )}
                </span>
                {field.kind === 'switch' ? (
                  // A switch needs no editor: the button turns it the other way (saved with the rest).
                  <button
                    ref={remember}
                    type="button"
                    className="secondary"
                    aria-label={t('admin.settings.toggleWhat', { what: label(field) })}
                    aria-describedby={problem ? problemId : undefined}
                    onClick={() => {
                      const now = pending ? changes[field.key] : current[field.key];
                      setChanges((all) => ({ ...all, [field.key]: now !== true }));
                      setDone(false);
                    }}
                  >
                    {(pending ? changes[field.key] : current[field.key]) === true ? t('admin.settings.turnOff') : t('admin.settings.turnOn')}
                  </button>
                ) : (
                  <button
                    ref={remember}
                    type="button"
                    className="secondary"
                    aria-label={t('admin.settings.changeWhat', { what: label(field) })}
                    aria-describedby={problem ? problemId : undefined}
                    onClick={() => setEditing(field)}
                  >
                    {t('admin.settings.change')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {props.group === 'kiosk' && identity && <FleetIdentity identity={identity} />}
      {/* The outcome beside the buttons that caused it, not at the top of a list scrolled away. */}
      <div className="admin-save-bar" ref={saveBar}>
        {refusal && (
          <p className="notice" role="alert">
            {refusal.code === 'validation' ? t('admin.settings.refused') : errorText(t, refusal)}
          </p>
        )}
        {done && (
          <p className="notice admin-saved" role="status">
            {t('admin.settings.saved')}
          </p>
        )}
        <div className="admin-setting-actions">
          <button
            type="button"
            className="secondary step-cancel"
            disabled={!changed}
            onClick={() => {
              setChanges({});
              setRefusal(null);
            }}
          >
            {t('admin.settings.discard')}
          </button>
          <button type="button" className="primary" disabled={!changed || unreadable !== null || busy} onClick={() => void save(false)}>
            {t('admin.settings.save')}
          </button>
        </div>
      </div>
      {ending && <DemoEndConfirm ending={ending} busy={busy} onCancel={() => setEnding(null)} onConfirm={() => void save(true)} />}
      {editing && current && (
        <FieldEditor
          field={editorField(editing, label(editing), optionsOf(editing))}
          value={String((editing.key in changes ? changes[editing.key] : current[editing.key]) ?? '')}
          timeZone="Asia/Jakarta"
          onCancel={() => setEditing(null)}
          onSave={(text) => {
            setChanges((all) => ({ ...all, [editing.key]: typed(editing, text) }));
            setDone(false);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}

/** The settings an empty value leaves to the village server's profile, and the part of the identity each fills. */
const SERVER_FILLED = { 'village.code': 'kodeDesa', 'village.kecamatan': 'kecamatan', 'village.kabupaten': 'kabupaten' } as const;

/** What the kabupaten's monitoring calls this kiosk now, and where each part came from (empty settings take the server's). */
function FleetIdentity(props: { identity: FleetIdentityView }) {
  const { t } = useTranslation();
  const parts = ['kioskId', 'kodeDesa', 'kecamatan', 'kabupaten'] as const;
  return (
    <section className="admin-fleet-identity" aria-labelledby="fleet-identity-title">
      <h3 id="fleet-identity-title">{t('admin.settings.identity.title')}</h3>
      <ul className="admin-settings">
        {parts.map((key) => {
          const { value, source } = props.identity[key];
          return (
            <li key={key} className="admin-setting">
              <span className="admin-setting-label">{t(`admin.settings.identity.${key}`)}</span>
              <span className="admin-setting-value">
                {source === 'unset'
                  ? t(key === 'kioskId' ? 'admin.settings.identity.unsetKioskId' : 'admin.settings.identity.unset')
                  : `${value} (${t(`admin.settings.identity.from_${source}`)})`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function unreadableFileError(position: ConfigFilePosition | null): CallError | null {
  if (position === null) return null;
  const { line, column, reason, key } = position;
  const params = { ...(line === null || column === null ? {} : { line, column }), ...(reason ? { reason } : {}), ...(key ? { key } : {}) };
  return { code: 'config-unreadable', params: Object.keys(params).length > 0 ? params : undefined };
}

function editorField(field: SettingsField, label: string, options: Array<{ value: string; label: string }>): LetterField {
  // A device with nothing found is typed; otherwise chosen, like every list.
  const choose = field.kind === 'choice' || field.kind === 'profile' || (field.kind === 'device' && options.length > 0);
  const type = field.kind === 'number' || field.kind === 'phone' ? 'number' : choose ? 'select' : 'text';
  return { type, name: field.key, label, required: !('optional' in field && field.optional), placeholder: null, options: choose ? options : [] };
}

/** What the core is sent: numbers as numbers, an emptied optional text as none. */
function typed(field: SettingsField, text: string): SettingsValue {
  if (field.kind === 'number') return /^\d+$/.test(text) ? Number(text) : text;
  if (text === '' && 'optional' in field && field.optional) return null;
  return text;
}
