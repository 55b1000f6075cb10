import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest, ApiError, type Problem } from '../lib/api.ts';
import type { ApprovalRequest, Product, Quote, QuoteChecks } from './types.ts';

export type QuoteOperation = (quote: Quote) => Promise<Quote>;

export type QuoteBuilder = {
  quote: Quote | null;
  loadProblem: Problem | null;
  checks: QuoteChecks | null;
  approvals: ApprovalRequest[];
  products: Map<string, Product>;
  /** Changes in flight: the totals shown are the server's last answer until this is 0. */
  pending: number;
  /** Runs a change after every earlier one (so each sends the latest version); rejects with the ApiError. */
  mutate(operation: QuoteOperation): Promise<Quote>;
  /** Shows a quote the server returned outside mutate (submit, send, revise). */
  accept(quote: Quote): void;
  reload(): void;
};

/** The builder's server state: the quote (the only source of totals), its checks, approvals and product names. */
export function useQuoteBuilder(quoteId: string): QuoteBuilder {
  const [quote, setQuote] = useState<Quote | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [checks, setChecks] = useState<QuoteChecks | null>(null);
  const [approvals, setApprovals] = useState<ApprovalRequest[]>([]);
  const [products, setProducts] = useState<Map<string, Product>>(new Map());
  const [pending, setPending] = useState(0);
  const latest = useRef<Quote | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const path = `/quotes/${encodeURIComponent(quoteId)}`;

  const refreshSide = useCallback(async () => {
    const [nextChecks, nextApprovals] = await Promise.all([
      apiRequest<QuoteChecks>('GET', `${path}/checks`).catch(() => null),
      apiRequest<{ data: ApprovalRequest[] }>('GET', `${path}/approvals`).then((r) => r.data, () => []),
    ]);
    setChecks(nextChecks);
    setApprovals(nextApprovals);
  }, [path]);

  const show = useCallback((next: Quote) => {
    latest.current = next;
    setQuote(next);
    void refreshSide();
  }, [refreshSide]);

  const reload = useCallback(() => {
    setLoadProblem(null);
    apiRequest<Quote>('GET', path).then(show, (error: unknown) => {
      setLoadProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    });
  }, [path, show]);
  useEffect(reload, [reload]);

  // Names for the lines' products, fetched once each.
  useEffect(() => {
    const missing = [...new Set((quote?.lines ?? []).map((line) => line.productId))].filter((id) => !products.has(id));
    if (missing.length === 0) return;
    void Promise.all(missing.map((id) => apiRequest<Product>('GET', `/products/${encodeURIComponent(id)}`).catch(() => null))).then((found) => {
      setProducts((current) => {
        const next = new Map(current);
        for (const product of found) if (product) next.set(product.id, product);
        return next;
      });
    });
  }, [quote, products]);

  const mutate = useCallback((operation: QuoteOperation) => {
    setPending((n) => n + 1);
    const run = chain.current.then(async () => {
      const current = latest.current;
      if (current === null) throw new Error('quote not loaded');
      const next = await operation(current);
      show(next);
      return next;
    });
    chain.current = run.catch(() => undefined);
    void run.finally(() => setPending((n) => n - 1)).catch(() => undefined);
    return run;
  }, [show]);

  return { quote, loadProblem, checks, approvals, products, pending, mutate, accept: show, reload };
}
