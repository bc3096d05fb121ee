/**
 * The small geometry behind the offline site map: WGS 84 longitude/latitude projected onto an SVG
 * view box, with no tiles and no map library. An equirectangular projection scaled by the cosine
 * of the middle latitude keeps shapes right at a municipality's scale (distortion well under 1 %
 * across a county), which is all this map needs. Pure, so it runs in unit tests.
 */
export type LonLat = readonly [number, number];
export type Point = readonly [number, number];

export interface MapFrame {
  width: number;
  height: number;
  project: (lonLat: LonLat) => Point;
}

/** The smallest span shown, in degrees, so a single site is not zoomed in to nothing. */
const MIN_SPAN = 0.02;

/**
 * A frame that fits every given position into a view box `width` wide, with `padding` around it;
 * the height follows the shape of the area (between `minHeight` and `maxHeight`).
 */
export function fitFrame(
  positions: readonly LonLat[],
  options: { width?: number; padding?: number; minHeight?: number; maxHeight?: number } = {},
): MapFrame {
  const { width = 600, padding = 24, minHeight = 240, maxHeight = 520 } = options;
  if (positions.length === 0) return { width, height: minHeight, project: () => [width / 2, minHeight / 2] };
  const lats = positions.map((p) => p[1]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = positions.map((p) => p[0] * k);
  const ys = positions.map((p) => -p[1]);
  let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const widen = (lo: number, hi: number): [number, number] => {
    const span = hi - lo;
    if (span >= MIN_SPAN) return [lo, hi];
    const mid = (lo + hi) / 2;
    return [mid - MIN_SPAN / 2, mid + MIN_SPAN / 2];
  };
  [minX, maxX] = widen(minX, maxX);
  [minY, maxY] = widen(minY, maxY);
  const inner = width - 2 * padding;
  const height = Math.min(maxHeight, Math.max(minHeight, inner * ((maxY - minY) / (maxX - minX)) + 2 * padding));
  const scale = Math.min(inner / (maxX - minX), (height - 2 * padding) / (maxY - minY));
  // Centre the area in the box.
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  return {
    width,
    height: Math.round(height),
    project: ([lon, lat]) => [round(offsetX + (lon * k - minX) * scale), round(offsetY + (-lat - minY) * scale)],
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** An SVG path for closed rings (an outline with its holes or islands). */
export function ringsToPath(rings: readonly (readonly LonLat[])[], project: MapFrame['project']): string {
  return rings
    .filter((ring) => ring.length >= 3)
    .map((ring) => `M${ring.map((p) => project(p).join(' ')).join('L')}Z`)
    .join('');
}

/** Where to write a label for an outline: the average of its first ring's corners. */
export function labelPoint(rings: readonly (readonly LonLat[])[]): LonLat | null {
  const ring = rings[0];
  if (!ring || ring.length === 0) return null;
  // A closed ring repeats its first corner last; count it once.
  const corners =
    ring.length > 1 && ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1]
      ? ring.slice(0, -1)
      : ring;
  const lon = corners.reduce((s, p) => s + p[0], 0) / corners.length;
  const lat = corners.reduce((s, p) => s + p[1], 0) / corners.length;
  return [lon, lat];
}
