import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/, "Signature
 * scheme"): `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`
 * keyed with the base64-decoded part of a `whsec_<base64>` secret. The id is
 * the event id, the same on every retry, so receivers can drop duplicates.
 */

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export type WebhookHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };

export type VerifyFailure = 'missing_headers' | 'invalid_timestamp' | 'timestamp_out_of_tolerance' | 'invalid_signature';
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** 32 random bytes (the spec allows 24–64). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded)) throw new RangeError('A webhook secret is "whsec_" followed by base64');
  return Buffer.from(encoded, 'base64');
}

export function signWebhook(input: { secret: string; id: string; timestampSeconds: number; body: string }): string {
  const mac = createHmac('sha256', secretKey(input.secret)).update(`${input.id}.${input.timestampSeconds}.${input.body}`).digest('base64');
  return `v1,${mac}`;
}

export function webhookHeaders(input: { secret: string; id: string; sentAt: Temporal.Instant; body: string }): WebhookHeaders {
  const timestampSeconds = Math.floor(input.sentAt.epochMilliseconds / 1000);
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signWebhook({ secret: input.secret, id: input.id, timestampSeconds, body: input.body }),
  };
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSignature(expected: string, candidate: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a received webhook. The timestamp window (default 5 min either way)
 * stops replays of captured requests; the header may list several
 * space-separated signatures (secret rotation) and any valid `v1` passes.
 */
export function verifyWebhook(input: { secret: string; headers: HeaderBag; body: string; now: Temporal.Instant; toleranceSeconds?: number }): VerifyResult {
  const id = header(input.headers, 'webhook-id');
  const timestamp = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'invalid_timestamp' };
  const timestampSeconds = Number(timestamp);
  const nowSeconds = Math.floor(input.now.epochMilliseconds / 1000);
  if (Math.abs(nowSeconds - timestampSeconds) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'timestamp_out_of_tolerance' };
  }
  const expected = signWebhook({ secret: input.secret, id, timestampSeconds, body: input.body });
  const matches = signatures.split(' ').some((candidate) => candidate.startsWith('v1,') && sameSignature(expected, candidate));
  return matches ? { ok: true } : { ok: false, reason: 'invalid_signature' };
}
