/** What one delivery attempt came to; the dispatcher turns it into the row's next state. */
export type DeliveryOutcome =
  /** Delivered, and the row already marked in the same transaction (subscribers). */
  | { kind: 'recorded' }
  | { kind: 'delivered'; statusCode: number | null }
  /** `final`: retrying cannot help (endpoint deleted or disabled), so the delivery is dead at once. */
  | { kind: 'failed'; error: string; statusCode: number | null; final: boolean };

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
