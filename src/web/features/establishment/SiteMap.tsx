import { useId } from 'react';
import type { MapResponse } from '../../../contracts/establishment.js';
import { fitFrame, type LonLat, labelPoint, ringsToPath } from './map-projection.js';

export interface MapSite {
  id: string;
  /** The number shown on the map and in the list beside it. */
  number: number;
  location: { lat: number; lon: number } | null;
}

/**
 * The offline map: municipality outlines and numbered site markers drawn as inline SVG from
 * vector data Lotsen serves itself (no tiles, nothing fetched from elsewhere). It is one image
 * with a text alternative; the list or table beside it is the accessible way to the sites.
 */
export function SiteMap({
  outlines,
  sites,
  label,
  caption,
}: {
  outlines: MapResponse['outlines'];
  sites: readonly MapSite[];
  label: string;
  caption: string;
}) {
  const titleId = useId();
  const positions: LonLat[] = [
    ...outlines.flatMap((o) => o.rings.flat()),
    ...sites.flatMap((s) => (s.location ? [[s.location.lon, s.location.lat] as const] : [])),
  ];
  const frame = fitFrame(positions);
  return (
    <figure className="site-map">
      <svg
        className="site-map__svg"
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-labelledby={titleId}
        focusable="false"
      >
        <title id={titleId}>{label}</title>
        {outlines.map((o) => (
          <path key={o.municipality.code} className="site-map__area" d={ringsToPath(o.rings, frame.project)} />
        ))}
        {outlines.map((o) => {
          const at = labelPoint(o.rings);
          if (!at) return null;
          const [x, y] = frame.project(at);
          return (
            <text key={`label-${o.municipality.code}`} className="site-map__area-label" x={x} y={y}>
              {o.municipality.name}
            </text>
          );
        })}
        {sites.map((s) => {
          if (!s.location) return null;
          const [x, y] = frame.project([s.location.lon, s.location.lat]);
          return (
            <g key={s.id} className="site-map__site">
              <circle className="site-map__marker" cx={x} cy={y} r={11} />
              <text className="site-map__number" x={x} y={y} dy="0.35em">
                {s.number}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="site-map__caption">{caption}</figcaption>
    </figure>
  );
}
