import type { MappingInput } from '../mapping/schema.ts';
import { HUBSPOT_MAPPING } from './hubspot.ts';
import { SALESFORCE_MAPPING } from './salesforce.ts';
import { STRIPE_MAPPING } from './stripe.ts';

export const BUILT_IN_SOURCES = ['salesforce', 'hubspot', 'stripe'] as const;
export type BuiltInSource = (typeof BUILT_IN_SOURCES)[number];

/** The mapping behind `--source <name>`: built-in formats are mappings like any other. */
export const BUILT_IN_MAPPINGS: Record<BuiltInSource, MappingInput> = {
  salesforce: SALESFORCE_MAPPING,
  hubspot: HUBSPOT_MAPPING,
  stripe: STRIPE_MAPPING,
};

export function isBuiltInSource(name: string): name is BuiltInSource {
  return (BUILT_IN_SOURCES as readonly string[]).includes(name);
}
