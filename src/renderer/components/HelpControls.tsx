import { createContext, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { ToolButton } from './ToolButton';
import { formatDateTime } from '../date-locale';

/**
 * What the header's tools need from App: the help for the screen the resident
 * is on, how to call staff, and the session's display choices ("Huruf besar",
 * "Kontras tinggi"; reset when the session ends).
 */
export interface HelpContextValue {
  /** Bantuan's words for this screen (App: `help.<topic>`, or the result screen's own words). */
  helpText: string;
  callStaff(): void;
  largeText: boolean;
  toggleLargeText(): void;
  highContrast: boolean;
  toggleHighContrast(): void;
  /** A voice for the current language is installed: "Dengarkan" is offered. */
  canSpeak: boolean;
  /** Speaks this screen's prompt (App: `voice.<topic>`, or the result screen's own words). */
  speak(): void;
  /** The kiosk runs against the demo village: every screen says so, beside the tools. */
  demoMode: boolean;
}

export const HelpContext = createContext<HelpContextValue>({
  helpText: '',
  callStaff: () => {},
  largeText: false,
  toggleLargeText: () => {},
  highContrast: false,
  toggleHighContrast: () => {},
  canSpeak: false,
  speak: () => {},
  demoMode: false,
});

/**
 * "MODE DEMO" on a demo kiosk, first in the row of tools: in the row it takes
 * its own room, so it never lies over a tool or the title.
 */
export function DemoBadge() {
  const { t } = useTranslation();
  const tools = useContext(HelpContext);
  if (!tools.demoMode) return null;
  return (
    <p className="demo-badge" aria-label={t('demo.label')}>
      {t('demo.badge')}
    </p>
  );
}

/** "Dengarkan": this screen's short prompt, spoken (only where the kiosk has a voice for the language). */
export function ListenButton() {
  const { t } = useTranslation();
  const tools = useContext(HelpContext);
  if (!tools.canSpeak) return null;
  return (
    <ToolButton className="listen-button" onClick={tools.speak}>
      {t('voice.listen')}
    </ToolButton>
  );
}

/** "Huruf besar" and "Kontras tinggi": on/off buttons, pressed while on. */
export function DisplayToggles() {
  const { t } = useTranslation();
  const tools = useContext(HelpContext);
  return (
    <>
      <ToolButton className="display-toggle" pressed={tools.largeText} onClick={tools.toggleLargeText}>
        {t('display.largeText')}
      </ToolButton>
      <ToolButton className="display-toggle" pressed={tools.highContrast} onClick={tools.toggleHighContrast}>
        {t('display.highContrast')}
      </ToolButton>
    </>
  );
}

/**
 * "Bantuan": what to do on this screen in two short sentences, and "Panggil
 * petugas" for someone to come. On every resident screen, beside the language.
 */
export function HelpButton() {
  const { t } = useTranslation();
  const help = useContext(HelpContext);
  const [open, setOpen] = useState(false);
  return (
    <>
      <ToolButton className="help-button" onClick={() => setOpen(true)}>
        {t('help.button')}
      </ToolButton>
      {open && (
        <div className="idle-warning" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(event) => event.stopPropagation()}>
          <div className="idle-card">
            <h2 id="help-title">{t('help.title')}</h2>
            <p>{help.helpText}</p>
            <div className="editor-actions">
              <button type="button" className="primary" onClick={() => setOpen(false)}>
                {t('help.close')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setOpen(false);
                  help.callStaff();
                }}
              >
                {t('help.callStaff')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

/** The header's corner on every resident screen (the attract screen places it with its own class): listen, help, contrast and the language. */
export function ScreenTools({ className = 'screen-tools' }: { className?: string }) {
  return (
    <div className={className}>
      <DemoBadge />
      <ListenButton />
      <HelpButton />
      <DisplayToggles />
      <LanguageSwitch />
    </div>
  );
}

/** Until staff dismiss it: someone at the kiosk asked for help. */
export function StaffNotice(props: { calledAt: Date; timeZone: string; onDismiss(): void }) {
  const { t, i18n } = useTranslation();
  const time = formatDateTime(i18n.language, props.calledAt, { timeStyle: 'short', timeZone: props.timeZone });
  return (
    <div className="staff-notice" role="status">
      <p>{t('help.staffCalled', { time })}</p>
      <button type="button" className="secondary" onClick={props.onDismiss}>
        {t('help.dismiss')}
      </button>
    </div>
  );
}
