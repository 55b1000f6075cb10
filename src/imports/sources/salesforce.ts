import type { MappingInput } from '../mapping/schema.ts';
import {
  SF_CAMPAIGN_STATUSES, SF_CAMPAIGN_TYPES, SF_CASE_ORIGINS, SF_CASE_PRIORITIES, SF_CASE_STATUSES, SF_CLOSED_STAGES, SF_FORECAST_CATEGORIES,
  SF_LEAD_STATUSES, SF_MEMBER_STATUSES, SF_OPPORTUNITY_STAGES, SF_OPPORTUNITY_TYPES, SF_TASK_TYPES,
} from './salesforce-values.ts';

const optional = (column: string) => ({ column, optional: true });
const country = (column: string) => ({ column, transform: 'country', onInvalid: 'null', optional: true }) as const;
/**
 * The account's billing address as lines, written as its country writes addresses (the postalAddress
 * transform: "City, ST 94080" in the US, "10117 Berlin" in Germany): street (which may hold lines of its
 * own), postal code, city, state and country, U+001F between them.
 */
const billingAddress = { template: '{BillingStreet}\u001f{BillingPostalCode}\u001f{BillingCity}\u001f{BillingState}\u001f{BillingCountry}', transform: 'postalAddress', optional: true } as const;
const closedOnly = { column: 'IsClosed', equals: ['1', 'true', 'TRUE'] };
const closedStage = { column: 'StageName', equals: SF_CLOSED_STAGES };
// Single-currency orgs export no CurrencyIsoCode: their amounts are taken as USD.
const currencyCode = { column: 'CurrencyIsoCode', optional: true, fallback: { value: 'USD' } };

/**
 * Salesforce Data Loader / report exports (one CSV per object, named after it: Account.csv,
 * Contact-2024.csv …). Ids are the 18-character record ids, so relations resolve across files
 * whatever order they are given in. Datetimes like 2024-01-22T16:14:25.000+0000; booleans 1/empty.
 */
