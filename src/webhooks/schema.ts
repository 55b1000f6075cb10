import { z } from 'zod';
import { isEventTypePattern } from '../shared/events/index.ts';

/** http(s) only: other schemes (file:, javascript:, ftp:) are never a webhook receiver. */
export const webhookUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000);

export const eventTypePatternSchema = z
  .string()
  .max(200)
  .refine(isEventTypePattern, 'must be an event type (quote.accepted), a prefix (quote.*) or *');

export const eventTypesSchema = z.array(eventTypePatternSchema).min(1).max(100);

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** Only the create response carries the signing secret; it is never shown again. */
export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({ secret: z.string() });
export type CreatedWebhookEndpoint = z.infer<typeof createdWebhookEndpointSchema>;

export const createWebhookBodySchema = z
  .object({
    url: webhookUrlSchema,
    eventTypes: eventTypesSchema,
    description: z.string().trim().max(500).default(''),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateWebhookInput = z.input<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = z
  .object({
    url: webhookUrlSchema.optional(),
    eventTypes: eventTypesSchema.optional(),
    description: z.string().trim().max(500).optional(),
    enabled: z.boolean().optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateWebhookInput = Omit<z.infer<typeof updateWebhookBodySchema>, 'version'>;

export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
