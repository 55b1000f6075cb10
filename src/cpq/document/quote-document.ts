import { createHash } from 'node:crypto';
import { ownerScope } from '../../crm/index.ts';
import type { Ctx } from '../../shared/context.ts';
import { findAcceptanceRow } from '../acceptance/acceptance-repo.ts';
import { getQuoteRow } from '../quote-repo.ts';
import type { QuoteRow } from '../tables.ts';
import { loadDocumentData } from './document-data.ts';
import { renderQuotePdf } from './render-quote-pdf.ts';

export type QuoteDocument = { pdf: Buffer; sha256: string; fileName: string };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Renders the quote as it stands now (deterministic: same quote, same bytes). */
export async function renderQuoteDocument(ctx: Ctx, quote: QuoteRow): Promise<QuoteDocument> {
  const pdf = await renderQuotePdf(await loadDocumentData(ctx, quote));
  return { pdf, sha256: sha256Hex(pdf), fileName: `${quote.id}-v${quote.version_number}.pdf` };
}

/**
 * The document of a quote: once accepted, the exact bytes the customer accepted (kept with the
 * acceptance), so a later change to a product name cannot alter what was signed; before, a fresh render.
 */
export async function documentOf(ctx: Ctx, quote: QuoteRow): Promise<QuoteDocument> {
  const acceptance = quote.status === 'accepted' ? await findAcceptanceRow(ctx, quote.id) : undefined;
  if (!acceptance) return renderQuoteDocument(ctx, quote);
  const pdf = Buffer.from(acceptance.document_pdf);
  return { pdf, sha256: acceptance.document_sha256, fileName: `${quote.id}-v${quote.version_number}-accepted.pdf` };
}

/** GET /quotes/:id/document.pdf: a quote the actor may see (404 otherwise). */
export async function getQuoteDocument(ctx: Ctx, quoteId: string): Promise<QuoteDocument> {
  return documentOf(ctx, await getQuoteRow(ctx, await ownerScope(ctx), quoteId));
}
