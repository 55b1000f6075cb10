import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Timestamp } from '../../shared/db/tables.ts';
import { pageQuerySchema } from '../../shared/http/pagination.ts';
import { recordId, text } from '../shared-fields.ts';
import { importedRecordResponseFields } from '../record-envelope.ts';

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_CHANNELS = ['email', 'chat', 'phone', 'web', 'social', 'other'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

const instant = z.iso.datetime({ offset: true }).describe('Instant, ISO 8601 with offset, e.g. 2026-01-15T09:00:00Z');
const csat = z.number().int().min(1).max(5).describe('Customer satisfaction, 1 (worst) to 5 (best)');

/**
 * Create. openedAt left out is now; closedAt left out on a solved/closed ticket is now too.
 * Imports send all three instants as the source system recorded them.
 */
export const createTicketSchema = z
  .object({
    accountId: recordId,
    contactId: recordId.nullable().default(null),
    subject: text(500),
    description: z.string().max(20_000).nullable().default(null),
    priority: z.enum(TICKET_PRIORITIES).default('normal'),
    status: z.enum(TICKET_STATUSES).default('open'),
    channel: z.enum(TICKET_CHANNELS).nullable().default(null),
    openedAt: instant.optional(),
    firstResponseAt: instant.nullable().default(null),
    closedAt: instant.nullable().optional(),
    csat: csat.nullable().default(null),
    sourceSystem: text(50).nullable().default(null),
    externalId: text(200).nullable().default(null),
  })
  .strict();
export type CreateTicketInput = z.input<typeof createTicketSchema>;

/** PATCH: absent = unchanged, null clears. */
export const updateTicketSchema = z
  .object({
    accountId: recordId,
    contactId: recordId.nullable(),
    subject: text(500),
    description: z.string().max(20_000).nullable(),
    priority: z.enum(TICKET_PRIORITIES),
    status: z.enum(TICKET_STATUSES),
    channel: z.enum(TICKET_CHANNELS).nullable(),
    openedAt: instant,
    firstResponseAt: instant.nullable(),
    closedAt: instant.nullable(),
    csat: csat.nullable(),
    sourceSystem: text(50).nullable(),
    externalId: text(200).nullable(),
  })
  .partial()
  .strict();
export type UpdateTicketInput = z.input<typeof updateTicketSchema>;
export type TicketChanges = z.output<typeof updateTicketSchema>;
export const updateTicketBodySchema = updateTicketSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const ticketSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  contactId: z.string().nullable(),
  subject: z.string(),
  description: z.string().nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  channel: z.enum(TICKET_CHANNELS).nullable(),
  openedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  csat: z.number().int().nullable(),
  ...importedRecordResponseFields,
});
export type Ticket = z.infer<typeof ticketSchema>;
export type TicketFields = Omit<Ticket, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export const TICKET_SORTS = ['openedAt', 'createdAt', 'updatedAt', 'subject'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export const listTicketsQuerySchema = pageQuerySchema
  .extend({
    q: text(200).optional(),
    accountId: recordId.optional(),
    contactId: recordId.optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    channel: z.enum(TICKET_CHANNELS).optional(),
    openedFrom: instant.optional().describe('Opened at or after (inclusive)'),
    openedBefore: instant.optional().describe('Opened before (exclusive)'),
    sort: z.enum(TICKET_SORTS).default('openedAt'),
    order: z.enum(['asc', 'desc']).optional().describe('default: asc for subject, desc for times'),
  })
  .strict();
export type ListTicketsQuery = z.input<typeof listTicketsQuerySchema>;

export type SupportTicketsTable = {
  id: string;
  account_id: string;
  contact_id: string | null;
  subject: string;
  description: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  channel: TicketChannel | null;
  opened_at: Timestamp;
  first_response_at: Timestamp | null;
  closed_at: Timestamp | null;
  csat: number | null;
  source_system: string | null;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  version: Generated<number>;
};
export type TicketRow = Selectable<SupportTicketsTable>;
export type TicketTables = { support_tickets: SupportTicketsTable };
