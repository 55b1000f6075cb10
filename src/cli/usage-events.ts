import type { Command } from 'commander';
import { ingestUsageEvents, type UsageEventIngestResult } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { checkInputFile, readInputFile } from './input-file.ts';

type WithDatabase = (work: (ctx: Ctx) => Promise<number>) => Promise<void>;
type Out = { out: NodeJS.WritableStream };
const BATCH = 1000;
const EVENTS_FILE = 'usage events, one JSON object per line';

/**
 * `revline usage import <file.jsonl>`: one event per line (JSON, as POST /usage/events takes it),
 * sent in batches of 1000 — each batch its own transaction, idempotent by event id, so a re-run
 * is safe. A line that is not JSON is reported as rejected. Exit 1 when any event was rejected.
 */
export async function runUsageEventsImport(ctx: Ctx, file: string, options: { json?: boolean } & Out): Promise<number> {
  const lines = readInputFile(file, EVENTS_FILE).split(/\r?\n/).map((text, index) => ({ text: text.trim(), line: index + 1 })).filter((entry) => entry.text !== '');
  const counts = { created: 0, duplicate: 0, rejected: 0 };
  const errors: Array<{ line: number; eventId: string | null; field: string; message: string }> = [];
  const parsed: Array<{ line: number; event: unknown }> = [];
  for (const entry of lines) {
    const event = parseLine(entry.text);
    if (event === undefined) {
      counts.rejected += 1;
      errors.push({ line: entry.line, eventId: null, field: 'line', message: 'not valid JSON' });
    } else parsed.push({ line: entry.line, event });
  }
  for (let start = 0; start < parsed.length; start += BATCH) {
    const slice = parsed.slice(start, start + BATCH);
    const result: UsageEventIngestResult = await ingestUsageEvents(ctx, { events: slice.map((entry) => entry.event) });
    for (const key of ['created', 'duplicate', 'rejected'] as const) counts[key] += result.counts[key];
    for (const item of result.results) {
      const line = slice[item.index]?.line ?? 0;
      // Fields say events.<index>.<field> within the batch; the line number replaces the index.
      for (const error of item.problem?.errors ?? []) errors.push({ line, eventId: item.eventId, field: error.field.split('.').slice(2).join('.') || 'line', message: error.message });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  if (options.json) options.out.write(`${JSON.stringify({ counts, errors })}\n`);
  else {
    options.out.write(`${counts.created} events stored, ${counts.duplicate} duplicates, ${counts.rejected} rejected\n`);
    for (const error of errors) options.out.write(`  line ${error.line}${error.eventId ? ` (${error.eventId})` : ''}: ${error.field}: ${error.message}\n`);
  }
  return counts.rejected === 0 ? 0 : 1;
}

/** The line's JSON value; undefined when it is not JSON. */
function parseLine(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function registerUsageCommands(program: Command, withDatabase: WithDatabase): void {
  program.command('usage').description('metered usage').command('import')
    .description('import raw usage events (JSON lines: eventId, accountId, featureKey, occurredAt, value, uniqueKey); idempotent by event id; exit 1 when one was rejected')
    .argument('<file>', 'JSON-lines file, one event per line')
    .option('--json', 'print counts and errors as JSON')
    .action((file: string, options: { json?: boolean }) => {
      checkInputFile(file, EVENTS_FILE);
      return withDatabase((ctx) => runUsageEventsImport(ctx, file, { ...options, out: process.stdout }));
    });
}
