import type { Ctx, TxCtx } from '../../shared/context.ts';
import { AppError, assert } from '../../shared/errors.ts';
import { findCampaignRow } from '../campaigns/repo.ts';
import { invalidField, lockKey } from '../contacts/record-writes.ts';
import { findOpenLeadIdByEmail } from './repo.ts';
import { CLOSED_STAGES, type LeadFields, type LeadRow, type LeadStage, type LeadStatusRow } from './schema.ts';
import { findDefaultLeadStatusRow, findLeadStatusRow } from './status-repo.ts';

/**
 * The status a caller asks for (or the default). Statuses of the converted stage are refused:
 * only conversion reaches them, because only conversion sets the account and contact links.
 */
export async function resolveLeadStatus(ctx: Ctx, key: string | undefined): Promise<LeadStatusRow> {
  if (key === undefined) {
    const fallback = await findDefaultLeadStatusRow(ctx);
    assert(fallback, 'lead_statuses has no default; migration 202611230032 seeds one and the API keeps one');
    return fallback;
  }
  const status = await findLeadStatusRow(ctx, key);
  if (!status) throw invalidField('body.status', 'unknown lead status', `There is no lead status ${key}; see GET /lead-statuses`);
  if (status.stage === 'converted') {
    throw new AppError('business_rule_violated', `Status ${key} is reached by converting the lead (POST /leads/:id/convert)`, {
      fieldErrors: [{ field: 'body.status', message: 'use the convert endpoint' }],
    });
  }
  return status;
}

/**
 * Funnel timestamps: set when the lead first enters a stage and never cleared or moved, so a lead
 * that goes MQL → Working → MQL keeps its first mql_at and funnel metrics stay stable. Entering a
 * later stage does not back-fill skipped ones (a lead made SQL directly has no mql_at).
 */
export function enteredStageTimestamps(before: Pick<LeadRow, 'mql_at' | 'sql_at' | 'converted_at' | 'disqualified_at'> | null, stage: LeadStage, now: Date) {
  const column = ({ new: null, mql: 'mql_at', sql: 'sql_at', converted: 'converted_at', disqualified: 'disqualified_at' } as const)[stage];
  if (column === null || (before !== null && before[column] !== null)) return {};
  return { [column]: now } as Partial<Record<'mql_at' | 'sql_at' | 'converted_at' | 'disqualified_at', Date>>;
}

export function isOpenStage(stage: LeadStage): boolean {
  return !CLOSED_STAGES.includes(stage);
}

/**
 * Dedupe (data-model issue): no two open leads share a normalized e-mail; converted and
 * disqualified ones do not block. 409 naming the open lead. The lock on the address makes check
 * and write one step for concurrent writers; the partial unique index is the backstop.
 */
export async function assertLeadEmailFree(tx: TxCtx, email: string | null, exceptId?: string): Promise<void> {
  if (email === null) return;
  await lockKey(tx, `revline.leads.email:${email}`);
  const existingId = await findOpenLeadIdByEmail(tx, email, exceptId);
  if (existingId === null) return;
  throw new AppError('conflict', `Open lead ${existingId} already has the e-mail address ${email}`, {
    fieldErrors: [{ field: 'body.email', message: `already used by open lead ${existingId}` }],
    extra: { existingLeadId: existingId },
  });
}

/** The campaign must be live (any owner: campaigns are visible to all); share-locked meanwhile. */
export async function assertCampaignUsable(tx: TxCtx, campaignId: string): Promise<void> {
  if (!(await findCampaignRow(tx, campaignId, 'share'))) {
    throw invalidField('body.campaignId', 'unknown campaign', `Campaign ${campaignId} does not exist`);
  }
}

export function assertLeadIdentified(fields: Pick<LeadFields, 'firstName' | 'lastName' | 'email' | 'company'>): void {
  if (fields.firstName !== null || fields.lastName !== null || fields.email !== null || fields.company !== null) return;
  throw invalidField('body.lastName', 'a lead needs a name, an e-mail or a company', 'A lead needs a name, an e-mail or a company');
}
