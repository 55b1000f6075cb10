/**
 * Event type names and the patterns subscribers and webhooks use to pick them.
 * A type is past tense and dot separated (`quote.accepted`, `invoice.issued`):
 * it names something that already happened, so a subscriber reacts instead of
 * being asked to do something (STYLE.md "Layout").
 */
const SEGMENT = '[a-z][a-z0-9_]*';
const EVENT_TYPE = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})+$`);
const PREFIX_PATTERN = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*\\.\\*$`);

export function isEventType(value: string): boolean {
  return EVENT_TYPE.test(value);
}

/** `*` (everything), `quote.*` (everything under a prefix) or an exact type. */
export function isEventTypePattern(value: string): boolean {
  return value === '*' || PREFIX_PATTERN.test(value) || EVENT_TYPE.test(value);
}

export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function matchesAnyEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => matchesEventType(pattern, type));
}
