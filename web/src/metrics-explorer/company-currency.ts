import { useEffect, useState, useSyncExternalStore } from 'react';
import { apiRequest } from '../lib/api.ts';
import { findStartReportingCurrency } from '../lib/start-data.ts';

/**
 * The company reporting currency (GET /settings/reporting-currency, docs/metrics.md "Reporting
 * currency"): what the dashboard and the explorer report in when the URL names no currency. Known
 * from the page as served (lib/start-data.ts), else asked once; the settings page tells it of a
 * change. `undefined`: not known yet; null: none set, figures per currency.
 */
let known: string | null | undefined;
let asking: Promise<string | null> | null = null;
const listeners = new Set<() => void>();

export function knownCompanyCurrency(): string | null | undefined {
  if (known === undefined) {
    const served = findStartReportingCurrency();
    if (served !== undefined) known = served;
  }
  return known;
}

/** After a PUT (settings page): every view that follows the default follows the new one. */
export function setCompanyCurrency(currency: string | null): void {
  known = currency;
  listeners.forEach((listener) => listener());
}

/**
 * The company currency, asked once when the page was not served with it. `early`: at start-up,
 * beside the session check (main.tsx). A failed answer counts as none — the views then show
 * figures per currency, as before there was a setting — and the next caller asks again.
 */
export function fetchCompanyCurrency(options: { early?: boolean } = {}): Promise<string | null> {
  const now = knownCompanyCurrency();
  if (now !== undefined) return Promise.resolve(now);
  asking ??= apiRequest<{ reportingCurrency: string | null }>('GET', '/settings/reporting-currency', undefined, { early: options.early ?? false })
    .then((body) => {
      setCompanyCurrency(body.reportingCurrency);
      return body.reportingCurrency;
    })
    .catch(() => {
      asking = null;
      return null;
    });
  return asking;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The company currency for a view: undefined while it is being asked (the view waits rather than ask its reports twice). */
export function useCompanyCurrency(): string | null | undefined {
  const currency = useSyncExternalStore(subscribe, knownCompanyCurrency, knownCompanyCurrency);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (currency !== undefined) return undefined;
    let active = true;
    // A failed answer is not kept (the next view asks again); this view goes on per currency.
    void fetchCompanyCurrency().then(() => active && knownCompanyCurrency() === undefined && setFailed(true));
    return () => {
      active = false;
    };
  }, [currency]);
  return currency === undefined && failed ? null : currency;
}
