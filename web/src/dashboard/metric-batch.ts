import { ApiError, apiRequest, type Problem } from '../lib/api.ts';
import type { MetricResult, MovementRow, ReportQuery } from '../metrics-explorer/metrics-api.ts';

/**
 * The dashboard's reports in one request (POST /metrics/batch) instead of one GET per card: the
 * reports asked for while one page renders (the same task, then a zero-delay timer) go together,
 * identical ones once. Each answers its own result or its own problem (an ApiError, as a single
 * GET would throw), so one failing card does not blank the others.
 */
export const MAX_BATCH_ITEMS = 50; // src/metrics/metrics-batch.ts

type Report = MetricResult | MovementRow[];
type BatchQuery = { metric: string; from: string; to: string; interval: string; segment?: string; currency?: string; asOf?: string; explain?: true };
type BatchResult = { metric: string; status: number; data?: Report; problem?: Problem };
type Waiting = { resolve(report: Report): void; reject(error: unknown): void };

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

function flush(): void {
  const entries = [...pending.values()];
  pending = new Map();
  scheduled = false;
  for (let start = 0; start < entries.length; start += MAX_BATCH_ITEMS) void send(entries.slice(start, start + MAX_BATCH_ITEMS));
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
