import { useId, useMemo, useState } from 'react';
import type { EstablishmentSiteResponse, MapResponse } from '../../../contracts/establishment.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { useMe } from '../access/use-me.js';
import { SiteMap } from './SiteMap.js';
import { filterSites, municipalitiesOf, NO_FILTER, parseArea, type SiteFilter } from './site-filters.js';
import './establishment.css';

/** Sites for establishment: a filter, the offline map and the same sites as a table. */
export function SitesPage() {
  const { t } = useI18n();
  const e = t.establishment;
  useDocumentTitle(e.title);
  const sites = useApi<ListResponse<EstablishmentSiteResponse>>('/api/establishment/sites?limit=100');
  const map = useApi<MapResponse>('/api/establishment/map');
  const [filter, setFilter] = useState<SiteFilter>(NO_FILTER);
  const me = useMe();
  const staff = me.state === 'ok' && me.me.user.kind === 'staff';
  const ids = { municipality: useId(), rail: useId(), area: useId(), areaError: useId(), table: useId() };

  const all = sites.state === 'ok' ? sites.data.items : [];
  const shown = useMemo(() => filterSites(all, filter), [all, filter]);
  const areaInvalid = parseArea(filter.minArea) === undefined;

  return (
    <>
      <h1>{e.title}</h1>
      <p className="lead">{e.lead}</p>
      {staff && (
        <p>
          <Link to={paths.inquiries}>{t.investment.title}</Link>
        </p>
      )}
      {sites.state === 'loading' && <Loading />}
      {sites.state === 'error' && <LoadError error={sites.error} onRetry={sites.reload} />}
      {sites.state === 'ok' && (
        <>
          <form className="filters" role="search" aria-label={e.filters} onSubmit={(ev) => ev.preventDefault()}>
            <div className="site-filters__grid">
              <div className="field">
                <label htmlFor={ids.municipality}>{e.municipality}</label>
                <select
                  id={ids.municipality}
                  className="select"
                  value={filter.municipality}
                  onChange={(ev) => setFilter({ ...filter, municipality: ev.target.value })}
                >
                  <option value="">{e.allMunicipalities}</option>
                  {municipalitiesOf(all).map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className={areaInvalid ? 'field field--error' : 'field'}>
                <label htmlFor={ids.area}>{e.minArea}</label>
                {areaInvalid && (
                  <p className="field__error" id={ids.areaError}>
                    {e.minAreaError}
                  </p>
                )}
                <input
                  id={ids.area}
                  className="input input--medium"
                  inputMode="decimal"
                  value={filter.minArea}
                  aria-invalid={areaInvalid || undefined}
                  aria-describedby={areaInvalid ? ids.areaError : undefined}
                  onChange={(ev) => setFilter({ ...filter, minArea: ev.target.value })}
                />
              </div>
              <div className="field choice">
                <input
                  id={ids.rail}
                  type="checkbox"
                  checked={filter.rail}
                  onChange={(ev) => setFilter({ ...filter, rail: ev.target.checked })}
                />
                <label htmlFor={ids.rail}>{e.rail}</label>
              </div>
            </div>
          </form>
          <p className="results__count" aria-live="polite">
            {e.count(shown.length)}
          </p>

          <h2>{e.mapHeading}</h2>
          {map.state === 'error' && <LoadError error={map.error} onRetry={map.reload} level={null} />}
          {map.state === 'ok' && (
            <SiteMap
              outlines={map.data.outlines.filter((o) => shown.some((s) => s.municipality.code === o.municipality.code))}
              sites={shown.map((s, i) => ({ id: s.id, number: i + 1, location: s.location }))}
              label={e.mapLabel(shown.length, new Set(shown.map((s) => s.municipality.code)).size)}
              caption={`${e.mapOffline} ${map.data.attribution}`}
            />
          )}

          <h2 id={`${ids.table}-heading`}>{e.tableHeading}</h2>
          {shown.length === 0 ? (
            <p>{e.none}</p>
          ) : (
            // A scrollable region must be reachable by keyboard (WCAG 2.1.1), hence the tabIndex.
            <div className="site-table" role="region" aria-labelledby={`${ids.table}-heading`} tabIndex={0}>
              <table>
                <caption>{e.tableCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{e.number}</th>
                    <th scope="col">{e.name}</th>
                    <th scope="col">{e.municipality}</th>
                    <th scope="col">{e.area}</th>
                    <th scope="col">{e.planStatus}</th>
                    <th scope="col">{e.availability}</th>
                    <th scope="col">{e.services}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((s, i) => (
                    <tr key={s.id}>
                      <td>
                        <span className="site-number">{i + 1}</span>
                      </td>
                      <th scope="row">
                        <Link to={paths.site(s.id)}>{s.name}</Link>
                        {s.fictional && <span className="site-tag">{e.fictional}</span>}
                      </th>
                      <td>{s.municipality.name}</td>
                      <td>{s.areaHa === null ? e.unknown : e.hectares(s.areaHa)}</td>
                      <td>{labelOf(e.planStatuses, s.planStatus)}</td>
                      <td>{labelOf(e.availabilities, s.availability)}</td>
                      <td>{servicesText(s, e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

type Texts = ReturnType<typeof useI18n>['t']['establishment'];

/** "40 MW · Järnvägsspår: Ja · E18, 2 km", leaving out what is not known. */
export function servicesText(s: EstablishmentSiteResponse, e: Texts): string {
  const parts: string[] = [];
  if (s.services.powerMw !== null) parts.push(e.powerMw(s.services.powerMw));
  if (s.services.railSiding !== null) parts.push(`${e.railSiding}: ${s.services.railSiding ? e.yes : e.no}`);
  if (s.services.road) parts.push(e.roadKm(s.services.road.name, s.services.road.km));
  return parts.length > 0 ? parts.join(' · ') : e.unknown;
}
