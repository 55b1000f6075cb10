/**
 * Retry schedule of the Standard Webhooks spec as run by Svix: after the first
 * failed attempt wait 5 s, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a delivery
 * that fails all eight attempts is dead (kept for the log and manual retry).
 * Subscribers use the same schedule: one rule for every delivery.
 */
const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND_MS, 5 * MINUTE_MS, 30 * MINUTE_MS, 2 * HOUR_MS, 5 * HOUR_MS, 10 * HOUR_MS, 10 * HOUR_MS];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** ±10 %: spreads retries of many deliveries that failed together (an endpoint outage) without blurring the schedule. */
export const JITTER_RATIO = 0.1;

/** How long to wait after the `attempts`-th failed attempt; null when no attempt is left. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  const baseMs = attempts >= 1 ? RETRY_DELAYS_MS[attempts - 1] : undefined;
  if (baseMs === undefined) return null;
  return Math.round(baseMs * (1 + JITTER_RATIO * (2 * random() - 1)));
}
