import type { CreateCampaignInput } from './schema.ts';

let sequence = 0;

/** A valid campaign input; names are unique per process so tests can find their rows. */
export function makeCampaignInput(overrides: Partial<CreateCampaignInput> = {}): CreateCampaignInput {
  sequence += 1;
  return { name: `Campaign ${sequence}`, type: 'webinar', ...overrides };
}
