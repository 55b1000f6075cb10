export { createAccount } from './create-account.ts';
export { getAccount, findAccount } from './get-account.ts';
export { updateAccount, type UpdateAccountRequest } from './update-account.ts';
export { customerSinceSubscriber, recordCustomerSince } from './customer-since.ts';
export { deleteAccount } from './delete-account.ts';
export { importAccounts, type AccountImportItem, type AccountImportResult } from './import-accounts.ts';
export { listAccounts, listChildAccounts, type AccountPage } from './list-accounts.ts';
export { ownerScope, ownerCondition, isOwnerInScope, assertOwnerAssignable, type OwnerScope } from './owner-scope.ts';
export { findRecordNames, type RecordNames } from './repo-names.ts';
export { normalizeDomain } from './domain-name.ts';
export { normalizeBillingAddress, billingAddressProblem, BILLING_ADDRESS_MAX_LENGTH, BILLING_ADDRESS_MAX_LINES } from './billing-address.ts';
export { isCountryCode } from './country-codes.ts';
export { crmRoutes } from './routes.ts';
export { EMPLOYEE_BANDS, ACCOUNT_SORTS } from './schema.ts';
export type {
  Account, AccountFields, AccountSort, CreateAccountInput, UpdateAccountInput, ListAccountsQuery, EmployeeBand, CustomFields, CrmTables,
} from './schema.ts';
export {
  pipelineRoutes, createStage, updateStage, deleteStage, listStages, getStage, findStage, reorderStages, STAGE_KINDS, FORECAST_CATEGORIES,
} from './pipeline/index.ts';
export type { Stage, StageKind, ForecastCategory, CreateStageInput, UpdateStageInput, PipelineTables } from './pipeline/index.ts';
export {
  customFieldRoutes, createDefinition, updateDefinition, listDefinitions, getDefinition, validateCustomFields, mergeCustomFields,
  CUSTOM_FIELD_ENTITY_TYPES, CUSTOM_FIELD_TYPES,
} from './custom-fields/index.ts';
export type {
  CustomFieldDefinition, CustomFieldEntityType, CustomFieldType, CustomFieldValue, CustomFieldValues, CustomFieldTables,
} from './custom-fields/index.ts';
export {
  opportunityRoutes, createOpportunity, getOpportunity, findOpportunity, updateOpportunity, changeOpportunityStage, deleteOpportunity,
  listOpportunities, listStageHistory, recordStageHistory, OPPORTUNITY_TYPES, OPPORTUNITY_STATUSES, OPPORTUNITY_SORTS,
} from './opportunities/index.ts';
export type {
  Opportunity, OpportunityType, OpportunityStatus, OpportunityPage, CreateOpportunityInput, UpdateOpportunityInput, ListOpportunitiesQuery,
  StageHistoryEntry, StageHistoryImportEntry, OpportunityTables,
} from './opportunities/index.ts';
export { ticketRoutes, createTicket, getTicket, findTicket, updateTicket, deleteTicket, listTickets, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_CHANNELS } from './tickets/index.ts';
export type { Ticket, TicketPriority, TicketStatus, TicketChannel, TicketPage, CreateTicketInput, UpdateTicketInput, ListTicketsQuery, TicketTables } from './tickets/index.ts';
export { usageRoutes, upsertUsage, getUsage, upsertSeats, listAdoption, getAdoption, adoptionRate, USAGE_GRANULARITIES } from './usage/index.ts';
export type { UsageGranularity, UsageUpsertRow, UpsertResult, UsageSeries, Adoption, AdoptionRate, UsageTables } from './usage/index.ts';
export { contactRoutes, createContact, getContact, findContact, updateContact, deleteContact, listContacts, CONTACT_SORTS } from './contacts/index.ts';
export type {
  Contact, ContactFields, ContactSort, ContactPage, CreateContactInput, UpdateContactInput, UpdateContactRequest, ListContactsQuery, ContactTables,
} from './contacts/index.ts';
export {
  leadRoutes, createLead, getLead, findLead, updateLead, deleteLead, listLeads, listLeadStatusHistory, convertLead,
  listLeadStatuses, createLeadStatus, updateLeadStatus, LEAD_STAGES, LEAD_SORTS,
} from './leads/index.ts';
export type {
  Lead, LeadFields, LeadStage, LeadSort, LeadPage, CreateLeadInput, UpdateLeadInput, UpdateLeadRequest, ListLeadsQuery, LeadTables, LeadStatusChange,
  ConvertLeadInput, ConvertLeadRequest, ConvertLeadResult, LeadStatus, CreateLeadStatusInput, UpdateLeadStatusInput, UpdateLeadStatusRequest,
} from './leads/index.ts';
export {
  campaignRoutes, createCampaign, getCampaign, findCampaign, updateCampaign, deleteCampaign, listCampaigns,
  addCampaignMember, updateCampaignMember, removeCampaignMember, listCampaignMembers,
  CAMPAIGN_TYPES, CAMPAIGN_STATUSES, CAMPAIGN_SORTS, MEMBER_STATUSES, RESPONDED_STATUSES,
} from './campaigns/index.ts';
export type {
  Campaign, CampaignFields, CampaignType, CampaignStatus, CampaignSort, CampaignPage, CreateCampaignInput, UpdateCampaignInput, UpdateCampaignRequest,
  ListCampaignsQuery, CampaignTables, CampaignMember, MemberStatus, MemberPage, AddMemberInput, UpdateMemberInput, UpdateMemberRequest, ListMembersQuery,
  CampaignMemberTables,
} from './campaigns/index.ts';
export { activityRoutes, createActivity, getActivity, findActivity, updateActivity, deleteActivity, listActivities, ACTIVITY_TYPES, TASK_STATUSES, ACTIVITY_SORTS } from './activities/index.ts';
export type {
  Activity, ActivityFields, ActivityType, TaskStatus, ActivitySort, ActivityPage, CreateActivityInput, UpdateActivityInput, UpdateActivityRequest,
  ListActivitiesQuery, ActivityTables,
} from './activities/index.ts';
export { savedViewRoutes, listSavedViews, createSavedView, updateSavedView, deleteSavedView, SAVED_VIEW_SCOPES } from './saved-views/index.ts';
export type { SavedView, SavedViewScope, SavedViewTables } from './saved-views/index.ts';
export { boardRoutes, summarizeBoard, listBoardCards, listOwnerOptions, summarizeLeadFunnel } from './board/index.ts';
export type { BoardCard, StageSummary, OwnerOption, LeadFunnel } from './board/index.ts';
