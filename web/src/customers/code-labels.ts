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

/** call, meeting, email, task (the activities API's types). */
export function activityTypeLabel(t: TFunction, type: string): string {
  return t(`customers.activityTypes.${type as 'call'}`, { defaultValue: humanize(type) });
}

/** A campaign member's status (planned … bounced, src/crm/campaigns). */
export function memberStatusLabel(t: TFunction, status: string): string {
  return t(`customers.memberStatuses.${status as 'planned'}`, { defaultValue: humanize(status) });
}

/**
 * A lead's status key: the default statuses (seeded by migration 202611230032) in the reader's
 * language, one an admin configured by its key, as the Customer 360 does not load the configuration.
 */
export function leadStatusCodeLabel(t: TFunction, status: string): string {
  return t(`pipeline.leadStatuses.${status as 'new'}`, { defaultValue: humanize(status) });
}
