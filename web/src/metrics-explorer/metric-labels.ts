import i18next from 'i18next';
import { stageLabelOf } from '../pipeline/stage-label.ts';
import type { MetricDefinition } from './metrics-api.ts';

/**
 * Labels for names the server defines (metric names, bases, point fields): translated when this
 * app knows them, else the server's own wording, so a metric added on the server shows at once.
 */
export function labelOr(key: string, fallback: string): string {
  return i18next.exists(key) ? i18next.t(key as 'metricsExplorer.noneValue') : fallback;
}

export function metricTitle(definition: Pick<MetricDefinition, 'name' | 'title'>): string {
  return labelOr(`metricsExplorer.metrics.${definition.name}`, definition.title);
}

/** The metric's definition (its formula) in the reader's language; the server's text for a metric this app does not know yet. */
export function metricFormula(definition: Pick<MetricDefinition, 'name' | 'formula'>): string {
  return labelOr(`metricsExplorer.formulas.${definition.name}`, definition.formula);
}

/**
 * A figure's formula (explain=true): translated only when it is the catalogue text the translation
 * was made from; some figures carry a wording of their own (churn, each line of the revenue
 * bridge), and those show as the server wrote them rather than as a translation of other words.
 */
export function explainFormula(metric: string, formula: string): string {
  const key = `metricsExplorer.formulas.${metric}`;
  return i18next.getResource('en', 'translation', key) === formula ? labelOr(key, formula) : formula;
}

export function familyLabel(basis: string): string {
  return labelOr(`metricsExplorer.families.${basis}`, basis);
}

export function columnLabel(key: string): string {
  return labelOr(`metricsExplorer.columns.${key}`, key);
}

/**
 * A code in a report's text column, as words: an AR aging bucket, a revenue bridge line, a pipeline
 * stage (leads-by-stage: a lead's lifecycle stage, named like the default lead statuses). The CSV
 * keeps the codes; a code this app does not know shows as sent.
 */
export function cellLabel(metric: string, column: string, value: string): string {
  if (column === 'bucket') return labelOr(`dashboard.buckets.${value}`, value);
  if (column === 'line') return labelOr(`metricsExplorer.bridgeLines.${value}`, value);
  if (column === 'stage') return metric === 'leads-by-stage' ? labelOr(`pipeline.leadStatuses.${value}`, value) : stageLabelOf(value, []);
  return value;
}
