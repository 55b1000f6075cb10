import type { Ctx } from '../../shared/context.ts';
import { toIsoDate } from '../../shared/dates.ts';
import { money, moneyToJson } from '../../shared/money.ts';
import { loadDocumentData } from '../document/document-data.ts';
import { documentOf, sha256Hex, type QuoteDocument } from '../document/quote-document.ts';
import { renderQuotePdf } from '../document/render-quote-pdf.ts';
import { findAcceptanceRow } from './acceptance-repo.ts';
import { resolveLink } from './resolve-link.ts';
import type { PublicQuote } from './schema.ts';

/**
 * GET /public/quotes/:token: what the customer sees — the document's content as data (the same
 * source as the PDF, so the page and the document cannot disagree), its hash to accept against,
 * and whether it can still be accepted. Internal fields (owner ids, approvals, margins) stay out.
 */
export async function viewPublicQuote(ctx: Ctx, token: string): Promise<PublicQuote> {
  const { quote } = await resolveLink(ctx, token);
  const data = await loadDocumentData(ctx, quote);
  // The accepted bytes once accepted; before, the render of the same data this page shows.
  const documentSha256 = quote.status === 'accepted' ? (await documentOf(ctx, quote)).sha256 : sha256Hex(await renderQuotePdf(data));
  const acceptance = quote.status === 'accepted' ? await findAcceptanceRow(ctx, quote.id) : undefined;
  const expired = quote.expires_on_date <= toIsoDate(ctx.clock.today());
  const of = (minor: bigint) => moneyToJson(money(minor, quote.currency));
  return {
    quote: {
      id: quote.id, versionNumber: quote.version_number, status: quote.status === 'sent' && expired ? 'expired' : quote.status,
      language: quote.language, currency: quote.currency, customer: data.accountName, preparedBy: data.preparedBy, startDate: data.startDate,
      endDate: data.endDate, termMonths: data.termMonths, paymentTermsDays: data.paymentTermsDays, validUntilDate: data.validUntilDate,
      lines: data.lines.map((line) => ({
        lineNumber: line.lineNumber, name: line.name, description: line.description, quantity: Number(line.quantity), billingPeriod: line.billingPeriod,
        ramp: line.ramp, list: of(line.listMinor), discount: of(line.discountMinor), net: of(line.netMinor),
      })),
      years: data.years.map((year) => ({ year: year.year, startDate: year.startDate, endDate: year.endDate, amount: of(year.amountMinor) })),
      totals: Object.fromEntries(Object.entries(data.totals).map(([name, minor]) => [name, of(minor)])),
    },
    document: { path: `/api/v1/public/quotes/${token}/document.pdf`, sha256: documentSha256 },
    acceptable: quote.status === 'sent' && !expired,
    acceptance: acceptance ? { acceptedAt: acceptance.accepted_at.toISOString(), signerName: acceptance.signer_name } : null,
  };
}

/** GET /public/quotes/:token/document.pdf */
export async function getPublicQuoteDocument(ctx: Ctx, token: string): Promise<QuoteDocument> {
  const { quote } = await resolveLink(ctx, token);
  return documentOf(ctx, quote);
}
