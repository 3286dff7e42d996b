import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpContext, ScreenTools, type HelpContextValue } from '../../../src/renderer/components/HelpControls';
import { createI18n } from '../../../src/renderer/i18n';

afterEach(cleanup);

const tools: HelpContextValue = {
  topic: 'menu',
  field: null,
  callStaff: () => {},
  largeText: false,
  toggleLargeText: () => {},
  highContrast: false,
  toggleHighContrast: () => {},
  canSpeak: false,
  speak: () => {},
  demoMode: true,
};

function renderTools(value: HelpContextValue) {
  return render(
    <I18nextProvider i18n={createI18n('id')}>
      <HelpContext.Provider value={value}>
        <ScreenTools />
      </HelpContext.Provider>
    </I18nextProvider>,
  );
}

describe('ScreenTools', () => {
  it('puts "MODE DEMO" first in the row of tools on a demo kiosk, where it takes its own room', () => {
    const { container } = renderTools(tools);
    const badge = screen.getByText('MODE DEMO');
    expect(badge.parentElement).toBe(container.querySelector('.screen-tools'));
    expect(badge.parentElement?.firstElementChild).toBe(badge);
    expect(badge.getAttribute('aria-label')).toBe('Mode demo: data contoh, bukan data desa');
  });

  it('shows no badge on a kiosk in service', () => {
    renderTools({ ...tools, demoMode: false });
    expect(screen.queryByText('MODE DEMO')).toBeNull();
  });
});
