import { useEffect, useState } from 'react';
import { fetchStages } from './api.ts';
import type { Stage } from './types.ts';

/** The pipeline stages in configured order (labels for lists and filters; empty until loaded). */
export function useStages(): Stage[] {
  const [stages, setStages] = useState<Stage[]>([]);
  useEffect(() => {
    let live = true;
    fetchStages().then((data) => live && setStages(data), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return stages;
}
