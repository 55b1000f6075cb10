import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { formatMoney } from '../lib/format-money.ts';
import { Link } from '../lib/router.tsx';
import { formatPlainDate } from './format-date.ts';
import { MoveMenu } from './move-menu.tsx';
import type { BoardCard, Stage } from './types.ts';

type Props = { card: BoardCard; stages: readonly Stage[]; focused: boolean; onDragStart(card: BoardCard): void; onDragEnd(): void; onMove(card: BoardCard, stage: Stage, viaMenu: boolean): void };

export function OpportunityCard({ card, stages, focused, onDragStart, onDragEnd, onMove }: Props) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <li
      className="pipeline-card"
      draggable
      data-testid="pipeline-card"
      data-opportunity-id={card.id}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', card.id);
        onDragStart(card);
      }}
      onDragEnd={onDragEnd}
    >
      <h3 className="pipeline-card__title">
        <Link to={`/pipeline/opportunities/${encodeURIComponent(card.id)}`}>{card.name}</Link>
      </h3>
      <p className="pipeline-card__account">{card.accountName ?? t('pipeline.card.unknownAccount')}</p>
      <p className="pipeline-card__amount">{formatMoney(card.amount.amountMinor, card.amount.currency, locale)}</p>
      <dl className="pipeline-card__meta">
        <div>
          <dt>{t('pipeline.card.closeDate')}</dt>
          <dd>{formatPlainDate(card.closeDate, locale)}</dd>
        </div>
        <div>
          <dt>{t('pipeline.card.owner')}</dt>
          <dd>{card.ownerName ?? t('pipeline.card.noOwner')}</dd>
        </div>
      </dl>
      <MoveMenu cardName={card.name} current={card.stage} stages={stages} focusOnMount={focused} onChoose={(stage) => onMove(card, stage, true)} />
    </li>
  );
}
