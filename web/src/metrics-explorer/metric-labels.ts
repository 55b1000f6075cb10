import i18next from 'i18next';
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

export function familyLabel(basis: string): string {
  return labelOr(`metricsExplorer.families.${basis}`, basis);
}

export function columnLabel(key: string): string {
  return labelOr(`metricsExplorer.columns.${key}`, key);
}
