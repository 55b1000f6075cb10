import i18next from 'i18next';
import type { Stage } from './types.ts';

type StageName = Pick<Stage, 'key' | 'label'>;

/**
 * A stage as the reader sees it. Labels are configuration, seeded in English (migration
 * 202611230040_create_pipeline_stages); a default stage that still carries its seeded label shows
 * in the reader's language (pipeline.stages.<key>), a renamed or custom stage exactly as configured.
 */
export function stageLabel(stage: StageName): string {
  const key = `pipeline.stages.${stage.key}`;
  return i18next.getResource('en', 'translation', key) === stage.label ? i18next.t(key as 'pipeline.title') : stage.label;
}

/**
 * The label of a stage key found on a record (a deal's stage, a history entry), from the configured
 * stages; before they load (or for a stage since deleted) a default stage's own label, else the key.
 */
export function stageLabelOf(key: string, stages: readonly StageName[]): string {
  const stage = stages.find((candidate) => candidate.key === key);
  if (stage) return stageLabel(stage);
  const seeded: unknown = i18next.getResource('en', 'translation', `pipeline.stages.${key}`);
  return typeof seeded === 'string' ? stageLabel({ key, label: seeded }) : key.replace(/_/g, ' ');
}
