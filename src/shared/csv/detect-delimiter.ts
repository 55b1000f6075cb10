export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a CSV file, judged from its header line: the candidate that occurs most often
 * outside double quotes. Headers are the safest line to judge by: data lines carry decimal commas
 * ("1,5") and free text, header names rarely do. Ties (a one-column file) fall back to ','.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as Delimiter)) counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** The first line of `text` (without its line break and a leading BOM). */
export function firstLine(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = withoutBom.search(/\r|\n/);
  return end === -1 ? withoutBom : withoutBom.slice(0, end);
}
