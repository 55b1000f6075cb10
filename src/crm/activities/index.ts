export { createActivity } from './create-activity.ts';
export { getActivity, findActivity } from './get-activity.ts';
export { updateActivity, type UpdateActivityRequest } from './update-activity.ts';
export { deleteActivity } from './delete-activity.ts';
export { listActivities, type ActivityPage } from './list-activities.ts';
export { activityRoutes } from './routes.ts';
export { ACTIVITY_TYPES, TASK_STATUSES, ACTIVITY_SORTS } from './schema.ts';
export type { Activity, ActivityFields, ActivityType, TaskStatus, ActivitySort, CreateActivityInput, UpdateActivityInput, ListActivitiesQuery, ActivityTables } from './schema.ts';
