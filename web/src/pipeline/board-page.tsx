import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { PageLoading } from '../components/spinner.tsx';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';
import { BoardColumn } from './board-column.tsx';
import { LostReasonDialog, type LostMove } from './lost-reason-dialog.tsx';
import { BOARD_FILTER_KEYS, PipelineFilters } from './pipeline-filters.tsx';
import type { BoardCard, Stage } from './types.ts';
import { useBoard } from './use-board.ts';
import { useUrlFilters } from './use-url-filters.ts';
import { stageLabel } from './stage-label.ts';

/** /pipeline: the kanban. Drag a card to another column, or use its "Move to…" menu. */
export function BoardPage() {
  const { t } = useTranslation();
  const { filters, setFilters } = useUrlFilters(BOARD_FILTER_KEYS);
  const board = useBoard(filters);
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [lostMove, setLostMove] = useState<LostMove | null>(null);
  const [moveProblem, setMoveProblem] = useState<ErrorSummary | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusCardId, setFocusCardId] = useState<string | null>(null);
  const { move } = board;

  const requestMove = useCallback(
    (card: BoardCard, stage: Stage, viaMenu: boolean) => {
      setDragging(null);
      setMoveProblem(null);
      setFocusCardId(viaMenu ? card.id : null);
      if (card.stage === stage.key) return;
      // A lost stage needs a reason: ask first, move when given.
      if (stage.kind === 'lost') {
        setLostMove({ card, stage });
        return;
      }
      move(card, stage.key).then(
        () => setAnnouncement(t('pipeline.board.moved', { name: card.name, stage: stageLabel(stage) })),
        (error: unknown) => setMoveProblem(summarizeError(error, t)),
      );
    },
    [move, t],
  );

  const confirmLost = useCallback(
    async (pending: LostMove, lostReason: string) => {
      await move(pending.card, pending.stage.key, lostReason);
      setLostMove(null);
      setAnnouncement(t('pipeline.board.moved', { name: pending.card.name, stage: stageLabel(pending.stage) }));
    },
    [move, t],
  );

  return (
    <div className="pipeline-board-page">
      <PipelineFilters idPrefix="board-filter" filters={filters} onChange={setFilters} />
      {moveProblem ? (
        <Banner tone="error" title={moveProblem.title} detail={moveProblem.detail}>
          <button type="button" className="button button--secondary button--small" onClick={() => setMoveProblem(null)}>{t('pipeline.common.dismiss')}</button>
        </Banner>
      ) : null}
      {board.problem ? (
        <Banner tone="error" title={board.problem.title} detail={board.problem.detail ?? null}>
          <button type="button" className="button button--secondary" onClick={() => void board.reload()}>{t('errors.retry')}</button>
        </Banner>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      {board.stages === null && board.problem === null ? <PageLoading label={t('app.loading')} /> : null}
      {board.stages ? (
        <div className="pipeline-board" data-testid="pipeline-board">
          {board.stages.map((stage) => (
            <BoardColumn
              key={stage.key}
              stage={stage}
              stages={board.stages ?? []}
              column={board.columns[stage.key] ?? { cards: [], nextCursor: null, loading: false, problem: null }}
              summary={board.summaries[stage.key]}
              dragging={dragging}
              focusCardId={focusCardId}
              onDragStart={setDragging}
              onDragEnd={() => setDragging(null)}
              onMove={requestMove}
              onShowMore={() => board.showMore(stage.key)}
            />
          ))}
        </div>
      ) : null}
      <LostReasonDialog move={lostMove} onCancel={() => setLostMove(null)} onConfirm={confirmLost} />
    </div>
  );
}
