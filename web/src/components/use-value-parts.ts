import { useEffect, useRef, useState } from 'react';

/**
 * A field's value kept as two parts entered apart (MonthField's month and year, DateTimeField's day
 * and time). The value is the parts joined ('' while either is missing); a value given from outside
 * splits into new parts, but a value the field sent itself comes back without rewriting them (what is
 * half typed stays). `missing` names the part the user left out, once it is said at the field.
 */
export function useValueParts<Parts extends object, Missing extends string>(
  value: string, split: (value: string) => Parts, join: (parts: Parts) => string, onValueChange: (value: string) => void,
) {
  const [parts, setParts] = useState<Parts>(() => split(value));
  const latest = useRef(parts);
  // The value last given or sent, as the parts write it back.
  const seen = useRef(join(split(value)));
  const [missing, setMissing] = useState<Missing | null>(null);

  useEffect(() => {
    const normalized = join(split(value));
    if (normalized === seen.current) return;
    seen.current = normalized;
    latest.current = split(value);
    setParts(latest.current);
    setMissing(null);
    // split and join are module functions: the value alone decides.
  }, [value]);

  /** One part changed, over the latest parts (two changes in one event both count). */
  const updatePart = (change: Partial<Parts>) => {
    const next = { ...latest.current, ...change };
    latest.current = next;
    setParts(next);
    setMissing(null);
    const joined = join(next);
    if (joined === seen.current) return;
    seen.current = joined;
    onValueChange(joined);
  };
  return { parts, missing, setMissing, updatePart };
}
