export { createDefinition } from './create-definition.ts';
export { updateDefinition, type UpdateDefinitionRequest } from './update-definition.ts';
export { listDefinitions, getDefinition } from './list-definitions.ts';
export {
  validateCustomFields, loadCustomFieldChecker, mergeCustomFields, type ValidateCustomFieldsOptions, type CustomFieldChecker,
} from './validate-custom-fields.ts';
export { customFieldRoutes } from './routes.ts';
export {
  CUSTOM_FIELD_ENTITY_TYPES, CUSTOM_FIELD_TYPES, customFieldValuesSchema, customFieldValueSchema, customFieldKeySchema,
} from './schema.ts';
export type {
  CustomFieldDefinition, CustomFieldEntityType, CustomFieldType, CustomFieldValue, CustomFieldValues, CreateDefinitionInput,
  UpdateDefinitionInput, ListDefinitionsQuery, CustomFieldTables,
} from './schema.ts';
