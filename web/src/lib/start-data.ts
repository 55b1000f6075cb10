import type { MeResponse } from '../auth/types.ts';
import type { MetricDefinition } from '../metrics-explorer/metrics-api.ts';
import { forgetOnSessionChange } from './session-caches.ts';

/**
 * The start data the server puts into index.html for a signed-in session (src/http/web-start-data.ts):
 * the answers of GET /auth/me, GET /settings/reporting-currency and, for the roles that may read it,
 * GET /metrics, so the first page's data requests go out at start-up instead of after those round
 * trips (issue #7).
 */
type StartData = { me?: MeResponse; metrics?: { data: MetricDefinition[] }; reportingCurrency?: { reportingCurrency: string | null } };

const ELEMENT_ID = 'revline-start-data';

let startData: StartData | null | undefined;
// The page was served for the user signed in then: after a sign-out or another sign-in its catalogue is not the new user's.
forgetOnSessionChange(() => {
  if (readStartData()) delete startData?.metrics;
});

function readStartData(): StartData | null {
  if (startData !== undefined) return startData;
  const text = typeof document === 'undefined' ? '' : (document.getElementById(ELEMENT_ID)?.textContent ?? '');
  try {
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    startData = typeof parsed === 'object' && parsed !== null ? (parsed as StartData) : null;
  } catch {
    startData = null; // the page asks the API instead
  }
  return startData;
}

/**
 * The session as the page was served, once: the first session check takes it instead of asking
 * GET /auth/me. Later checks (after signing out and in again) ask the server.
 */
export function takeStartSession(): MeResponse | null {
  const me = readStartData()?.me ?? null;
  if (startData) delete startData.me;
  return me;
}

/** The metric catalogue as the page was served (it changes only with a deploy, which serves a new page), or null. */
export function findStartCatalogue(): MetricDefinition[] | null {
  const data = readStartData()?.metrics?.data;
  return Array.isArray(data) ? data : null;
}

/** The company reporting currency as the page was served (null: none set), or undefined when the page does not carry it. */
export function findStartReportingCurrency(): string | null | undefined {
  const setting = readStartData()?.reportingCurrency;
  if (setting === undefined) return undefined;
  return typeof setting.reportingCurrency === 'string' ? setting.reportingCurrency : null;
}
