import type { TFunction } from 'i18next';
import { humanize } from './format-customer.ts';

/*
 * The Customer 360 shows codes other pages label: each in the reader's language, and a code the
 * UI has no label for (a dunning stage an admin added, a future status) readable as it is.
 */

/** reminder, second_reminder, final_notice, on_hold (billing's labels) or a stage of one's own. */
export function dunningStageLabel(t: TFunction, code: string): string {
  return t(`billing.stages.${code as 'reminder'}`, { defaultValue: humanize(code) });
}

export function quoteStatusLabel(t: TFunction, status: string): string {
  return t(`quotes.status.${status as 'draft'}`, { defaultValue: humanize(status) });
}

export function ticketPriorityLabel(t: TFunction, priority: string): string {
  return t(`customers.ticketPriority.${priority as 'normal'}`, { defaultValue: humanize(priority) });
}
