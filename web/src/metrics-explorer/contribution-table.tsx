import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { formatMoney } from '../lib/format-money.ts';
import { formatNumber } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { sumOfRows, type ContributionRow } from './contribution-rows.ts';
import { columnLabel, labelOr } from './metric-labels.ts';
import { useAccountNames } from '../lib/use-account-names.ts';
import { stageLabelOf } from '../pipeline/stage-label.ts';

const PAGE_ROWS = 100;

/** A record's field as words: amounts in the figure's format, yes/no, a pipeline stage by its label, else as sent. */
function detailText(detail: ContributionRow['details'][number], currency: string | undefined, locale: string, t: TFunction): string {
  if (detail.money && typeof detail.value === 'number') return money(detail.value, detail.currency ?? currency, locale);
  if (typeof detail.value === 'boolean') return detail.value ? t('metricsExplorer.explain.yes') : t('metricsExplorer.explain.no');
  if (detail.name === 'stage' && typeof detail.value === 'string') return stageLabelOf(detail.value, []);
  return String(detail.value);
}

function money(amount: bigint | number | string, currency: string | undefined, locale: string): string {
  return currency ? formatMoney(amount, currency, locale) : formatNumber(typeof amount === 'string' ? Number(amount) : amount, locale);
}

function RecordCell({ row, names }: { row: ContributionRow; names: ReadonlyMap<string, string | null> }) {
  const { t } = useTranslation();
  if (row.links.length === 0) return <span className="muted">—</span>;
  return (
    <span className="metrics-explain__links">
      {row.links.map((link) => (
        <Link key={`${link.kind}-${link.id}`} to={link.href} className={link.kind === 'customer' ? 'metrics-explain__primary' : undefined}>
          {link.kind === 'customer' ? (names.get(link.id) ?? link.id) : t(`metricsExplorer.explain.link.${link.kind}`, { id: link.id })}
        </Link>
      ))}
    </span>
  );
}

/**
 * The records behind a figure with their amounts and, in the footer, their exact sum. Long lists
 * (every customer of a large book) are shown a page at a time; names are fetched for shown rows only.
 */
export function ContributionTable({ rows, currency }: { rows: readonly ContributionRow[]; currency: string | undefined }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const [shown, setShown] = useState(PAGE_ROWS);
  const visible = rows.slice(0, shown);
  const names = useAccountNames(visible.flatMap((row) => (row.accountId ? [row.accountId] : [])));
  const hasAmounts = rows.some((row) => row.amountMinor !== null);
  if (rows.length === 0) return <p className="card__empty">{t('metricsExplorer.explain.noRecords')}</p>;
  return (
    <>
      <div className="metrics-explain__table">
        <table className="table" data-testid="explain-contributions">
          <caption className="visually-hidden">{t('metricsExplorer.explain.recordsCaption', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('metricsExplorer.explain.record')}</th>
              <th scope="col">{t('metricsExplorer.explain.role')}</th>
              {hasAmounts ? <th scope="col" className="metrics-num">{t('metricsExplorer.explain.amount')}</th> : null}
              <th scope="col">{t('metricsExplorer.explain.details')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.key} data-testid="explain-row">
                <td><RecordCell row={row} names={names} /></td>
                <td>{row.role === null ? '—' : labelOr(`metricsExplorer.movements.${row.role}`, labelOr(`metricsExplorer.explain.roles.${row.role}`, row.role))}</td>
                {hasAmounts ? <td className="metrics-num" data-testid="explain-amount">{row.amountMinor === null ? '—' : money(row.amountMinor, row.currency, locale)}</td> : null}
                <td>
                  {/* The flex box inside the cell: a td with display:flex is no table cell, and its row's lines went astray. */}
                  <div className="metrics-explain__details">
                    {row.details.map((detail) => (
                      <span key={detail.name}>
                        {columnLabel(detail.name)}: {detailText(detail, row.currency, locale, t)}
                      </span>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
          {hasAmounts ? (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>{t('metricsExplorer.explain.sum', { n: rows.length })}</th>
                <td className="metrics-num" data-testid="explain-sum">{money(sumOfRows(rows), currency ?? rows[0]?.currency, locale)}</td>
                <td />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {rows.length > shown ? (
        <button type="button" className="button button--secondary button--small" onClick={() => setShown((count) => count + PAGE_ROWS)}>
          {t('metricsExplorer.explain.showMore', { shown, total: rows.length })}
        </button>
      ) : null}
    </>
  );
}
