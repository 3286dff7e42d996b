import { render } from '@testing-library/react';
import { useCallback, useReducer, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../src/renderer/i18n';
import { kioskReducer, type KioskAction, type KioskState } from '../../src/renderer/kiosk-state';

/**
 * Renders a screen on the kiosk reducer as App does, without App around it:
 * `draw` gets the state and a dispatch; the test reads the state and every
 * action the screen sent. The language starts as given and is switched on the
 * returned i18n instance (or with the screen's own "English" button).
 */
export function renderOnReducer(start: KioskState, draw: (state: KioskState, dispatch: (action: KioskAction) => void) => ReactNode, language: 'id' | 'en' = 'id') {
  const sent: KioskAction[] = [];
  const now = { state: start };
  function Harness() {
    const [state, dispatch] = useReducer(kioskReducer, start);
    now.state = state;
    // Stable, as App's is: screens keep callbacks built on it in their effects' dependencies.
    const send = useCallback((action: KioskAction) => {
      sent.push(action);
      dispatch(action);
    }, []);
    return draw(state, send);
  }
  const i18n = createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <Harness />
    </I18nextProvider>,
  );
  return { sent, state: () => now.state, i18n };
}
