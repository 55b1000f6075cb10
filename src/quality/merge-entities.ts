import type { MergeEntity } from './schema.ts';

export type MergeEntitySpec = {
  entity: MergeEntity;
  /** The table of the records merged. */
  table: 'accounts' | 'contacts';
  /**
   * Columns a merge fills on the survivor from the merged record when the survivor's is null, and
   * unmerge clears again. Never filled: names and currency (never blank), the import key (the
   * merged record keeps its own, so a re-import finds it and resolves to the survivor) and an
   * account's parent (placing an account in a hierarchy is a decision, and could close a loop).
   */
  fillable: readonly string[];
};

export const MERGE_ENTITY_SPECS: Record<MergeEntity, MergeEntitySpec> = {
  account: {
    entity: 'account',
    table: 'accounts',
    fillable: ['domain', 'segment', 'industry', 'country', 'employee_band', 'owner_user_id', 'customer_since_date', 'tax_id', 'billing_address'],
  },
  contact: {
    entity: 'contact',
    table: 'contacts',
    fillable: ['account_id', 'first_name', 'last_name', 'email', 'phone', 'title', 'owner_user_id', 'mailing_country'],
  },
};
