import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startSessionCheck } from './app.tsx';
import { initI18n } from './i18n/i18n.ts';
import { METRIC_READERS, prefetchDashboardReports } from './dashboard/dashboard-reports.ts';
import { hasCsrfToken, setCsrfToken } from './lib/api.ts';
import { fetchCompanyCurrency } from './metrics-explorer/company-currency.ts';
import { preloadChart } from './metrics-explorer/lazy-chart.tsx';
import { fetchCatalogue } from './metrics-explorer/metrics-api.ts';
import { findStartCatalogue } from './lib/start-data.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The start-up requests go out together, while the labels load, instead of one after the other
// (issue #7): the session check, and on the dashboard (/) the metric catalogue its cards need, then
// its reports (dashboard-reports.ts), in the company reporting currency when the URL names none.
// For a signed-in session the page as served carries the session, the catalogue and that currency
// (lib/start-data.ts), so the reports go out at once, with no round trip before them. Without it, they wait for the catalogue's answer: the server computes them on one
// thread and database, and a catalogue queued behind them would hold back every card (measured:
// seconds at 200 customers). They are POSTs and need the CSRF token: kept by this tab since
// sign-in (a reload), else brought by the session check. A stale token only fails the prefetch:
// the cards then ask again, and the session check handles an ended session.
const session = startSessionCheck();
if (window.location.pathname === '/' && session !== null) {
  // Only for a role the metrics API answers: a sales rep's home page asks nothing it would be refused.
  // The session is known at once when the page was served with it (lib/start-data.ts).
  const reader = session.then((me) => (me.user && METRIC_READERS.includes(me.user.role) ? me : null));
  const catalogue = findStartCatalogue() !== null ? fetchCatalogue({ early: true })
    : reader.then((me) => (me ? fetchCatalogue({ early: true }) : []));
  catalogue.catch(() => undefined); // the dashboard reports a failure
  const csrfKnown = reader.then((me) => {
    if (!me) return false;
    if (hasCsrfToken()) return true;
    if (!me.csrfToken) return false;
    setCsrfToken(me.csrfToken);
    return true;
  });
  const companyCurrency = fetchCompanyCurrency({ early: true }); // never fails: none known counts as none
  Promise.all([csrfKnown, catalogue, companyCurrency])
    .then(([canAsk]) => {
      if (canAsk && window.location.pathname === '/') prefetchDashboardReports(new URLSearchParams(window.location.search));
    })
    .catch(() => undefined) // App's session check and the dashboard handle failures
    // The chart chunk (modulepreloaded by index.html) runs its set-up while the reports are
    // computed: after they are asked for, as its evaluation is a long task that would delay them.
    .finally(() => void preloadChart().catch(() => undefined)); // a chart retries a failed load
}
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
