import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, it } from 'vitest';
import { createI18n } from '../../../src/renderer/i18n';
import { ReceiptStatusScreen } from '../../../src/renderer/screens/ReceiptStatusScreen';
import { createFakeBridge } from '../fake-bridge';

afterEach(cleanup);

it('writes when a scanned receipt\'s request was made as the other resident screens do', async () => {
  const fake = createFakeBridge();
  const value = { reference: 'ADM01-261129-7KQ3M', letterName: 'Keterangan Domisili', createdAt: '2026-11-29T02:55:00.000Z', queueNumber: 'A-007', localState: null, statusCode: 1 };
  Object.assign(fake.bridge.calls, { 'requests.receiptStatus': async () => ({ ok: true, value }) });
  render(
    <I18nextProvider i18n={createI18n('id')}>
      <ReceiptStatusScreen api={fake.bridge} reference={value.reference} timeZone="Asia/Jakarta" signedIn={false} takesSignIn onLatest={() => {}} onClose={() => {}} />
    </I18nextProvider>,
  );
  expect(await screen.findByText('29 November 2026, 09.55')).toBeTruthy();
});
