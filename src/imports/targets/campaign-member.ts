import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { withSavepoint } from '../../shared/db/savepoint.ts';
import type { TargetAdapter } from './adapter.ts';
import { addCampaignMember, updateCampaignMember } from './crm-api.ts';
import type { FieldKind } from './entities.ts';

const FIELDS = {
  campaignId: { ref: 'campaign' },
  leadId: { ref: 'lead' },
  contactId: { ref: 'contact' },
  status: 'text',
} as const satisfies Record<string, FieldKind>;

type MemberStatus = Parameters<typeof updateCampaignMember>[1]['changes']['status'];

/**
 * Campaign members: a membership is (campaign, lead or contact), so its record id here is
 * "<campaignId>/<memberId>". A person already in the campaign (from another source, or twice in
 * one export) is merged into that membership.
 */
export const campaignMemberAdapter: TargetAdapter = {
  entity: 'campaign_member',
  fields: FIELDS,
  required: ['campaignId'],
  customFields: false,
  async create(tx, record) {
    const campaignId = String(record.values['campaignId']);
    const person = personOf(record.values);
    const status = record.values['status'];
    try {
      const member = await withSavepoint(tx, 'import_member', () =>
        addCampaignMember(tx, { campaignId, input: { ...person, ...(typeof status === 'string' ? { status: status as MemberStatus } : {}) } }));
      return { id: `${campaignId}/${member.memberId}`, merged: false };
    } catch (error) {
      const memberId = error instanceof AppError && error.code === 'conflict' ? error.extra['memberId'] : undefined;
      if (typeof memberId === 'string') return { id: `${campaignId}/${memberId}`, merged: true };
      throw error;
    }
  },
  async update(tx, id, record) {
    const status = record.values['status'];
    if (typeof status !== 'string') return 'unchanged';
    const [campaignId = '', memberId = ''] = id.split('/');
    const expectedVersion = await memberVersion(tx, campaignId, memberId);
    const after = await updateCampaignMember(tx, { campaignId, memberId, expectedVersion, changes: { status: status as MemberStatus } });
    return after.version === expectedVersion ? 'unchanged' : 'updated';
  },
};

function personOf(values: TargetRecordValues): { leadId?: string; contactId?: string } {
  const leadId = values['leadId'];
  const contactId = values['contactId'];
  if (typeof leadId === 'string') return { leadId };
  if (typeof contactId === 'string') return { contactId };
  // Neither: addCampaignMember names the missing field ("give exactly one of leadId and contactId").
  return {};
}
type TargetRecordValues = Readonly<Record<string, unknown>>;

/**
 * Stopgap until crm/campaigns exports getCampaignMember: asking for version 0 (never a real
 * version) makes updateCampaignMember answer version_conflict with the current version, before it
 * writes anything.
 */
async function memberVersion(tx: TxCtx, campaignId: string, memberId: string): Promise<number> {
  try {
    await updateCampaignMember(tx, { campaignId, memberId, expectedVersion: 0, changes: { status: 'planned' } });
  } catch (error) {
    const current = error instanceof AppError && error.code === 'version_conflict' ? error.extra['currentVersion'] : undefined;
    if (typeof current === 'number') return current;
    throw error;
  }
  throw new Error(`Assertion failed: campaign member ${campaignId}/${memberId} accepted version 0`);
}
