import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { AccountsReadTable, SubscriptionItemsReadTable, SubscriptionPausesReadTable, SubscriptionsReadTable } from './read-model.ts';

/** The tables with transaction-time history (migrations/202612060800_create_row_history.ts). */
type Rows = {
  subscriptions: Selectable<SubscriptionsReadTable>;
  subscription_items: Selectable<SubscriptionItemsReadTable> & { kind: string };
  subscription_pauses: Selectable<SubscriptionPausesReadTable>;
  accounts: Selectable<AccountsReadTable>;
};
export type HistoryTable = keyof Rows;

/**
 * A table as the MRR loader reads it: the current rows (asOf null), or the rows as they stood at
 * the instant asOf — `<table>_as_of(asOf)`, current rows recorded by then plus the history rows
 * valid then. Alias it in the query (`.as('s')`).
 */
export function tableAsOf<T extends HistoryTable>(table: T, asOf: Date | null): RawBuilder<Rows[T]> {
  return asOf === null ? sql<Rows[T]>`${sql.table(table)}` : sql<Rows[T]>`${sql.raw(`${table}_as_of`)}(${asOf})`;
}
