import { InvalidArgumentError } from 'commander';
import { parsePlainDate } from '../shared/dates.ts';

/** A --date option: a calendar day that exists, else a usage error (exit 2) naming the option. */
export function parseDateOption(value: string): string {
  try {
    parsePlainDate(value);
    return value;
  } catch {
    throw new InvalidArgumentError('must be a calendar date as YYYY-MM-DD');
  }
}
