import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { actorName, useActorNames } from '../lib/use-actor-names.ts';
import type { Breakdown } from './metrics-api.ts';

/** A breakdown value as the reader sees it: an owner's name for a user id; any other value as sent. */
export type SegmentName = (segment: string) => string;

const asSent: SegmentName = (segment) => segment;
const SegmentNameContext = createContext<SegmentName>(asSent);

/**
 * Names the breakdown values of the report below it: by owner, a value is a user id
 * (docs/metrics.md "Who sees what"), shown as the person's name (GET /actors, once per page load);
 * the table, chart legend, value filter and explanation all read it. The URL and the CSV keep the ids.
 */
export function SegmentNameProvider({ breakdown, values, children }: { breakdown: Breakdown | null; values: readonly string[]; children: ReactNode }) {
  // '(none)' is the table's word for records without an owner (table-model.ts), not an id.
  const ids = breakdown === 'owner' ? values.filter((value) => value !== '(none)') : [];
  const names = useActorNames(ids);
  // The names map is shared and filled in place: the names resolved so far make the function new.
  const resolved = ids.map((id) => names.get(id) ?? '').join('\u0000');
  const nameOf = useMemo<SegmentName>(() => (breakdown === 'owner' ? (segment) => actorName(segment, names) : asSent), [breakdown, names, resolved]);
  return <SegmentNameContext.Provider value={nameOf}>{children}</SegmentNameContext.Provider>;
}

export function useSegmentName(): SegmentName {
  return useContext(SegmentNameContext);
}