export const SALESFORCE_MAPPING: MappingInput = {
  name: 'salesforce',
  description: 'Salesforce Data Loader and report exports: Account, Contact, Lead, Campaign, CampaignMember, Opportunity, OpportunityHistory, Case, Task',
  sourceSystem: 'salesforce',
  defaults: { currency: 'USD', dateFormat: 'ISO', datetimeFormat: 'ISO' },
  files: [
    { match: '*__c*.csv', skip: 'custom objects (…__c) have no Revline entity; map them with a mapping file' },
    { match: 'AccountContactRelation*.csv', skip: 'Revline links a contact to one account, taken from Contact.AccountId' },
    { match: 'Account*.csv', requiredColumns: ['Name'], records: [{ entity: 'account', externalId: 'Id', fields: {
      name: 'Name', domain: { column: 'Website', onInvalid: 'null', optional: true }, parentAccountId: optional('ParentId'),
      industry: optional('Industry'), country: country('BillingCountry'), billingAddress, currency: currencyCode,
      employeeBand: { column: 'NumberOfEmployees', transform: 'employeeBand', onInvalid: 'null', optional: true },
      'customFields.sf_type': optional('Type'), 'customFields.phone': optional('Phone'), 'customFields.billing_city': optional('BillingCity'),
      'customFields.billing_state': optional('BillingState'), 'customFields.annual_revenue': { column: 'AnnualRevenue', type: 'decimal', onInvalid: 'null', optional: true },
    } }] },
    { match: 'Contact*.csv', records: [{ entity: 'contact', externalId: 'Id', fields: {
      accountId: optional('AccountId'), firstName: optional('FirstName'), lastName: optional('LastName'), email: optional('Email'),
      phone: optional('Phone'), title: optional('Title'), mailingCountry: country('MailingCountry'),
      'customFields.department': optional('Department'), 'customFields.lead_source': optional('LeadSource'),
    } }] },
    { match: 'Lead*.csv', records: [{ entity: 'lead', externalId: 'Id', fields: {
      company: optional('Company'), firstName: optional('FirstName'), lastName: optional('LastName'), email: optional('Email'),
      phone: optional('Phone'), title: optional('Title'), country: country('Country'), source: optional('LeadSource'),
      status: { column: 'Status', values: SF_LEAD_STATUSES, otherwise: 'null', optional: true },
      converted: { column: 'IsConverted', default: false, optional: true }, accountCurrency: currencyCode,
      convertedAccountId: optional('ConvertedAccountId'), convertedContactId: optional('ConvertedContactId'),
      convertedOpportunityId: optional('ConvertedOpportunityId'),
      'customFields.industry': optional('Industry'), 'customFields.rating': optional('Rating'),
    } }] },
    { match: 'CampaignMember*.csv', records: [{ entity: 'campaign_member', externalId: 'Id', fields: {
      campaignId: 'CampaignId', leadId: optional('LeadId'), contactId: optional('ContactId'),
      status: { column: 'Status', values: SF_MEMBER_STATUSES, otherwise: 'null', optional: true },
    } }] },
    { match: 'Campaign*.csv', records: [{ entity: 'campaign', externalId: 'Id', fields: {
      name: 'Name', type: { column: 'Type', values: SF_CAMPAIGN_TYPES, otherwise: 'null', default: 'other', optional: true },
      status: { column: 'Status', values: SF_CAMPAIGN_STATUSES, otherwise: 'null', optional: true },
      startDate: optional('StartDate'), endDate: optional('EndDate'), parentCampaignId: optional('ParentId'), description: optional('Description'),
      budget: { column: 'BudgetedCost', currencyColumn: 'CurrencyIsoCode', optional: true },
      actualCost: { column: 'ActualCost', currencyColumn: 'CurrencyIsoCode', optional: true },
    } }] },
    { match: 'OpportunityHistory*.csv', records: [{ entity: 'opportunity_stage_history', externalId: 'Id', fields: {
      opportunityId: 'OpportunityId', stage: { column: 'StageName', values: SF_OPPORTUNITY_STAGES },
      enteredAt: 'CreatedDate', amount: { column: 'Amount', currencyColumn: 'CurrencyIsoCode', optional: true },
    } }] },
    { match: 'Opportunit*.csv', records: [{ entity: 'opportunity', externalId: 'Id', fields: {
      accountId: 'AccountId', name: 'Name', type: { column: 'Type', values: SF_OPPORTUNITY_TYPES, otherwise: 'null', optional: true },
      amount: { column: 'Amount', currencyColumn: 'CurrencyIsoCode', optional: true, fallback: { value: '0' } },
      stage: { column: 'StageName', values: SF_OPPORTUNITY_STAGES }, probabilityBps: optional('Probability'), closeDate: 'CloseDate',
      source: optional('LeadSource'), campaignId: optional('CampaignId'),
      forecastCategory: { column: 'ForecastCategory', values: SF_FORECAST_CATEGORIES, otherwise: 'null', optional: true },
      // Salesforce has no close time: a closed deal closed on its CloseDate; the export gives no loss reason.
      closedAt: { column: 'CloseDate', onlyIf: closedStage },
      lostReason: { column: 'StageName', values: { 'Closed Lost': 'Not given in the Salesforce export' }, otherwise: 'null' },
      'customFields.next_step': optional('NextStep'), 'customFields.product': optional('Product__c'),
    } }] },
    { match: 'Case*.csv', records: [{ entity: 'ticket', externalId: 'Id', fields: {
      accountId: { column: 'AccountId', optional: true, fallback: { column: 'ContactId', through: 'contact', optional: true } }, contactId: optional('ContactId'),
      subject: { column: 'Subject', optional: true, fallback: { template: 'Case {CaseNumber}' } }, description: optional('Description'),
      priority: { column: 'Priority', values: SF_CASE_PRIORITIES, otherwise: 'null', optional: true },
      status: { column: 'Status', values: SF_CASE_STATUSES, otherwise: 'null', optional: true },
      channel: { column: 'Origin', values: SF_CASE_ORIGINS, otherwise: 'null', default: null, optional: true },
      openedAt: 'CreatedDate', closedAt: { column: 'ClosedDate', onlyIf: closedOnly, optional: true },
    } }] },
    { match: 'Task*.csv', records: [{ entity: 'activity', externalId: 'Id', fields: {
      type: { column: 'TaskSubtype', values: SF_TASK_TYPES, otherwise: 'null', default: 'task', optional: true },
      subject: { column: 'Subject', optional: true, fallback: { value: 'Task' } }, description: optional('Description'),
      dueDate: optional('ActivityDate'), status: { column: 'Status', values: { Completed: 'completed' }, otherwise: 'null', default: 'open', optional: true },
      occurredAt: optional('CompletedDateTime'),
      contactId: { column: 'WhoId', match: '^003', optional: true }, leadId: { column: 'WhoId', match: '^00Q', optional: true },
      accountId: { column: 'AccountId', optional: true, fallback: { column: 'WhatId', match: '^001', optional: true } },
      opportunityId: { column: 'WhatId', match: '^006', optional: true },
    } }] },
  ],
};
