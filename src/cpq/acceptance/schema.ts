import { z } from 'zod';
import { QUOTE_LANGUAGES, QUOTE_STATUSES } from '../tables.ts';
import { BILLING_PERIODS } from '../../catalog/index.ts';
import { moneyJsonSchema } from '../field-schemas.ts';

/** A drawn signature: a PNG data URL of at most 200 KB decoded (≈ 270 000 base64 characters). */
export const MAX_SIGNATURE_BYTES = 200_000;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

export const signatureSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('typed'), text: z.string().trim().min(1).max(200) }),
  z.strictObject({
    kind: z.literal('drawn'),
    imageDataUrl: z.string().max(Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4 + 30).regex(PNG_DATA_URL, 'must be a data:image/png;base64 URL')
      .refine(isPng, 'is not a PNG image').describe(`PNG data URL, at most ${MAX_SIGNATURE_BYTES} bytes`),
  }),
]);
export type SignatureInput = z.infer<typeof signatureSchema>;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');

export const publicAcceptBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('the signer types their full name'),
  email: z.string().trim().email().max(320),
  signature: signatureSchema,
  documentSha256: sha256Schema.optional().describe('the SHA-256 of the document the signer read; refused (409) if the quote changed since'),
});
export type PublicAcceptInput = z.infer<typeof publicAcceptBodySchema>;

export const apiAcceptBodySchema = z.strictObject({
  signerName: z.string().trim().min(1).max(200),
  signerEmail: z.string().trim().email().max(320),
  signature: signatureSchema.optional().describe("default: the signer's typed name"),
  documentSha256: sha256Schema.describe('SHA-256 of the PDF the provider had signed: must be the current document (GET /quotes/:id/document.pdf)'),
  provider: z.string().trim().min(1).max(100).optional().describe('e.g. docusign'),
  providerReference: z.string().trim().min(1).max(200).optional().describe("the provider's envelope or request id"),
});
export type ApiAcceptInput = z.infer<typeof apiAcceptBodySchema>;

export const acceptanceSchema = z.object({
  id: z.string(),
  quoteId: z.string(),
  quoteVersionNumber: z.number().int(),
  channel: z.enum(['link', 'api']),
  signerName: z.string(),
  signerEmail: z.string(),
  signatureKind: z.enum(['typed', 'drawn']),
  provider: z.string().nullable(),
  providerReference: z.string().nullable(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  documentSha256: z.string(),
  acceptedAt: z.string(),
});
export type Acceptance = z.infer<typeof acceptanceSchema>;

export const acceptanceLinkSchema = z.object({
  token: z.string().describe('shown once; only its hash is stored'),
  path: z.string().describe('the API path of the public quote'),
  pagePath: z.string().describe("the web page to give the customer: /accept/<token> (prefix the app's public URL)"),
  documentPath: z.string(),
  expiresAt: z.string(),
});

const documentLineSchema = z.object({
  lineNumber: z.number().int(), name: z.string(), description: z.string().nullable(), quantity: z.number().int(),
  billingPeriod: z.enum(BILLING_PERIODS), ramp: z.array(z.object({ year: z.number().int(), quantity: z.number().int() })).nullable(),
  list: moneyJsonSchema, discount: moneyJsonSchema, net: moneyJsonSchema,
});

export const publicQuoteSchema = z.object({
  quote: z.object({
    id: z.string(), versionNumber: z.number().int(), status: z.enum(QUOTE_STATUSES), language: z.enum(QUOTE_LANGUAGES), currency: z.string(),
    customer: z.string(), preparedBy: z.string().nullable(), startDate: z.string(), endDate: z.string(), termMonths: z.number().int(),
    paymentTermsDays: z.number().int(), validUntilDate: z.string(), lines: z.array(documentLineSchema),
    years: z.array(z.object({ year: z.number().int(), startDate: z.string(), endDate: z.string(), amount: moneyJsonSchema })),
    totals: z.record(z.string(), moneyJsonSchema),
  }),
  document: z.object({ path: z.string(), sha256: z.string() }),
  acceptable: z.boolean().describe('false once accepted, superseded or expired'),
  acceptance: z.object({ acceptedAt: z.string(), signerName: z.string() }).nullable(),
});
export type PublicQuote = z.infer<typeof publicQuoteSchema>;

function isPng(dataUrl: string): boolean {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  return bytes.length <= MAX_SIGNATURE_BYTES && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
