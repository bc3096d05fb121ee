import type { EstablishmentSiteResponse, MapResponse } from '../../../contracts/establishment.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { SiteMap } from './SiteMap.js';
import './establishment.css';

/** One site: the facts, services, contact and a map of its municipality. */
export function SitePage({ id }: { id: string }) {
  const { t } = useI18n();
  const e = t.establishment;
  const site = useApi<EstablishmentSiteResponse>(`/api/establishment/sites/${encodeURIComponent(id)}`);
  const map = useApi<MapResponse>(
    site.state === 'ok' ? `/api/establishment/map?municipality=${site.data.municipality.code}` : null,
  );
  useDocumentTitle(site.state === 'ok' ? site.data.name : site.state === 'error' ? t.errors.heading : null);

  if (site.state === 'loading') return <Loading />;
  if (site.state === 'error') return <LoadError error={site.error} onRetry={site.reload} level={1} />;
  const s = site.data;
  const yesNo = (v: boolean | null) => (v === null ? e.unknown : v ? e.yes : e.no);

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.sites}>{e.backToList}</Link>
      </p>
      <h1>{s.name}</h1>
      {s.fictional && <p className="notice">{e.fictional}</p>}
      <dl className="facts">
        <dt>{e.municipality}</dt>
        <dd>{s.municipality.name}</dd>
        <dt>{e.kind}</dt>
        <dd>{labelOf(e.kinds, s.kind)}</dd>
        <dt>{e.area}</dt>
        <dd>{s.areaHa === null ? e.unknown : e.hectares(s.areaHa)}</dd>
        <dt>{e.status}</dt>
        <dd>{labelOf(e.statuses, s.status)}</dd>
        <dt>{e.planStatus}</dt>
        <dd>{labelOf(e.planStatuses, s.planStatus)}</dd>
        <dt>{e.availability}</dt>
        <dd>{labelOf(e.availabilities, s.availability)}</dd>
        <dt>{e.power}</dt>
        <dd>{s.services.powerMw === null ? e.unknown : e.powerMw(s.services.powerMw)}</dd>
        <dt>{e.railSiding}</dt>
        <dd>{yesNo(s.services.railSiding)}</dd>
        <dt>{e.road}</dt>
        <dd>{s.services.road ? e.roadKm(s.services.road.name, s.services.road.km) : e.unknown}</dd>
      </dl>

      {s.notes && (
        <>
          <h2>{e.about}</h2>
          {/* The notes come from the catalogue in Swedish. */}
          <p className="prose" lang="sv">
            {s.notes}
          </p>
        </>
      )}

      <h2>{e.contact}</h2>
      {s.contact.name || s.contact.email || s.contact.organisation ? (
        <address className="contact">
          {s.contact.name && <p>{s.contact.name}</p>}
          {s.contact.organisation && (
            <p>
              <Link to={paths.organisation(s.contact.organisation.id)}>{s.contact.organisation.name}</Link>
            </p>
          )}
          {s.contact.email && (
            <p>
              <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
            </p>
          )}
          {s.contact.phone && <p>{s.contact.phone}</p>}
        </address>
      ) : (
        <p>{e.unknown}</p>
      )}

      <h2>{e.mapHeading}</h2>
      {!s.location && <p>{e.mapNoPosition}</p>}
      {map.state === 'ok' && (
        <SiteMap
          outlines={map.data.outlines}
          sites={[{ id: s.id, number: 1, location: s.location }]}
          label={e.mapSiteLabel(s.name, s.municipality.name)}
          caption={`${e.mapOffline} ${map.data.attribution}`}
        />
      )}
    </>
  );
}
