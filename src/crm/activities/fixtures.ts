import type { CreateActivityInput } from './schema.ts';

let sequence = 0;

/** A valid call by default; pass type 'task' (and no occurredAt) for a task. */
export function makeActivityInput(overrides: Partial<CreateActivityInput> = {}): CreateActivityInput {
  sequence += 1;
  const base: CreateActivityInput = overrides.type === 'task'
    ? { type: 'task', subject: `Task ${sequence}` }
    : { type: 'call', subject: `Call ${sequence}`, occurredAt: '2026-01-10T10:00:00Z' };
  return { ...base, ...overrides };
}
