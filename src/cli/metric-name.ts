import { listMetrics } from '../metrics/index.ts';
import { UsageError } from './option-names.ts';

/** The metric names close to a mistyped one: containing it, contained in it, or up to two edits away. */
function nearNames(name: string, names: readonly string[]): string[] {
  const typed = name.toLowerCase();
  return names.filter((known) => (typed.length >= 2 && (known.includes(typed) || typed.includes(known))) || editDistance(typed, known) <= 2).slice(0, 3);
}

/** Levenshtein distance (insert, delete, replace one character). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * `revline metrics NAME` of a name the catalogue does not have is a usage error (exit 2), checked
 * before the other options so the one line says what to fix first: the catalogue is too long for
 * one line, so it points to `revline metrics` and suggests the near names.
 */
export function assertMetricName(name: string): void {
  const names: readonly string[] = listMetrics().map((metric) => metric.name);
  if (names.includes(name)) return;
  const near = nearNames(name, names);
  const suggestion = near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : '';
  throw new UsageError(`unknown metric "${name}"${suggestion}: \`revline metrics\` lists the ${names.length} metric names`);
}
