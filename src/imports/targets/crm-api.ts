/** The CRM operations (and input types) the import targets call, all from crm's public index.ts. */
export { createContact, getContact, updateContact } from '../../crm/index.ts';
export type { CreateContactInput, UpdateContactInput } from '../../crm/index.ts';
export type { CreateLeadInput, UpdateLeadInput } from '../../crm/index.ts';
export type { CreateCampaignInput, UpdateCampaignInput } from '../../crm/index.ts';
export type { CreateOpportunityInput, UpdateOpportunityInput } from '../../crm/index.ts';
export type { CreateTicketInput, UpdateTicketInput } from '../../crm/index.ts';
export type { CreateActivityInput, UpdateActivityInput } from '../../crm/index.ts';
export { convertLead, createLead, getLead, updateLead } from '../../crm/index.ts';
export { addCampaignMember, createCampaign, getCampaign, updateCampaign, updateCampaignMember } from '../../crm/index.ts';
export { createOpportunity, getOpportunity, listStageHistory, recordStageHistory, updateOpportunity } from '../../crm/index.ts';
export type { StageHistoryImportEntry } from '../../crm/index.ts';
export { createTicket, getTicket, updateTicket } from '../../crm/index.ts';
export { createActivity, getActivity, updateActivity } from '../../crm/index.ts';
export { upsertUsage } from '../../crm/index.ts';
