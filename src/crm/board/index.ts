export { summarizeBoard, listBoardCards, getBoardCard, listOwnerOptions, summarizeLeadFunnel } from './board.ts';
export { boardRoutes } from './routes.ts';
export type { BoardCard, StageSummary, OwnerOption, LeadFunnel } from './schema.ts';
