/**
 * The entities an import can write, in dependency order: a file is processed after every file
 * whose entities it may reference (contacts after accounts, usage after subscriptions, payments
 * after invoices), whatever order the files were given in.
 */
export const ENTITY_ORDER = [
  'account', 'contact', 'lead', 'campaign', 'campaign_member', 'opportunity', 'opportunity_stage_history',
  'activity', 'ticket', 'subscription', 'usage', 'invoice', 'payment',
] as const;
export type EntityName = (typeof ENTITY_ORDER)[number];

export function entityRank(entity: EntityName): number {
  return ENTITY_ORDER.indexOf(entity);
}

/**
 * What a mapped value must become for a target field. A `ref` field holds an external id in the
 * file; the engine makes sure the referenced record exists (deferring the row until it does) and
 * hands the adapter its Revline id, or with `keep: 'externalId'` the external id itself (billing
 * links invoices to subscriptions of the same source that way). Polymorphic source ids
 * (Salesforce WhoId: 003… contact, 00Q… lead) map to one field per entity, filtered by `match`.
 */
export type RefKind = { ref: EntityName; keep?: 'externalId' };
export type FieldKind = 'text' | 'date' | 'instant' | 'money' | 'integer' | 'decimal' | 'boolean' | 'bps' | 'currency' | RefKind;
