import type { MappingInput } from '../mapping/schema.ts';

const optional = (column: string) => ({ column, optional: true });
const firstCompany = { column: 'Associated Company IDs', transform: 'firstListItem', optional: true, fallback: { column: 'Associated Company ID', optional: true } } as const;

/** HubSpot's default deal pipeline: internal ids and labels both occur in exports. */
const DEAL_STAGES = {
  appointmentscheduled: 'qualification', 'Appointment Scheduled': 'qualification', qualifiedtobuy: 'qualification', 'Qualified To Buy': 'qualification',
  presentationscheduled: 'discovery', 'Presentation Scheduled': 'discovery', decisionmakerboughtin: 'proposal', 'Decision Maker Bought-In': 'proposal',
  contractsent: 'negotiation', 'Contract Sent': 'negotiation', closedwon: 'closed_won', 'Closed Won': 'closed_won', closedlost: 'closed_lost', 'Closed Lost': 'closed_lost',
};
const CLOSED = ['closedwon', 'closedlost', 'Closed Won', 'Closed Lost'];

/**
 * HubSpot CRM exports (Contacts, Companies, Deals → Export, CSV). "Record ID" is the key; the
 * associated company of a contact or deal is the first of "Associated Company IDs". Dates are
 * "2024-01-22 16:14" or "2024-01-22". Lifecycle stages stay on the contact as a custom field:
 * HubSpot contacts are people, Revline leads are unqualified prospects, and the export does not
 * tell them apart reliably.
 */
export const HUBSPOT_MAPPING: MappingInput = {
  name: 'hubspot',
  description: 'HubSpot exports: companies, contacts, deals',
  sourceSystem: 'hubspot',
  defaults: { currency: 'USD' },
  files: [
    { match: '*compan*.csv', requiredColumns: ['Record ID'], records: [{ entity: 'account', externalId: 'Record ID', fields: {
      name: { column: 'Company name', optional: true, fallback: { column: 'Name', optional: true } },
      domain: { column: 'Company Domain Name', onInvalid: 'null', optional: true }, industry: optional('Industry'),
      country: { column: 'Country/Region', transform: 'country', onInvalid: 'null', optional: true },
      // Street lines, postal code, city, state and country, written as that country writes addresses (postalAddress).
      billingAddress: {
        template: '{Street Address}\n{Street Address 2}\u001f{Postal Code}\u001f{City}\u001f{State/Region}\u001f{Country/Region}', transform: 'postalAddress', optional: true,
      },
      employeeBand: { column: 'Number of Employees', transform: 'employeeBand', onInvalid: 'null', optional: true },
      customerSinceDate: { column: 'Became a Customer Date', onInvalid: 'null', optional: true },
      'customFields.lifecycle_stage': optional('Lifecycle Stage'), 'customFields.annual_revenue': { column: 'Annual Revenue', type: 'decimal', onInvalid: 'null', optional: true },
    } }] },
    { match: '*contact*.csv', requiredColumns: ['Record ID'], records: [{ entity: 'contact', externalId: 'Record ID', fields: {
      accountId: firstCompany, firstName: optional('First Name'), lastName: optional('Last Name'), email: optional('Email'),
      phone: optional('Phone Number'), title: optional('Job Title'), mailingCountry: { column: 'Country/Region', transform: 'country', onInvalid: 'null', optional: true },
      'customFields.lifecycle_stage': optional('Lifecycle Stage'), 'customFields.lead_status': optional('Lead Status'),
    } }] },
    { match: '*deal*.csv', requiredColumns: ['Record ID', 'Deal Name'], records: [{ entity: 'opportunity', externalId: 'Record ID', fields: {
      accountId: firstCompany, name: 'Deal Name', stage: { column: 'Deal Stage', values: DEAL_STAGES },
      amount: { column: 'Amount', currencyColumn: 'Currency', optional: true, fallback: { value: '0' } },
      closeDate: 'Close Date', closedAt: { column: 'Close Date', onlyIf: { column: 'Deal Stage', equals: CLOSED } },
      lostReason: { column: 'Closed Lost Reason', optional: true, fallback: { column: 'Deal Stage', values: { closedlost: 'Not given in the HubSpot export', 'Closed Lost': 'Not given in the HubSpot export' }, otherwise: 'null' } },
      source: optional('Original Source Type'), 'customFields.pipeline': optional('Pipeline'), 'customFields.deal_owner': optional('Deal owner'),
    } }] },
  ],
};
