import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startSessionCheck } from './app.tsx';
import { initI18n } from './i18n/i18n.ts';
import { fetchCatalogue } from './metrics-explorer/metrics-api.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The start-up requests go out together, while the labels load, instead of one after the other
// (issue #7): the session check, and on the dashboard (/) the metric catalogue its cards need.
startSessionCheck();
if (window.location.pathname === '/') fetchCatalogue({ early: true }).catch(() => undefined); // the dashboard reports a failure
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
