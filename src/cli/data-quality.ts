import { buildDataQualityReport, type DataQualityReport, type QualitySection } from '../quality/index.ts';
import type { Ctx } from '../shared/context.ts';

export type DataQualityOptions = { json: boolean; out: NodeJS.WritableStream };

// Ids shown per check in text; --json carries the first 100.
const SHOWN_IDS = 10;

/** `revline data-quality`: the report as text or JSON. Exit code 0: it reports, it does not gate. */
export async function runDataQuality(ctx: Ctx, options: DataQualityOptions): Promise<number> {
  const report = await buildDataQualityReport(ctx);
  options.out.write(options.json ? `${JSON.stringify(report)}\n` : describeReport(report));
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
  const more = section.count > SHOWN_IDS ? `, … ${section.count - SHOWN_IDS} more (--json lists ${section.ids.length})` : '';
  return [head, `               ${shown}${more}`];
}
