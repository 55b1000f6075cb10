import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import i18next from 'i18next';
import { ApiError, type Problem } from '../lib/api.ts';
import { fetchBoardSummary, fetchCards, fetchStages, moveOpportunity } from './api.ts';
import { addToTotals } from './money.ts';
import type { BoardCard, Stage, StageSummary } from './types.ts';
import type { Filters } from './use-url-filters.ts';

export const CARDS_PER_PAGE = 20;

export type Column = { cards: BoardCard[]; nextCursor: string | null; loading: boolean; problem: Problem | null };
type BoardState = { stages: Stage[] | null; summaries: Record<string, StageSummary>; columns: Record<string, Column>; problem: Problem | null };

export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { title: i18next.t('errors.unexpectedTitle'), status: 0, detail: error instanceof Error ? error.message : String(error) };
}

const byCloseDate = (a: BoardCard, b: BoardCard) => (a.closeDate < b.closeDate ? -1 : a.closeDate > b.closeDate ? 1 : a.id < b.id ? -1 : 1);
const emptySummary = (stage: string): StageSummary => ({ stage, count: 0, totals: [] });

/** Moves a card between columns and its amount between their totals (exact, per currency). */
function relocate(state: BoardState, card: BoardCard, from: string, to: BoardCard): BoardState {
  const source = state.columns[from];
  const target = state.columns[to.stage];
  if (!source || !target) return state;
  const fromSummary = state.summaries[from] ?? emptySummary(from);
  const toSummary = state.summaries[to.stage] ?? emptySummary(to.stage);
  return {
    ...state,
    columns: {
      ...state.columns,
      [from]: { ...source, cards: source.cards.filter((c) => c.id !== card.id) },
      [to.stage]: { ...target, cards: [...target.cards.filter((c) => c.id !== card.id), to].sort(byCloseDate) },
    },
    summaries: {
      ...state.summaries,
      [from]: { ...fromSummary, count: fromSummary.count - 1, totals: addToTotals(fromSummary.totals, card.amount, -1) },
      [to.stage]: { ...toSummary, count: toSummary.count + 1, totals: addToTotals(toSummary.totals, to.amount, 1) },
    },
  };
}

/**
 * The kanban's data: active stages in configured order, the server's count and totals per
 * column, and the first page of each column (more on demand). Moves are optimistic and undone
 * if the server refuses them.
 */
export function useBoard(filters: Filters) {
  const [state, setState] = useState<BoardState>({ stages: null, summaries: {}, columns: {}, problem: null });
  const generation = useRef(0);
  const filterKey = JSON.stringify(filters);
  // Callers build the filters inline; their JSON is the stable identity.
  const stableFilters = useMemo(() => JSON.parse(filterKey) as Filters, [filterKey]);

  const refreshSummary = useCallback(async () => {
    const id = generation.current;
    const summaries = await fetchBoardSummary(stableFilters);
    if (id === generation.current) setState((s) => ({ ...s, summaries: Object.fromEntries(summaries.map((x) => [x.stage, x])) }));
  }, [stableFilters]);

  const loadColumn = useCallback(async (stage: string, cursor: string | null) => {
    const id = generation.current;
    setState((s) => ({ ...s, columns: { ...s.columns, [stage]: { ...(s.columns[stage] ?? { cards: [], nextCursor: null }), loading: true, problem: null } } }));
    try {
      const page = await fetchCards({ ...stableFilters, stage, sort: 'closeDate', limit: CARDS_PER_PAGE }, cursor);
      if (id !== generation.current) return;
      setState((s) => {
        const kept = cursor === null ? [] : (s.columns[stage]?.cards ?? []);
        const cards = [...kept, ...page.data.filter((c) => !kept.some((k) => k.id === c.id))];
        return { ...s, columns: { ...s.columns, [stage]: { cards, nextCursor: page.nextCursor, loading: false, problem: null } } };
      });
    } catch (error) {
      if (id !== generation.current) return;
      setState((s) => ({ ...s, columns: { ...s.columns, [stage]: { ...(s.columns[stage] ?? { cards: [], nextCursor: null }), loading: false, problem: toProblem(error) } } }));
    }
  }, [stableFilters]);

  const reload = useCallback(async () => {
    generation.current += 1;
    try {
      const stages = (await fetchStages()).filter((stage) => stage.active);
      setState((s) => ({ ...s, stages, problem: null, columns: Object.fromEntries(stages.map((st) => [st.key, { cards: [], nextCursor: null, loading: true, problem: null }])) }));
      await Promise.all([refreshSummary(), ...stages.map((stage) => loadColumn(stage.key, null))]);
    } catch (error) {
      setState((s) => ({ ...s, problem: toProblem(error) }));
    }
  }, [refreshSummary, loadColumn]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Resolves when the server took the move; throws its error after undoing the move on screen. */
  const move = useCallback(
    async (card: BoardCard, stage: string, lostReason?: string) => {
      const from = card.stage;
      if (from === stage) return;
      setState((s) => relocate(s, card, from, { ...card, stage }));
      try {
        const saved = await moveOpportunity(card, stage, lostReason);
        setState((s) => ({ ...s, columns: replaceCard(s.columns, stage, { ...card, ...saved }) }));
        void refreshSummary().catch(() => undefined);
      } catch (error) {
        setState((s) => relocate(s, { ...card, stage }, stage, card));
        throw error;
      }
    },
    [refreshSummary],
  );

  return { ...state, reload, showMore: (stage: string) => void loadColumn(stage, state.columns[stage]?.nextCursor ?? null), move };
}

function replaceCard(columns: Record<string, Column>, stage: string, card: BoardCard): Record<string, Column> {
  const column = columns[stage];
  if (!column) return columns;
  return { ...columns, [stage]: { ...column, cards: column.cards.map((c) => (c.id === card.id ? card : c)) } };
}
