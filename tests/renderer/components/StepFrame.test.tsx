import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ERRAND_STEPS, StepFrame, type ErrandStep } from '../../../src/renderer/components/StepFrame';
import { createI18n } from '../../../src/renderer/i18n';

afterEach(cleanup);

function renderFrame(step: ErrandStep | undefined, language: 'id' | 'en' = 'id') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <StepFrame {...(step ? { step } : {})} title="Judul" onBack={() => {}} onCancel={() => {}}>
        <p>Isi</p>
      </StepFrame>
    </I18nextProvider>,
  );
}

describe('the errand steps', () => {
  it('are one sequence from signing in to the result, each named once', () => {
    expect(ERRAND_STEPS).toEqual(['sign-in', 'choose-letter', 'fill-in', 'check', 'done']);
    expect(new Set(ERRAND_STEPS).size).toBe(ERRAND_STEPS.length);
  });

  it('number each step by its place, of the same total, with no gap', () => {
    const shown = ERRAND_STEPS.map((step) => {
      const { unmount } = renderFrame(step);
      const text = document.querySelector('.step-progress')?.textContent;
      unmount();
      return text;
    });
    expect(shown).toEqual(['Langkah 1 dari 5', 'Langkah 2 dari 5', 'Langkah 3 dari 5', 'Langkah 4 dari 5', 'Langkah 5 dari 5']);
    renderFrame('check', 'en');
    expect(screen.getByText('Step 4 of 5')).toBeTruthy();
  });

  it('show no count on a screen outside the errand', () => {
    renderFrame(undefined);
    expect(document.querySelector('.step-progress')).toBeNull();
  });
});
