import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n';
import { AdminApp, leaveAdmin } from './AdminApp';
import { createAdminApi } from './admin-api';
import { turnOffContextMenu } from '../no-context-menu';
import '../styles.css';
import './admin.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

turnOffContextMenu();
// Admin is for technicians, in Bahasa Indonesia.
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={createI18n('id')}>
      <AdminApp api={createAdminApi()} onLeave={leaveAdmin} />
    </I18nextProvider>
  </StrictMode>,
);
