import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';
import { reviseQuote } from '../index.ts';
import { createCpqTestApp, expectProblem } from '../test-fixtures/cpq-test-app.ts';
import { auditTrail } from '../test-fixtures/seed.ts';
import type { AcceptanceTables } from './tables.ts';
import { makeSentQuote } from './test-fixtures/sent-quote.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const signer = { name: 'Maria Rossi', email: 'maria@customer.example', signature: { kind: 'typed', text: 'Maria Rossi' } };
// A 1×1 transparent PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('customer acceptance', () => {
  let t: TestApp;
  const view = (token: string) => t.request(null, { method: 'GET', url: `/api/v1/public/quotes/${token}` });
  const accept = (token: string, payload: object, headers: Record<string, string> = {}) =>
    t.request(null, { method: 'POST', url: `/api/v1/public/quotes/${token}/accept`, payload, headers });

  beforeAll(async () => {
    t = await createCpqTestApp();
  });
  afterAll(() => t.close());

  it('accepts through the public link, keeping time, IP, user agent and the SHA-256 of the exact PDF served', async () => {
    const { quote, token } = await makeSentQuote(t.ctx, { language: 'de' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await view(token);
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as { quote: { status: string; totals: { tcv: { amountMinor: number } } }; acceptable: boolean; document: { path: string; sha256: string } };
    expect(body).toMatchObject({ acceptable: true, quote: { status: 'sent', totals: { tcv: { amountMinor: 1_481_472 } } } });
    const pdf = await t.request(null, { method: 'GET', url: body.document.path });
    expect(pdf.statusCode).toBe(200);
    expect(sha256(pdf.rawPayload)).toBe(body.document.sha256);

    const accepted = await accept(token, { ...signer, documentSha256: body.document.sha256 }, { 'user-agent': 'Browser/1.0' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({
      quoteId: quote.id, channel: 'link', signerName: 'Maria Rossi', signerEmail: 'maria@customer.example', signatureKind: 'typed',
      ipAddress: '127.0.0.1', userAgent: 'Browser/1.0', documentSha256: sha256(pdf.rawPayload), acceptedAt: '2026-01-15T09:00:00.000Z',
    });
    const stored = await t.ctx.db.withTables<AcceptanceTables>().selectFrom('quote_acceptances').selectAll().where('quote_id', '=', quote.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.document_pdf).equals(pdf.rawPayload)).toBe(true);

    const after = await t.request('revops', { method: 'GET', url: `/api/v1/quotes/${quote.id}` });
    expect(after.json()).toMatchObject({ status: 'accepted' });
    // The document served afterwards is the accepted one, byte for byte.
    const again = await t.request('revops', { method: 'GET', url: `/api/v1/quotes/${quote.id}/document.pdf` });
    expect(sha256(again.rawPayload)).toBe(stored.document_sha256);

    const events = await t.ctx.db.selectFrom('outbox_events').select(['type', 'payload']).where('aggregate_id', '=', quote.id).orderBy('occurred_at').execute();
    expect(events.map((e) => e.type)).toEqual(['quote.sent', 'quote.accepted']);
    expect(events[1]?.payload).toMatchObject({
      quoteId: quote.id, quoteVersion: 1, opportunityId: quote.opportunityId, accountId: quote.accountId, acceptedAt: '2026-01-15T09:00:00.000Z', documentSha256: stored.document_sha256,
    });
    // Neither the token nor its hash is in the event or the audit log.
    expect(JSON.stringify(events)).not.toContain(token);
    const trail = await auditTrail(t.ctx, 'quote', quote.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'submit', 'send', 'accept']);
    expect(trail[3]?.actor_id).toMatch(/^link:qal_/);
  });

  it('refuses a replay: the same link cannot accept twice', async () => {
    const { token } = await makeSentQuote(t.ctx);
    expect((await accept(token, signer)).statusCode).toBe(201);
    const replay = expectProblem(await accept(token, signer), 409, 'conflict');
    expect(String(replay['detail'])).toMatch(/already accepted on 2026-01-15/);
    expect((await view(token)).json()).toMatchObject({ acceptable: false, quote: { status: 'accepted' }, acceptance: { signerName: 'Maria Rossi' } });
  });

  it('answers a tampered, malformed or unknown token exactly like an expired one', async () => {
    const { token } = await makeSentQuote(t.ctx);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const answers = [];
    for (const bad of [tampered, 'short', `${token}x`]) {
      answers.push(expectProblem(await view(bad), 404, 'quote_link_invalid'));
      expectProblem(await accept(bad, signer), 404, 'quote_link_invalid');
    }
    const detail = answers[0]?.['detail'];
    expect(detail).toBe('This quote link is invalid or has expired. Ask your contact for a new one.');
    for (const answer of answers) expect(answer['detail']).toBe(detail);
    // The good token still works: nothing above used it up.
    expect((await view(token)).statusCode).toBe(200);
  });

  it('expires with the quote: after its valid-until day the link is invalid, with the same answer', async () => {
    const { token } = await makeSentQuote(t.ctx, { quote: { expiresOnDate: '2026-01-20' } });
    t.clock.set('2026-01-19T23:59:59Z');
    expect((await view(token)).statusCode).toBe(200);
    t.clock.set('2026-01-20T00:00:00Z');
    const expired = expectProblem(await accept(token, signer), 404, 'quote_link_invalid');
    expect(expired['detail']).toBe('This quote link is invalid or has expired. Ask your contact for a new one.');
    t.clock.set('2026-01-15T09:00:00Z');
  });

  it('refuses a superseded quote and says why', async () => {
    const { quote, token } = await makeSentQuote(t.ctx);
    await reviseQuote(t.ctx, { id: quote.id });
    const refused = expectProblem(await accept(token, signer), 409, 'conflict');
    expect(String(refused['detail'])).toMatch(/replaced by a newer version/);
    expect((await view(token)).json()).toMatchObject({ acceptable: false, quote: { status: 'superseded' } });
  });

  it('refuses a document that changed since the signer read it, and a bad signature', async () => {
    const { token } = await makeSentQuote(t.ctx);
    const stale = expectProblem(await accept(token, { ...signer, documentSha256: '0'.repeat(64) }), 409, 'conflict');
    expect(stale['currentDocumentSha256']).toMatch(/^[0-9a-f]{64}$/);
    expectProblem(await accept(token, { ...signer, signature: { kind: 'drawn', imageDataUrl: 'data:image/png;base64,aGVsbG8=' } }), 400, 'validation_failed');
    expectProblem(await accept(token, { ...signer, email: 'not-an-email' }), 400, 'validation_failed');
    const drawn = await accept(token, { ...signer, signature: { kind: 'drawn', imageDataUrl: PNG } });
    expect(drawn.statusCode, drawn.body).toBe(201);
    expect(drawn.json()).toMatchObject({ signatureKind: 'drawn' });
  });

  it('refuses a drawn signature over the size limit', async () => {
    const { token } = await makeSentQuote(t.ctx);
    const huge = `data:image/png;base64,${Buffer.concat([Buffer.from(PNG.split(',')[1] ?? '', 'base64'), Buffer.alloc(250_000)]).toString('base64')}`;
    expectProblem(await accept(token, { ...signer, signature: { kind: 'drawn', imageDataUrl: huge } }), 400, 'validation_failed');
  });

  it('accepts through the API for e-signature providers, naming the signed document; reps may not', async () => {
    const { quote } = await makeSentQuote(t.ctx);
    const pdf = await t.request('revops', { method: 'GET', url: `/api/v1/quotes/${quote.id}/document.pdf` });
    const body = { signerName: 'Jon Doe', signerEmail: 'jon@customer.example', documentSha256: sha256(pdf.rawPayload), provider: 'docusign', providerReference: 'env-123' };
    expectProblem(await t.request('sales_rep', { method: 'POST', url: `/api/v1/quotes/${quote.id}/accept`, payload: body }), 403, 'forbidden');
    expectProblem(await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quote.id}/accept`, payload: { ...body, documentSha256: 'f'.repeat(64) } }), 409, 'conflict');
    const accepted = await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quote.id}/accept`, payload: body });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ channel: 'api', provider: 'docusign', providerReference: 'env-123', signatureKind: 'typed', documentSha256: body.documentSha256 });
    expectProblem(await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quote.id}/accept`, payload: body }), 409, 'conflict');
  });

  it('re-issuing a link revokes the old one', async () => {
    const { quote, token } = await makeSentQuote(t.ctx);
    const reissued = await t.request('revops', { method: 'POST', url: `/api/v1/quotes/${quote.id}/acceptance-link` });
    expect(reissued.statusCode, reissued.body).toBe(201);
    const fresh = (reissued.json() as { token: string }).token;
    expect(fresh).not.toBe(token);
    // The web page to hand the customer, beside the API paths.
    expect(reissued.json()).toMatchObject({ path: `/api/v1/public/quotes/${fresh}`, pagePath: `/accept/${fresh}`, documentPath: `/api/v1/public/quotes/${fresh}/document.pdf` });
    expectProblem(await view(token), 404, 'quote_link_invalid');
    expect((await view(fresh)).statusCode).toBe(200);
  });
});
