import { ApiError, apiRequest, type Problem } from '../lib/api.ts';
import type { MetricResult, MovementRow, ReportQuery } from '../metrics-explorer/metrics-api.ts';

/**
 * The dashboard's reports in one request (POST /metrics/batch) instead of one GET per card — two,
 * with the finance reports apart (FINANCE_REPORTS): the reports asked for while one page renders
 * (the same task, then a zero-delay timer) go together, identical ones once. Each answers its own result or its own problem (an ApiError, as a single
 * GET would throw), so one failing card does not blank the others.
 */
export const MAX_BATCH_ITEMS = 50; // src/metrics/metrics-batch.ts

type Report = MetricResult | MovementRow[];
type BatchQuery = { metric: string; from: string; to: string; interval: string; segment?: string; currency?: string; asOf?: string; explain?: true };
type BatchResult = { metric: string; status: number; data?: Report; problem?: Problem };
type Waiting = { resolve(report: Report): void; reject(error: unknown): void };

/**
 * The finance reports (billing documents, receivables, deferred revenue: the slow part of the
 * dashboard, about 0.7 of the batch's server time on the 200-customer demo) go in a request of their
 * own, so the recurring-revenue and pipeline cards arrive and draw while the server still computes
 * these. The split follows the loads the server shares within one request (src/metrics/request-memo.ts:
 * receivables and billing documents here, closed deals and the open pipeline in the other), so no
 * load is read twice.
 */
const FINANCE_REPORTS = new Set(['billings', 'recognized-revenue', 'cash-collected', 'ar-balance', 'dso', 'backlog', 'ar-aging']);

/** Which request a report goes in: 'finance' or 'main'. */
export function batchGroupOf(metric: string): 'finance' | 'main' {
  return FINANCE_REPORTS.has(metric) ? 'finance' : 'main';
}

let pending = new Map<string, { query: BatchQuery; waiting: Waiting[] }>();
let scheduled = false;

/** The body item for a report: the same options GET /metrics/:name takes (metrics-api.ts toSearch). */
export function toBatchQuery(name: string, query: ReportQuery, explain: boolean): BatchQuery {
  return {
    metric: name, from: query.from, to: query.to, interval: query.interval,
    ...(query.breakdown ? { segment: query.breakdown } : {}),
    ...(query.currency ? { currency: query.currency } : {}),
    ...(query.asOf ? { asOf: query.asOf } : {}),
    ...(explain ? { explain: true as const } : {}),
  };
}

/** One report, sent with the others asked for in the same turn. */
export function fetchBatchedMetric(name: string, query: ReportQuery, options: { explain?: boolean } = {}): Promise<Report> {
  const item = toBatchQuery(name, query, options.explain ?? false);
  const key = JSON.stringify(item);
  return new Promise<Report>((resolve, reject) => {
    const entry = pending.get(key) ?? { query: item, waiting: [] };
    entry.waiting.push({ resolve, reject });
    pending.set(key, entry);
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  });
}

/** Sends the reports asked for so far now, instead of after the zero-delay timer (a start-up prefetch: the main thread is busy then). */
export function flushBatch(): void {
  if (scheduled) flush();
}

function flush(): void {
  const entries = [...pending.values()];
  pending = new Map();
  scheduled = false;
  for (const group of ['main', 'finance'] as const) {
    const mine = entries.filter((entry) => batchGroupOf(entry.query.metric) === group);
    for (let start = 0; start < mine.length; start += MAX_BATCH_ITEMS) void send(mine.slice(start, start + MAX_BATCH_ITEMS));
  }
}

async function send(entries: Array<{ query: BatchQuery; waiting: Waiting[] }>): Promise<void> {
  try {
    const { results } = await apiRequest<{ results: BatchResult[] }>('POST', '/metrics/batch', { queries: entries.map((entry) => entry.query) });
    entries.forEach((entry, index) => {
      const result = results[index];
      for (const waiting of entry.waiting) {
        if (result?.status === 200 && result.data !== undefined) waiting.resolve(result.data);
        else if (result?.problem) waiting.reject(new ApiError(result.problem));
        else waiting.reject(new Error(`The batch answered no result for ${entry.query.metric}`));
      }
    });
  } catch (error) {
    for (const entry of entries) for (const waiting of entry.waiting) waiting.reject(error);
  }
}
