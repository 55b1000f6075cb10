import { z } from 'zod';

/** Response fields every importable, versioned CRM record ends with (import key, timestamps, version). */
export const importedRecordResponseFields = {
  sourceSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
};
