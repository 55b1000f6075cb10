export { listSavedViews, createSavedView, updateSavedView, deleteSavedView } from './saved-views.ts';
export { savedViewRoutes } from './routes.ts';
export { SAVED_VIEW_SCOPES } from './schema.ts';
export type { SavedView, SavedViewScope, CreateSavedViewInput, UpdateSavedViewInput, SavedViewTables } from './schema.ts';
