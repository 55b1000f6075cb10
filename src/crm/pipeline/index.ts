export { createStage } from './create-stage.ts';
export { updateStage, type UpdateStageRequest } from './update-stage.ts';
export { deleteStage } from './delete-stage.ts';
export { listStages, getStage, findStage } from './list-stages.ts';
export { reorderStages } from './reorder-stages.ts';
export { pipelineRoutes } from './routes.ts';
export { STAGE_KINDS, FORECAST_CATEGORIES, stageKeySchema, probabilityBpsSchema } from './schema.ts';
export type { Stage, StageKind, ForecastCategory, CreateStageInput, UpdateStageInput, ReorderStagesInput, ListStagesQuery, PipelineTables } from './schema.ts';
