import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApi } from './api';
import { captureReaderKeys } from './key-capture';
import { App } from './App';
import { createI18n } from './i18n';
import { turnOffContextMenu } from './no-context-menu';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

turnOffContextMenu();
const api = createApi();
// In Electron the shell captures keys before the page; in the web host the page does.
if (!window.adm) captureReaderKeys(api);

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={createI18n()}>
      <App api={api} />
    </I18nextProvider>
  </StrictMode>,
);
