import { createHmac } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature.ts';

// Published test vector of the Standard Webhooks reference libraries (and Svix).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestampSeconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR = Temporal.Instant.fromEpochMilliseconds(VECTOR.timestampSeconds * 1000);

function headersOf(signature = VECTOR.signature, timestampSeconds = VECTOR.timestampSeconds) {
  return { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signature };
}

describe('signWebhook', () => {
  it('matches the published Standard Webhooks vector', () => {
    expect(signWebhook(VECTOR)).toBe(VECTOR.signature);
  });

  it('matches an HMAC computed independently with node:crypto', () => {
    const secret = generateWebhookSecret();
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update('evt_1.1700000000.{"a":1}').digest('base64');
    expect(signWebhook({ secret, id: 'evt_1', timestampSeconds: 1700000000, body: '{"a":1}' })).toBe(`v1,${expected}`);
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('rejects a secret that is not base64', () => {
    expect(() => signWebhook({ ...VECTOR, secret: 'whsec_not base64!' })).toThrow(RangeError);
  });
});

describe('verifyWebhook', () => {
  it('accepts the vector, also among several signatures (secret rotation)', () => {
    expect(verifyWebhook({ secret: VECTOR.secret, headers: headersOf(), body: VECTOR.body, now: AT_VECTOR })).toEqual({ ok: true });
    const rotated = headersOf(`v1,c29tZXRoaW5nIGVsc2U= ${VECTOR.signature}`);
    expect(verifyWebhook({ secret: VECTOR.secret, headers: rotated, body: VECTOR.body, now: AT_VECTOR })).toEqual({ ok: true });
  });

  it('round-trips webhookHeaders through a fetch Headers object', () => {
    const secret = generateWebhookSecret();
    const sentAt = Temporal.Instant.from('2026-01-15T09:00:00Z');
    const headers = new Headers(webhookHeaders({ secret, id: 'evt_2', sentAt, body: '{}' }));
    expect(headers.get('webhook-timestamp')).toBe(String(sentAt.epochMilliseconds / 1000));
    expect(verifyWebhook({ secret, headers, body: '{}', now: sentAt })).toEqual({ ok: true });
  });

  it('rejects a tampered body, id or signature', () => {
    const base = { secret: VECTOR.secret, now: AT_VECTOR };
    expect(verifyWebhook({ ...base, headers: headersOf(), body: '{"test": 2432232315}' })).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(verifyWebhook({ ...base, headers: { ...headersOf(), 'webhook-id': 'msg_other' }, body: VECTOR.body })).toEqual({ ok: false, reason: 'invalid_signature' });
    const flipped = VECTOR.signature.replace('g0hM', 'g0hN');
    expect(verifyWebhook({ ...base, headers: headersOf(flipped), body: VECTOR.body })).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(verifyWebhook({ ...base, headers: headersOf(VECTOR.signature.replace('v1,', 'v2,')), body: VECTOR.body })).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('rejects another secret', () => {
    expect(verifyWebhook({ secret: generateWebhookSecret(), headers: headersOf(), body: VECTOR.body, now: AT_VECTOR })).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('accepts timestamps within 5 minutes either way and rejects older or newer ones', () => {
    const verifyAt = (offsetSeconds: number) =>
      verifyWebhook({ secret: VECTOR.secret, headers: headersOf(), body: VECTOR.body, now: AT_VECTOR.add({ seconds: offsetSeconds }) });
    expect(verifyAt(300)).toEqual({ ok: true });
    expect(verifyAt(-300)).toEqual({ ok: true });
    expect(verifyAt(301)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyAt(-301)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
  });

  it('rejects missing headers and malformed timestamps', () => {
    const { 'webhook-signature': _dropped, ...unsigned } = headersOf();
    expect(verifyWebhook({ secret: VECTOR.secret, headers: unsigned, body: VECTOR.body, now: AT_VECTOR })).toEqual({ ok: false, reason: 'missing_headers' });
    const badTime = { ...headersOf(), 'webhook-timestamp': '1614265330.5' };
    expect(verifyWebhook({ secret: VECTOR.secret, headers: badTime, body: VECTOR.body, now: AT_VECTOR })).toEqual({ ok: false, reason: 'invalid_timestamp' });
  });
});
