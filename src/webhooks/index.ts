/** Outbound webhook endpoints: registration (admin only) and their delivery log. Delivery itself is src/shared/events. */
export { webhookRoutes } from './routes.ts';
export {
  createWebhookEndpoint, deleteWebhookEndpoint, getWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints,
  retryWebhookDelivery, updateWebhookEndpoint,
} from './service.ts';
export type { CreatedWebhookEndpoint, CreateWebhookInput, UpdateWebhookInput, WebhookDelivery, WebhookEndpoint } from './schema.ts';
