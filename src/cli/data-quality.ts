import { buildDataQualityReport, listQualityCheckIds, QUALITY_CHECKS, type DataQualityReport, type QualitySection } from '../quality/index.ts';
import type { Ctx } from '../shared/context.ts';

export type DataQualityOptions = { json: boolean; out: NodeJS.WritableStream; err?: NodeJS.WritableStream; check?: string };

// Ids shown per check in text; --json carries the first 100.
const SHOWN_IDS = 10;

/** `revline data-quality`: the report as text or JSON. Exit code 0: it reports, it does not gate. */
export async function runDataQuality(ctx: Ctx, options: DataQualityOptions): Promise<number> {
  if (options.check !== undefined) return listCheck(ctx, options.check, options);
  const report = await buildDataQualityReport(ctx);
  options.out.write(options.json ? `${JSON.stringify(report)}\n` : describeReport(report));
  return 0;
}

/** `--check NAME`: every id the check finds, one per line (or all of them in JSON). Exit 2 for an unknown check. */
async function listCheck(ctx: Ctx, check: string, options: DataQualityOptions): Promise<number> {
  if (!QUALITY_CHECKS.some((candidate) => candidate.check === check)) {
    (options.err ?? process.stderr).write(`error: no data-quality check "${check}"; the checks are ${QUALITY_CHECKS.map((c) => c.check).join(', ')}\n`);
    return 2;
  }
  const all = await listQualityCheckIds(ctx, check, { limit: Number.MAX_SAFE_INTEGER });
  if (options.json) options.out.write(`${JSON.stringify({ check: all.check, severity: all.severity, description: all.description, asOfDate: all.asOfDate, count: all.count, ids: all.data })}\n`);
  else options.out.write(all.data.map((id) => `${id}\n`).join(''));
  return 0;
}

export function describeReport(report: DataQualityReport): string {
  const found = report.sections.filter((s) => s.count > 0);
  const lines = [`Data quality as of ${report.asOfDate}: ${found.length} of ${report.sections.length} checks found records`, ''];
  for (const section of report.sections) lines.push(...describeSection(section));
  for (const gap of report.notCovered) lines.push(`  not checked  ${gap.check}: ${gap.reason}`);
  return `${lines.join('\n')}\n`;
}

function describeSection(section: QualitySection): string[] {
  const mark = section.count === 0 ? 'ok' : section.severity;
  const head = `${mark.padEnd(7)} ${String(section.count).padStart(5)}  ${section.check} — ${section.description}`;
  if (section.count === 0) return [head];
  const shown = section.ids.slice(0, SHOWN_IDS).join(', ');
  const more = section.count > SHOWN_IDS ? `, … ${section.count - SHOWN_IDS} more (--check ${section.check} lists them all)` : '';
  return [head, `               ${shown}${more}`];
}
