import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/i18n.ts';
import { formatNumber } from '../lib/format.ts';
import { MoneyTotals } from './money-totals.tsx';
import { OpportunityCard } from './opportunity-card.tsx';
import type { BoardCard, Stage, StageSummary } from './types.ts';
import type { Column } from './use-board.ts';
import { stageLabel } from './stage-label.ts';

type Props = {
  stage: Stage;
  stages: readonly Stage[];
  column: Column;
  summary: StageSummary | undefined;
  dragging: BoardCard | null;
  focusCardId: string | null;
  onDragStart(card: BoardCard): void;
  onDragEnd(): void;
  onMove(card: BoardCard, stage: Stage, viaMenu: boolean): void;
  onShowMore(): void;
};

/** A stage: heading with the server's count and per-currency totals, its cards, "show more". */
export function BoardColumn({ stage, stages, column, summary, dragging, focusCardId, onDragStart, onDragEnd, onMove, onShowMore }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const headingId = `pipeline-column-${stage.key}-title`;
  const count = summary?.count ?? 0;
  const droppable = dragging !== null && dragging.stage !== stage.key;
  return (
    <section
      className={['pipeline-column', `pipeline-column--${stage.kind}`, over && droppable ? 'pipeline-column--over' : ''].filter(Boolean).join(' ')}
      aria-labelledby={headingId}
      data-testid={`pipeline-column-${stage.key}`}
      onDragOver={(event) => {
        if (!droppable) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (dragging && droppable) onMove(dragging, stage, false);
      }}
    >
      <header className="pipeline-column__header">
        <h2 id={headingId} className="pipeline-column__title">
          {stageLabel(stage)}
          <span className="badge badge--neutral pipeline-column__count" data-testid="pipeline-column-count">
            <span className="visually-hidden">{t('pipeline.board.countLabel')} </span>
            {formatNumber(count, intlLocale())}
          </span>
        </h2>
        <div data-testid="pipeline-column-totals">
          <MoneyTotals totals={summary?.totals ?? []} />
        </div>
      </header>
      <ul className="pipeline-column__cards" aria-label={t('pipeline.board.cardsOf', { stage: stageLabel(stage) })}>
        {column.cards.map((card) => (
          <OpportunityCard key={card.id} card={card} stages={stages} focused={card.id === focusCardId} onDragStart={onDragStart} onDragEnd={onDragEnd} onMove={onMove} />
        ))}
      </ul>
      {column.cards.length === 0 && !column.loading && column.problem === null ? <p className="pipeline-column__empty">{t('pipeline.board.empty')}</p> : null}
      {column.loading ? (
        <p className="pipeline-column__empty" role="status">
          {t('app.loading')}
        </p>
      ) : null}
      {column.problem ? (
        <p className="pipeline-column__problem" role="alert">
          {column.problem.title}
        </p>
      ) : null}
      {column.nextCursor !== null && !column.loading ? (
        <button type="button" className="button button--secondary button--small pipeline-column__more" onClick={onShowMore}>
          {t('pipeline.board.showMore', { shown: formatNumber(column.cards.length, intlLocale()), total: formatNumber(count, intlLocale()) })}
        </button>
      ) : null}
    </section>
  );
}
