import { z } from 'zod';
import { plainDateSchema } from '../shared/validation/field-schemas.ts';
import { DEAL_TYPES } from './tables.ts';

// The `booking.recorded` payload published by orders (contract in /tmp/coord/order-placed.md, kept
// in docs/cpq.md). Amounts arrive as strings of minor units. Unknown fields are ignored.
const minorText = z.string().regex(/^-?\d{1,18}$/, 'expected an integer in minor units').transform((text) => BigInt(text));

export const bookingRecordedSchema = z.object({
  bookingId: z.string().min(1),
  orderId: z.string().min(1).nullable().optional(),
  quoteId: z.string().min(1).nullable().optional(),
  opportunityId: z.string().min(1).nullable().optional(),
  accountId: z.string().min(1).nullable().optional(),
  ownerUserId: z.string().min(1).nullable().optional(),
  bookingType: z.enum(DEAL_TYPES),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a currency code in capitals, e.g. EUR'),
  firstYearMinor: minorText,
  acvMinor: minorText,
  lines: z.array(z.object({ productFamily: z.string().nullable().optional(), acvMinor: minorText, firstYearMinor: minorText })),
  bookedDate: plainDateSchema,
});
export type BookingRecorded = z.output<typeof bookingRecordedSchema>;
