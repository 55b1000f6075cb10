import i18next from 'i18next';
import type { LeadStatus, Stage } from './types.ts';

type Named = Pick<Stage | LeadStatus, 'key' | 'label'>;

/**
 * Pipeline stages and lead statuses are configuration, seeded in English (migrations
 * 202611230040_create_pipeline_stages, 202611230032_create_leads). One that still carries its
 * seeded label shows in the reader's language (pipeline.<group>.<key>); a renamed or added one
 * shows exactly as configured.
 */
function configuredLabel(group: 'stages' | 'leadStatuses', item: Named): string {
  const key = `pipeline.${group}.${item.key}`;
  return i18next.getResource('en', 'translation', key) === item.label ? i18next.t(key as 'pipeline.title') : item.label;
}

export function stageLabel(stage: Named): string {
  return configuredLabel('stages', stage);
}

export function leadStatusLabel(status: Named): string {
  return configuredLabel('leadStatuses', status);
}

/**
 * The label of a stage key found on a record (a deal's stage, a history entry), from the configured
 * stages; before they load (or for a stage since deleted) a default stage's own label, else the key.
 */
export function stageLabelOf(key: string, stages: readonly Named[]): string {
  const stage = stages.find((candidate) => candidate.key === key);
  if (stage) return stageLabel(stage);
  const seeded: unknown = i18next.getResource('en', 'translation', `pipeline.stages.${key}`);
  return typeof seeded === 'string' ? stageLabel({ key, label: seeded }) : key.replace(/_/g, ' ');
}
