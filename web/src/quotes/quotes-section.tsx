import { ApprovalsInboxPage } from './approvals-page.tsx';
import { NewQuotePage } from './new-quote-page.tsx';
import { QuoteBuilderPage } from './quote-builder-page.tsx';
import { QuoteListPage } from './quote-list-page.tsx';
import './quotes.css';

/** Entry of the quotes section: /quotes, /quotes/new, /quotes/approvals, /quotes/<id>. */
export function QuotesSection({ pathname }: { pathname: string }) {
  const rest = pathname.replace(/^\/quotes\/?/, '');
  if (rest === '') return <QuoteListPage />;
  if (rest === 'new') return <NewQuotePage />;
  if (rest === 'approvals') return <ApprovalsInboxPage />;
  const id = decodeURIComponent(rest.split('/')[0] ?? '');
  return <QuoteBuilderPage key={id} quoteId={id} />;
}
