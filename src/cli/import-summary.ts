import type { ImportSummary } from '../imports/index.ts';

const COLUMNS = ['rows', 'created', 'updated', 'unchanged', 'merged', 'rejected'] as const;

/** The human summary of `revline import` (the --json one is the ImportSummary itself). */
export function describeImport(summary: ImportSummary): string {
  const lines: string[] = [];
  const seconds = (summary.durationMs / 1000).toFixed(1);
  const verb = summary.dryRun ? 'Dry run of' : 'Imported';
  lines.push(`${verb} ${summary.files.length} file(s) from ${summary.source} in ${seconds} s (${summary.rowsPerSecond.toLocaleString('en')} rows/s), run ${summary.runId}`);
  const rows = summary.files.map((f) => [f.file, ...COLUMNS.map((c) => String(f[c]))]);
  lines.push(...table(['file', ...COLUMNS], rows));
  const entities = Object.entries(summary.entities).map(([entity, c]) => [entity, '', String(c.created), String(c.updated), String(c.unchanged), String(c.merged), String(c.rejected)]);
  if (entities.length > 0) lines.push('', ...table(['entity', '', ...COLUMNS.slice(1)], entities));
  for (const skipped of summary.skippedFiles) lines.push(`Skipped ${skipped.file}: ${skipped.reason}`);
  if (summary.errorCount > 0) {
    lines.push(`${summary.errorCount} problem(s) in ${summary.totals.rejected} rejected row(s)${summary.errorReport ? `: see ${summary.errorReport}` : ''}`);
  }
  if (summary.dryRun) lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
