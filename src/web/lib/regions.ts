import { useEffect, useState } from 'react';
import { getJson } from './api.js';
import type { Regions } from './geography.js';

let regions: Promise<Regions> | undefined;

/** SCB's regions, fetched once per page load; `null` until they arrive (or if they fail). */
export function useRegions(): Regions | null {
  const [value, setValue] = useState<Regions | null>(null);
  useEffect(() => {
    let active = true;
    regions ??= getJson<Regions>('/api/regions');
    regions.then(
      (r) => active && setValue(r),
      () => {
        regions = undefined; // try again on the next page
      },
    );
    return () => {
      active = false;
    };
  }, []);
  return value;
}
