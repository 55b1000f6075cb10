import type { Generated, Selectable } from 'kysely';
import { z } from 'zod';
import type { Json, Timestamp } from '../../shared/db/tables.ts';
import { text } from '../shared-fields.ts';

/** The lists a view can belong to; each keeps its own views. */
export const SAVED_VIEW_SCOPES = ['opportunities', 'leads'] as const;
export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];
/** A user's views per list are few: listed whole, never paged. */
export const MAX_VIEWS_PER_SCOPE = 100;

/**
 * The list's query string as a flat object (`{ "stage": "proposal", "sort": "amount" }`): a view
 * replays it against the list endpoint, which validates it again, so only the shape is checked here.
 */
const filtersSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,49}$/, 'a query parameter name'), z.string().max(500))
  .refine((filters) => Object.keys(filters).length <= 30, 'at most 30 filters')
  .describe('Query parameters of the list, e.g. {"stage": "proposal", "sort": "closeDate"}');

export const createSavedViewSchema = z.object({ scope: z.enum(SAVED_VIEW_SCOPES), name: text(100), filters: filtersSchema }).strict();
export type CreateSavedViewInput = z.input<typeof createSavedViewSchema>;

export const updateSavedViewSchema = z.object({ name: text(100), filters: filtersSchema }).partial().strict();
export type UpdateSavedViewInput = z.input<typeof updateSavedViewSchema>;
export const updateSavedViewBodySchema = updateSavedViewSchema.extend({ version: z.number().int().positive().optional() }).strict();

export const listSavedViewsQuerySchema = z.object({ scope: z.enum(SAVED_VIEW_SCOPES) }).strict();

export const savedViewSchema = z.object({
  id: z.string(),
  scope: z.enum(SAVED_VIEW_SCOPES),
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export type SavedViewsTable = {
  id: string;
  user_id: string;
  scope: SavedViewScope;
  name: string;
  filters: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};
export type SavedViewRow = Selectable<SavedViewsTable>;
export type SavedViewTables = { saved_views: SavedViewsTable };
