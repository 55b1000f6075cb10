import { apiRequest } from '../lib/api.ts';
import type { Page } from '../lib/use-paged-list.ts';
import { buildPageUrl, type PagedListQuery } from '../lib/page-url.ts';
import type { BoardCard, Opportunity, OwnerOption, SavedView, SavedViewScope, Stage, StageSummary } from './types.ts';

export async function fetchStages(): Promise<Stage[]> {
  return (await apiRequest<{ data: Stage[] }>('GET', '/pipeline-stages')).data;
}

export async function fetchBoardSummary(filters: PagedListQuery): Promise<StageSummary[]> {
  return (await apiRequest<{ data: StageSummary[] }>('GET', buildPageUrl('/pipeline-board/summary', filters, null))).data;
}

export async function fetchCards(query: PagedListQuery, cursor: string | null): Promise<Page<BoardCard>> {
  return apiRequest<Page<BoardCard>>('GET', buildPageUrl('/pipeline-board/cards', query, cursor));
}

export async function fetchOwners(): Promise<OwnerOption[]> {
  return (await apiRequest<{ data: OwnerOption[] }>('GET', '/pipeline-board/owners')).data;
}

/** POST …/stage writes the stage history; the version guards against moving a stale card. */
export async function moveOpportunity(card: Opportunity, stage: string, lostReason?: string): Promise<Opportunity> {
  return apiRequest<Opportunity>('POST', `/opportunities/${encodeURIComponent(card.id)}/stage`, {
    stage,
    version: card.version,
    ...(lostReason !== undefined ? { lostReason } : {}),
  });
}

export async function fetchSavedViews(scope: SavedViewScope): Promise<SavedView[]> {
  return (await apiRequest<{ data: SavedView[] }>('GET', `/saved-views?scope=${scope}`)).data;
}

export async function createSavedView(scope: SavedViewScope, name: string, filters: Record<string, string>): Promise<SavedView> {
  return apiRequest<SavedView>('POST', '/saved-views', { scope, name, filters });
}

export async function deleteSavedView(id: string): Promise<void> {
  await apiRequest<null>('DELETE', `/saved-views/${encodeURIComponent(id)}`);
}
