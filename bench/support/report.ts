/**
 * How benches report: one aligned line per figure (name, value, unit) on stdout, and with
 * BENCH_JSON=1 one JSON line per figure appended to bench/results/latest.jsonl (the runner,
 * bin/run-bench.js, starts that file with the run's machine facts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results/latest.jsonl');

const NAME_WIDTH = 64;
const VALUE_WIDTH = 12;

export type FigureExtra = Record<string, string | number | boolean | null>;

export function reportFigure(name: string, value: number, unit: string, extra: FigureExtra = {}): void {
  // Guard: a NaN or Infinity figure means a broken measurement, never a result worth recording.
  if (!Number.isFinite(value)) throw new Error(`Figure ${name} is not a finite number: ${value}`);
  console.log(`${name.padEnd(NAME_WIDTH)} ${formatValue(value).padStart(VALUE_WIDTH)}  ${unit}`);
  if (process.env['BENCH_JSON'] === '1') {
    const record = { type: 'figure', runId: process.env['BENCH_RUN_ID'] ?? null, at: new Date().toISOString(), name, value, unit, ...extra };
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.appendFileSync(RESULTS_FILE, `${JSON.stringify(record)}\n`);
  }
}

/** Context that is not a figure (settings, skipped backends): a `#` line, ignored by tools reading figures. */
export function reportNote(text: string): void {
  console.log(`# ${text}`);
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 1 : abs >= 1 ? 2 : 3);
}

/** Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export type LatencySummary = { count: number; p50Ms: number; p99Ms: number; maxMs: number; meanMs: number };

export function summarizeLatency(durationsMs: readonly number[]): LatencySummary {
  const total = durationsMs.reduce((sum, d) => sum + d, 0);
  return {
    count: durationsMs.length,
    p50Ms: percentile(durationsMs, 50),
    p99Ms: percentile(durationsMs, 99),
    maxMs: percentile(durationsMs, 100),
    meanMs: total / durationsMs.length,
  };
}

export type LoadOperation = {
  /** 0-based, unique across workers: use it for unique names and idempotency keys. */
  index: number;
  /** Times one step of the operation under `label`; its latencies are summarised in `phases`. */
  time<T>(label: string, work: () => Promise<T>): Promise<T>;
};

export type LoadOptions = {
  concurrency: number;
  fn: (operation: LoadOperation) => Promise<void>;
  /** Guard against a hung operation: the load rejects after this long (default: durationMs + 30 s, or 60 s). */
  timeoutMs?: number;
} & ({ durationMs: number; requests?: undefined } | { requests: number; durationMs?: undefined });

export type LoadResult = {
  operations: number;
  elapsedMs: number;
  throughputPerSecond: number;
  latency: LatencySummary;
  phases: Record<string, LatencySummary>;
};

/**
 * Runs `fn` from `concurrency` workers until `durationMs` has passed (operations in flight
 * finish) or `requests` operations have started. The first failure stops every worker and
 * rejects: a bench with errors has no throughput worth reporting.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (!(options.concurrency >= 1)) throw new RangeError(`concurrency must be ≥ 1, got ${options.concurrency}`);
  const latencies: number[] = [];
  const phaseLatencies = new Map<string, number[]>();
  const startedMs = performance.now();
  const deadlineMs = options.durationMs === undefined ? Infinity : startedMs + options.durationMs;
  const limit = options.requests ?? Infinity;
  let started = 0;
  let failure: { error: unknown } | null = null;

  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    const list = phaseLatencies.get(label) ?? [];
    list.push(performance.now() - t0);
    phaseLatencies.set(label, list);
    return result;
  };
  const worker = async (): Promise<void> => {
    while (failure === null && started < limit && performance.now() < deadlineMs) {
      const index = started++;
      const t0 = performance.now();
      try {
        await options.fn({ index, time });
      } catch (error) {
        failure ??= { error };
        return;
      }
      latencies.push(performance.now() - t0);
    }
  };

  const timeoutMs = options.timeoutMs ?? (options.durationMs === undefined ? 60_000 : options.durationMs + 30_000);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      failure ??= { error: new Error(`load did not finish within ${timeoutMs} ms`) };
      resolve();
    }, timeoutMs);
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: options.concurrency }, worker)), timedOut]);
  } finally {
    clearTimeout(timer);
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
  const elapsedMs = performance.now() - startedMs;
  return {
    operations: latencies.length,
    elapsedMs,
    throughputPerSecond: latencies.length / (elapsedMs / 1000),
    latency: summarizeLatency(latencies),
    phases: Object.fromEntries([...phaseLatencies].map(([label, list]) => [label, summarizeLatency(list)])),
  };
}
