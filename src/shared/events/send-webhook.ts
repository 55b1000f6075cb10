import type { Temporal } from 'temporal-polyfill';
import { webhookHeaders } from './webhook-signature.ts';

export type SendWebhookInput = {
  url: string;
  secret: string;
  /** The event id: the message id of Standard Webhooks, shared by every retry. */
  eventId: string;
  body: string;
  timeoutMs: number;
  /** The attempt's time (from ctx.clock), signed as webhook-timestamp. */
  sentAt: Temporal.Instant;
};

export type SendWebhookResult = { ok: boolean; status?: number; error?: string };
export type SendWebhook = (input: SendWebhookInput) => Promise<SendWebhookResult>;

const USER_AGENT = 'Revline-Webhooks/1';

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const detail = cause instanceof Error ? ((cause as Error & { code?: string }).code ?? cause.message) : undefined;
  return detail ? `${error.message}: ${detail}` : error.message;
}

/**
 * One signed POST. Only a 2xx counts as delivered; redirects are not followed
 * (the spec treats them as failures, and following them would let an endpoint
 * bounce our signed request elsewhere). Network errors become a result, never
 * a throw, so one bad endpoint cannot stop a dispatch batch.
 */
export const sendWebhook: SendWebhook = async (input) => {
  try {
    const headers = webhookHeaders({ secret: input.secret, id: input.eventId, sentAt: input.sentAt, body: input.body });
    const response = await fetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
      body: input.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    // The receiver's body is not needed; cancelling frees the connection.
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return ok ? { ok, status: response.status } : { ok, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: describeFailure(error, input.timeoutMs) };
  }
};
