/** Domain events: transactional outbox, in-process subscribers, signed outbound webhooks. See dispatcher.ts. */
export { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './backoff.ts';
export {
  abandonPendingDeliveries, findDelivery, listDeliveries, requeueDelivery,
  type DeliveryLogEntry, type DeliveryStatus, type DeliveryTargetRef,
} from './delivery-log.ts';
export {
  dispatchDueDeliveries, startDispatcher,
  type DispatchOptions, type DispatchResult, type Dispatcher, type DispatcherOptions,
} from './dispatcher.ts';
export { isEventType, isEventTypePattern, matchesEventType } from './event-types.ts';
export { publishEvent, publishEvents, type NewEvent, type PublishOptions } from './publish-event.ts';
export { webhookBody } from './run-webhook-delivery.ts';
export { forgetWebhookTargets } from './webhook-targets.ts';
export { sendWebhook, type SendWebhook, type SendWebhookInput, type SendWebhookResult } from './send-webhook.ts';
export {
  createSubscriberRegistry, defaultSubscriberRegistry, registerSubscriber,
  type DomainEvent, type Subscriber, type SubscriberRegistry,
} from './subscribers.ts';
export {
  DEFAULT_TOLERANCE_SECONDS, generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders,
  type VerifyFailure, type VerifyResult, type WebhookHeaders,
} from './webhook-signature.ts';
